//go:build textbook

package tensor

const textbookBuild = true
