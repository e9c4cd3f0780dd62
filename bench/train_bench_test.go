package bench

import "testing"

// BenchmarkTrainNets runs RunTrain's step on the default nets at batch 64 at
// the current GOMAXPROCS (set with -cpu), reporting seconds per 60,000-
// example epoch:
//
//	go test -run '^$' -bench TrainNets -cpu 1,2 ./bench
func BenchmarkTrainNets(b *testing.B) {
	for _, net := range DefaultNets {
		b.Run(net, func(b *testing.B) {
			t, err := newTrainer(net, 64)
			if err != nil {
				b.Fatal(err)
			}
			t.step()
			for b.Loop() {
				t.step()
			}
			perStep := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(perStep*EpochExamples/64, "s/epoch")
		})
	}
}
