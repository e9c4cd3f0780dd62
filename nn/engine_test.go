//go:build !textbook

package nn_test

import "testing"

// skipInTextbook does nothing outside the textbook build.
func skipInTextbook(t *testing.T) {}
