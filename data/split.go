package data

// split.go: holding out part of a set, shuffled, for validation or test.

import (
	"fmt"
	"math/rand/v2"

	"dlgo/tensor"
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

// SplitInPlace is Split without the copies: it shuffles the rows of s in
// place with the same permutation Split draws from rng, and returns train
// and held as views of s's storage (the first n − nHeld rows, then the
// rest), so that splitting a large set costs no memory. s must not be
// used afterwards except through them.
func SplitInPlace(s *Set, frac float64, rng *rand.Rand) (train, held *Set) {
	if frac < 0 || frac >= 1 {
		panic(fmt.Sprintf("data.SplitInPlace: fraction %v outside [0, 1)", frac))
	}
	n, d := s.Len(), s.Dim()
	nHeld := int(frac*float64(n) + 0.5)
	if frac > 0 && nHeld == 0 && n >= 2 {
		nHeld = 1
	}
	perm := rng.Perm(n)
	// Row i takes old row perm[i]: follow each cycle of the permutation,
	// holding one row aside.
	done := make([]bool, n)
	tmp := make([]float64, d)
	for start := range n {
		if done[start] {
			continue
		}
		copy(tmp, s.X.Row(start))
		lbl := s.Labels[start]
		i := start
		for {
			done[i] = true
			j := perm[i]
			if j == start {
				copy(s.X.Row(i), tmp)
				s.Labels[i] = lbl
				break
			}
			copy(s.X.Row(i), s.X.Row(j))
			s.Labels[i] = s.Labels[j]
			i = j
		}
	}
	view := func(lo, hi int) *Set {
		return &Set{
			Name:       s.Name,
			X:          &tensor.Tensor{Shape: []int{hi - lo, d}, Data: s.X.Data[lo*d : hi*d : hi*d]},
			Labels:     s.Labels[lo:hi:hi],
			Classes:    s.Classes,
			ClassNames: s.ClassNames,
			Features:   s.Features,
		}
	}
	return view(0, n-nHeld), view(n-nHeld, n)
}
