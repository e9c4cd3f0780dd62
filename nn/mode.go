// mode.go: the training mode — the one switch that makes a layer behave
// differently while it learns (Dropout drops units) and when it predicts
// (Dropout passes x through).

package nn

// TrainingModer is a layer with a training mode: Dropout, and Sequential,
// which passes the switch to its layers. A layer of your own that behaves
// differently in training implements it too, and SetTraining reaches it.
type TrainingModer interface {
	SetTraining(on bool)
}

// SetTraining switches model, and every layer inside it, into training
// mode (on) or inference mode (off). A new layer is in inference mode.
// Train switches the model on for its training steps and off for
// validation and when it returns; Evaluate, Predict and PredictProba
// switch it off. Call it yourself around a training loop written by hand:
//
//	nn.SetTraining(model, true)
//	for … { model.Forward(x); …; opt.Step(params) }
//	nn.SetTraining(model, false)
//
// Layers without a training mode are left as they are.
func SetTraining(model Layer, on bool) {
	if m, ok := model.(TrainingModer); ok {
		m.SetTraining(on)
	}
}
