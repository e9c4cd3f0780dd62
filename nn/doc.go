// Package nn is dlgo's neural networks: layers with explicit forward and
// backward passes, losses, optimizers, a training loop, gradient checking
// and model files, on the float64 tensors of package tensor.
//
// It follows Course 1 of the deep-learning specialization (logistic
// regression, 2-layer and deep nets, sigmoid, tanh, ReLU) plus softmax
// cross-entropy, He/Xavier initialisation, momentum, Adam, mini-batches and
// gradient checking. It deliberately has no automatic differentiation, no
// graph and no GPU: every derivative is written out next to its forward
// pass, in one file per layer or loss, with the formula in the comment.
//
// # Shapes
//
// A batch is a 2-D tensor, one example per row: x is batch×in, a Dense
// layer's W is in×out and b is 1×out, y = x·W + b is batch×out. Targets
// have the prediction's shape (one-hot rows for several classes, a column
// of 0/1 for one). A shape mismatch is a programming error: it panics with
// the operation's name and both shapes.
//
// # A training step
//
//	model.ZeroGrad()                   // or nn.ZeroGrad(params)
//	pred := model.Forward(x)           // each layer caches what Backward needs
//	cost := loss.Forward(pred, y)      // J, a mean over the batch
//	model.Backward(loss.Backward())    // adds dJ/dθ into every Param.Grad
//	opt.Step(params)                   // θ := θ − …
//
// Backward adds into Param.Grad rather than overwriting it, so gradients of
// a parameter used twice, or of several micro-batches, accumulate; ZeroGrad
// clears them. Layers and losses write into buffers of their own (resized,
// never shrunk, with tensor.Resize): after the first step, a step allocates
// nothing. A returned tensor is valid until the next call of the same
// layer or loss. Train runs this loop over shuffled mini-batches.
//
// The loop above computes, and throws away, the gradient of the data x:
// for a 784-128-10 net that is a third of the step. Setting NoInputGrad
// on the Sequential (&nn.Sequential{Layers: …, NoInputGrad: true}) skips
// it, as PyTorch does for an input that does not require a gradient;
// Backward then returns nil. Train does the same by itself.
//
// # Speed
//
// A step's time goes into the two large products of the first layer,
// x·W and xᵀ·dy (kernels.Gemm, which picks a tile that does not pad the
// layer's width, and handles one-column products as dot products). When
// x is mostly zeros, as MNIST's pixels are (81%), and the layer's width
// is a multiple of 64, Gemm sees it in the operand and both products skip
// the zeros (the same terms in the same order, so the results agree with
// the dense ones to rounding); Dense itself does not know. The rest is
// kept to one pass over memory each: Dense writes b into y and
// adds the product onto it; ReLU, its gradient and the SGD and Adam
// updates are SIMD loops (kernels.ReLU, ReLUGrad, Axpy, AdamUpdate) giving
// the bits of the plain Go loops they replace; SoftmaxCrossEntropy keeps the softmax of its
// Forward for Backward. With several threads (kernels.SetThreads), the
// products, the SGD update and a batch's copy (data.Batcher) are split
// across them, and the results stay bit-identical.
//
// # Training, checking, saving
//
// Train runs epochs of shuffled mini-batches with a per-epoch callback
// (EpochStats: loss, time, examples/s, validation loss and accuracy) and
// stops with a *DivergedError, naming the epoch, the batch and the layer,
// as soon as the loss or a weight becomes NaN or Inf (or the loss grows a
// millionfold). Evaluate gives cost and accuracy, Predict the outputs.
// GradCheck compares every parameter's backpropagated gradient with central
// differences. Save and Load (SaveFile and LoadFile, atomic) keep a
// Sequential in a versioned, checksummed binary file.
//
// # Values and pointers
//
// Layers, losses and optimizers are structs usable as literals, by value or
// by pointer: nn.Tanh{} and &nn.Tanh{} are both a Layer, nn.MSE{} and
// &nn.MSE{} both a Loss, nn.SGD{LR: 0.1} and &nn.SGD{LR: 0.1} both an
// Optimizer. Since a value in an interface cannot be changed by its
// methods, the state a layer or loss keeps between Forward and Backward is
// held behind an unexported pointer that the value's owner sets ("binds"):
//
//   - a Sequential binds its layers on every Forward: it stores a bound copy
//     of a value layer (of the same type) in Layers[i], and binds a pointer
//     layer in place;
//   - Train, Evaluate and GradCheck bind (a copy of) the loss they are given;
//   - Bind(v) does it by hand, for layers and losses used on their own;
//   - optimizers keep their state (velocity, moments, step count) in each
//     Param, so they need no binding: a Momentum or Adam value is stepped as
//     well as a pointer.
//
// An unbound layer or loss used on its own still works, for one value at a
// time: its Forward makes fresh buffers and records them in a slot of its
// type, where its Backward finds them. Interleaving two unbound values of
// one type (two nn.Tanh{} forwarded before either is backwarded), or using
// them from several goroutines, mixes their state: bind them. Dense, made
// by NewDense, is always a pointer with its own state. Copies of a bound
// value share its state; so do copies of a Sequential (they share Layers).
//
// Struct literals of these types should be keyed (nn.LeakyReLU{Slope:
// 0.01}), as go vet asks: the layers and losses have the unexported state
// field. The optimizers have only their exported fields.
//
// # Numerics
//
// Everything is float64. The sigmoid is computed by the sign of its input
// (no overflow at ±750), tanh by the standard library, BCEWithLogits in its
// log-sum-exp form (exact at logits of ±800), softmax cross-entropy with
// the row's maximum subtracted (exact at ±1000), BCE with its logarithm
// clamped (finite at p = 0 and 1). Randomness comes only from a caller's
// *rand.Rand (math/rand/v2): the same seed gives the same bits.
package nn
