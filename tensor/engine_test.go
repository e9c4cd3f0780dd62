//go:build !textbook

package tensor

const textbookBuild = false
