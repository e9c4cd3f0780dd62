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
// updates are SIMD loops (kernels' engine_vector.go and engine_adam.go) giving
// the bits of the plain Go loops they replace; SoftmaxCrossEntropy keeps the softmax of its
// Forward for Backward. With several threads (kernels.SetThreads), the
// products, the SGD update and a batch's copy (data.Batcher) are split
// across them, and the results stay bit-identical.
//
// # Training, checking, saving
//
// Train runs epochs of shuffled mini-batches with a per-epoch callback
// (EpochStats: loss and accuracy, time, examples/s, validation loss and
// accuracy), stops early after Patience epochs without a better validation
// loss, can end with the best epoch's weights (RestoreBest), and stops
// with a *DivergedError, naming the epoch, the batch and the layer, as
// soon as the loss or a weight becomes NaN or Inf (or the loss grows a
// millionfold). Evaluate gives cost and accuracy, Predict the outputs,
// PredictProba them as probabilities.
// GradCheck compares every parameter's backpropagated gradient with central
// differences. Save and Load (SaveFile and LoadFile, atomic) keep a
// Sequential in a versioned, checksummed binary file.
//
// # Layers and losses are pointers
//
// A layer or loss keeps what its Forward leaves for its Backward in its own
// unexported fields, so it is used as a pointer to a struct literal, with no
// constructor needed: &nn.Tanh{}, &nn.ReLU{}, &nn.LeakyReLU{Slope: 0.01},
// &nn.Dropout{Rate: 0.5}, &nn.MSE{}, &nn.BCE{}, &nn.BCEWithLogits{},
// &nn.SoftmaxCrossEntropy{}, &nn.Sequential{Layers: …}; NewDense returns a
// *Dense. A bare value (nn.Tanh{}) is not a Layer: the mistake is a
// compile error, not a wrong gradient. The package has no mutable state of
// its own, so two models on two goroutines share nothing; one layer, like
// any Go value with state, is not for concurrent use.
//
// Optimizers keep their state (velocity, moments, step count) in each
// Param, so they are plain values or pointers alike: nn.SGD{LR: 0.1},
// nn.NewMomentum(0.1), nn.NewAdam(0.001). A zero field of a literal never
// silently turns one algorithm into another: it means the documented
// default (nn.Adam{LR: 0.01} is NewAdam(0.01)), and Step refuses values
// out of range, naming the field.
//
// # Training mode
//
// Dropout behaves differently while a model learns and when it predicts.
// SetTraining(model, on) switches it; Train switches the model on for its
// steps and off for validation and when it returns, and Evaluate, Predict
// and PredictProba switch it off. A new model is in inference mode.
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
