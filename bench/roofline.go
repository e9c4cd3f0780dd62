package bench

// roofline.go: the roofline picture (Williams, Waterman and Patterson,
// "Roofline", CACM 2009): GFLOP/s against arithmetic intensity — 2·m·n·k
// over the bytes a product must move at least (Shape.Bytes) — under two
// roofs, the FMA peak and the memory bandwidth times the intensity, at one
// thread and at all threads. A product left of the ridge point cannot
// reach the peak whatever its kernel does; one right of it can, and the
// distance to the roof is the kernel's. It draws a report; it measures
// nothing.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ErrNoRoof is WriteRoofline's error for a report without a roof: no
// hardware FMA peak (a build without assembly) or no bandwidth measured
// at the peak's thread count.
var ErrNoRoof = errors.New("no roof: the report has no hardware FMA peak and memory bandwidth at one thread count")

// WriteRoofline draws the roofline of the report's NN rows as a PNG. It
// needs at least one peak and one bandwidth at the same thread count
// (ErrNoRoof otherwise).
func (r *Report) WriteRoofline(w io.Writer) error {
	series := r.collect(func(GemmResult) bool { return true }, func(g GemmResult) float64 { return g.Intensity })
	if len(series) == 0 {
		return fmt.Errorf("no NN products to draw a roofline of")
	}
	type roof struct {
		threads    int
		peak, gbps float64
	}
	var roofs []roof
	book := &peakBook{peaks: r.Peaks}
	for _, bw := range r.Bandwidth {
		if p := book.best(bw.Threads); p > 0 && bw.GBps > 0 {
			roofs = append(roofs, roof{bw.Threads, p, bw.GBps})
		}
	}
	if len(roofs) == 0 {
		return ErrNoRoof
	}
	slices.SortFunc(roofs, func(a, b roof) int { return a.threads - b.threads })

	p := plot.New()
	p.Title.Text = "Roofline: why a product can or cannot reach the peak"
	p.X.Label.Text = "arithmetic intensity, flop/byte (2·m·n·k ÷ 8·(mk + kn + mn))"
	p.Y.Label.Text = "GFLOP/s (median, bars min–max)"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())

	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, pt := range s.pts {
			minX, maxX = min(minX, pt.x), max(maxX, pt.x)
			minY, maxY = min(minY, max(pt.lo, pt.y/4)), max(maxY, pt.hi)
		}
	}
	for _, rf := range roofs {
		ridge := rf.peak / rf.gbps
		minX, maxX = min(minX, ridge), max(maxX, ridge)
		maxY = max(maxY, rf.peak)
	}
	x0, x1 := minX/2, maxX*2
	minY = max(minY, 1e-3)
	p.X.Min, p.X.Max = x0, x1
	p.Y.Min, p.Y.Max = minY/3, maxY*1.6 // room for the names at the bottom

	var lines []lineEntry
	for i, rf := range roofs {
		ridge := rf.peak / rf.gbps
		start := plotter.XY{X: x0, Y: rf.gbps * x0}
		if start.Y < p.Y.Min { // the slope enters the plot at its bottom edge
			start = plotter.XY{X: p.Y.Min / rf.gbps, Y: p.Y.Min}
		}
		l, err := plotter.NewLine(plotter.XYs{start, {X: ridge, Y: rf.peak}, {X: x1, Y: rf.peak}})
		if err != nil {
			return err
		}
		l.LineStyle = peakStyles[min(i, len(peakStyles)-1)]
		// The roof's label sits at the right above its flat part, or
		// below it for a roof just under another; the slope's figures are in
		// the legend, since the small products' points sit on it.
		roofLabel, err := plotter.NewLabels(plotter.XYLabels{
			XYs:    plotter.XYs{{X: x1, Y: rf.peak}},
			Labels: []string{fmt.Sprintf("%s: FMA peak %.1f GFLOP/s", threadsName(rf.threads), rf.peak)},
		})
		if err != nil {
			return err
		}
		roofLabel.TextStyle[0].XAlign = draw.XRight
		roofLabel.Offset = vg.Point{X: -vg.Points(4), Y: vg.Points(3)}
		if lower := slices.ContainsFunc(roofs, func(o roof) bool { return o.peak > rf.peak && o.peak < 1.3*rf.peak }); lower {
			roofLabel.TextStyle[0].YAlign = draw.YTop
			roofLabel.Offset.Y = -vg.Points(3)
		}
		lines = append(lines, lineEntry{"roof, " + threadsName(rf.threads), l.LineStyle},
			lineEntry{name: fmt.Sprintf("%.1f GB/s; ridge at %.1f", rf.gbps, ridge)})
		p.Add(l, roofLabel)
	}

	// Spread the series a little sideways (a few percent of intensity),
	// so that the paths' points and bars at one product do not cover each
	// other.
	ths := r.threadIndex()
	for k, s := range series {
		s.pts = slices.Clone(s.pts)
		for j := range s.pts {
			s.pts[j].x *= math.Pow(1.035, float64(k)-float64(len(series)-1)/2)
		}
		if _, _, err := addSeries(p, s, ths[s.threads], false); err != nil {
			return err
		}
	}
	// Name each product once, in a row along the bottom of the plot, under
	// its points: a square centred, another shape to the left (squares and
	// the MLP's shapes can share an intensity range: 128³ is 10.7
	// flop/byte, the MLP's 10.1).
	type low struct {
		x, y   float64
		name   string
		square bool
	}
	var lows []low
	for _, g := range r.Gemm {
		if g.Err != "" || g.Trans != "NN" || !(g.GFLOPS > 0) {
			continue
		}
		i := slices.IndexFunc(lows, func(l low) bool { return l.x == g.Intensity })
		if i < 0 {
			lows = append(lows, low{g.Intensity, g.Min, shapeLabel(g.Shape()), g.Shape().Square()})
		} else {
			lows[i].y = min(lows[i].y, g.Min)
			if n := shapeLabel(g.Shape()); !strings.Contains(lows[i].name, n) {
				lows[i].name += "\n" + n // the MLP's three products share one intensity
			}
		}
	}
	var names plotter.XYLabels
	var left []bool
	for _, l := range lows {
		x, y := l.x, p.Y.Min*1.1
		if !l.square {
			x /= 1.08
		}
		names.XYs = append(names.XYs, plotter.XY{X: x, Y: y})
		names.Labels = append(names.Labels, l.name)
		left = append(left, !l.square)
	}
	if len(names.Labels) > 0 {
		lb, err := plotter.NewLabels(names)
		if err != nil {
			return err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].XAlign = draw.XCenter
			lb.TextStyle[i].Font.Size = vg.Points(8)
			if left[i] {
				lb.TextStyle[i].XAlign = draw.XRight
			}
		}
		p.Add(lb)
	}
	p.Legend = plot.NewLegend()
	lg, err := r.legendFor(series, ths, lines, false)
	if err != nil {
		return err
	}
	return drawFigure(w, r.title("dlgo bench roofline"), []*plot.Plot{p}, []vg.Length{8 * vg.Inch}, lg)
}

// shapeLabel names a product for the roofline: "1024³" or "64×128×784".
func shapeLabel(s Shape) string {
	if s.Square() {
		return fmt.Sprintf("%d³", s.M)
	}
	return fmt.Sprintf("%d×%d×%d", s.M, s.N, s.K)
}
