// init.go: weight initialisers. Zero weights would make every unit of a
// layer compute the same thing forever; these break the symmetry at a
// scale that keeps activations from exploding or vanishing with depth.

package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// Initializer fills a weight matrix w (in×out) from rng. The same rng state
// gives the same bits.
type Initializer func(w *tensor.Tensor, rng *rand.Rand)

// He fills w (in×out) with draws from N(0, 2/in): the scale that keeps the
// variance of ReLU activations constant from layer to layer (He et al.,
// 2015). NewDense uses it.
func He(w *tensor.Tensor, rng *rand.Rand) {
	in, _ := fans("He", w)
	normal(w, rng, math.Sqrt(2/float64(in)))
}

// Xavier fills w (in×out) with draws from N(0, 2/(in + out)), Glorot and
// Bengio's (2010) scale for tanh and sigmoid layers.
func Xavier(w *tensor.Tensor, rng *rand.Rand) {
	in, out := fans("Xavier", w)
	normal(w, rng, math.Sqrt(2/float64(in+out)))
}

// SmallRandom fills w with draws from N(0, 1) times 0.01, the course's
// first initialisation (np.random.randn(...) * 0.01): fine for shallow
// nets, too small for deep ones (the signal vanishes).
func SmallRandom(w *tensor.Tensor, rng *rand.Rand) {
	fans("SmallRandom", w)
	normal(w, rng, 0.01)
}

// fans returns the fan-in and fan-out of a 2-D weight matrix.
func fans(op string, w *tensor.Tensor) (in, out int) {
	if len(w.Shape) != 2 {
		panic(fmt.Sprintf("nn.%s: want a 2-D weight matrix, have shape %v", op, w.Shape))
	}
	return w.Shape[0], w.Shape[1]
}

// normal fills w with draws from N(0, std²), in row-major order.
func normal(w *tensor.Tensor, rng *rand.Rand, std float64) {
	for i := range w.Data {
		w.Data[i] = std * rng.NormFloat64()
	}
}
