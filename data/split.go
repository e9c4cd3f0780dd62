package data

// split.go: holding out part of a set, shuffled, for validation or test.

import (
	"fmt"
	"math/rand/v2"
)

// Split shuffles the examples of s with rng and returns the first
// (1 − frac) of them as train and the remaining frac as held out, both
// copies. frac must be in [0, 1); rounding gives held at least one example
// when frac > 0 and s has two or more.
func Split(s *Set, frac float64, rng *rand.Rand) (train, held *Set) {
	if frac < 0 || frac >= 1 {
		panic(fmt.Sprintf("data.Split: fraction %v outside [0, 1)", frac))
	}
	n := s.Len()
	nHeld := int(frac*float64(n) + 0.5)
	if frac > 0 && nHeld == 0 && n >= 2 {
		nHeld = 1
	}
	perm := rng.Perm(n)
	return s.Subset(perm[:n-nHeld]), s.Subset(perm[n-nHeld:])
}
