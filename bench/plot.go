package bench

// plot.go: the pictures of a Gemm report, drawn with gonum.org/v1/plot:
// GFLOP/s against size with the two FMA peaks, and thread scaling
// (WritePlot); the roofline is roofline.go. Every path keeps the colour
// pathColor gives it in every picture and every run, min–max are error
// bars, the legend has its own column beside the data, and the title names
// the CPU and the date. It reads reports; it measures nothing.

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// pathColor is each path's colour, fixed by name so that a path looks the
// same in every plot of every run.
func pathColor(path string) color.Color {
	switch path {
	case "avx512":
		return color.RGBA{0xd6, 0x27, 0x28, 0xff} // red
	case "avx2":
		return color.RGBA{0x1f, 0x77, 0xb4, 0xff} // blue
	case "neon":
		return color.RGBA{0x94, 0x67, 0xbd, 0xff} // purple
	case "generic":
		return color.RGBA{0x2c, 0xa0, 0x2c, 0xff} // green
	case "gonum":
		return color.RGBA{0xff, 0x7f, 0x0e, 0xff} // orange
	case "blas":
		return color.RGBA{0x17, 0xbe, 0xcf, 0xff} // cyan
	case "naive":
		return color.RGBA{0x7f, 0x7f, 0x7f, 0xff} // grey
	}
	return color.RGBA{0x8c, 0x56, 0x4b, 0xff} // brown: a path not known here
}

// pathOrder sorts paths as the legend lists them: fastest kernels first,
// then the yardstick and the reference.
func pathOrder(path string) int {
	i := slices.Index([]string{"avx512", "avx2", "neon", "generic", "blas", "gonum", "naive"}, path)
	if i < 0 {
		return 99
	}
	return i
}

// threadGlyph is the marker of a thread count: a circle for one thread,
// a triangle for two, then a square, a ring, a cross.
func threadGlyph(threads, nth int) draw.GlyphDrawer {
	glyphs := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.RingGlyph{}, draw.PlusGlyph{}}
	return glyphs[min(nth, len(glyphs)-1)]
}

// threadDashes: one thread solid, more threads dashed.
func threadDashes(nth int) []vg.Length {
	if nth == 0 {
		return nil
	}
	return []vg.Length{vg.Points(5), vg.Points(3)}
}

// Peak lines: the one-thread peak dashed, the all-threads peak dotted and
// thicker, both black, each labelled on the plot.
var peakStyles = []draw.LineStyle{
	{Color: color.Black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(8), vg.Points(4)}},
	{Color: color.Black, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}},
}

// point is one row on a plot, with its error bar.
type point struct {
	x, y, lo, hi float64
	unstable     bool
}

// pointSeries is a path at a thread count: its points, sorted by x.
type pointSeries struct {
	path    string
	threads int
	pts     []point
}

// Len and XY make a pointSeries a plotter.XYer.
func (s pointSeries) Len() int                    { return len(s.pts) }
func (s pointSeries) XY(i int) (float64, float64) { return s.pts[i].x, s.pts[i].y } // see Len

// YError is the min–max range as plotter.YErrorBars wants it, relative to
// the median.
func (s pointSeries) YError(i int) (float64, float64) {
	return s.pts[i].y - s.pts[i].lo, s.pts[i].hi - s.pts[i].y
}

// collect groups the report's NN rows that keep returns true for into one
// series per path and thread count, x given by xOf, in legend order.
func (r *Report) collect(keep func(GemmResult) bool, xOf func(GemmResult) float64) []pointSeries {
	idx := map[[2]string]int{}
	var out []pointSeries
	for _, g := range r.Gemm {
		if g.Err != "" || g.Trans != "NN" || !keep(g) || !(g.GFLOPS > 0) {
			continue
		}
		k := [2]string{g.Path, fmt.Sprint(g.Threads)}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, pointSeries{path: g.Path, threads: g.Threads})
		}
		out[i].pts = append(out[i].pts, point{x: xOf(g), y: g.GFLOPS, lo: g.Min, hi: g.Max, unstable: g.Unstable})
	}
	for i := range out {
		slices.SortFunc(out[i].pts, func(a, b point) int { return cmpFloat(a.x, b.x) })
	}
	slices.SortStableFunc(out, func(a, b pointSeries) int {
		if d := pathOrder(a.path) - pathOrder(b.path); d != 0 {
			return d
		}
		return a.threads - b.threads
	})
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// threadIndex gives each thread count its rank (0 for the fewest).
func (r *Report) threadIndex() map[int]int {
	var ths []int
	for _, g := range r.Gemm {
		if !slices.Contains(ths, g.Threads) {
			ths = append(ths, g.Threads)
		}
	}
	slices.Sort(ths)
	m := map[int]int{}
	for i, t := range ths {
		m[t] = i
	}
	return m
}

// addSeries draws a series as a line with markers and error bars; hollow
// markers... are not needed: an unstable point gets a "~" label instead.
func addSeries(p *plot.Plot, s pointSeries, nth int, withLine bool) (*plotter.Line, *plotter.Scatter, error) {
	c := pathColor(s.path)
	sc, err := plotter.NewScatter(s)
	if err != nil {
		return nil, nil, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(3), Shape: threadGlyph(s.threads, nth)}
	eb, err := plotter.NewYErrorBars(s)
	if err != nil {
		return nil, nil, err
	}
	eb.LineStyle.Color = c
	eb.CapWidth = vg.Points(4)
	var l *plotter.Line
	if withLine && s.Len() > 1 {
		if l, err = plotter.NewLine(s); err != nil {
			return nil, nil, err
		}
		l.Color, l.Dashes, l.Width = c, threadDashes(nth), vg.Points(1.2)
		p.Add(l)
	}
	p.Add(eb, sc)
	var marks plotter.XYLabels
	for _, pt := range s.pts {
		if pt.unstable {
			marks.XYs = append(marks.XYs, plotter.XY{X: pt.x, Y: pt.hi})
			marks.Labels = append(marks.Labels, "~")
		}
	}
	if len(marks.Labels) > 0 {
		lb, err := plotter.NewLabels(marks)
		if err != nil {
			return nil, nil, err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Color = c
			lb.TextStyle[i].XAlign = draw.XCenter
		}
		p.Add(lb)
	}
	return l, sc, nil
}

// peakLine draws the peak at threads (style i) across [x0, x1] with its
// label just above the line (below it if another peak is just above): at the left end for the first peak, at the
// right end for the others, so that two close peaks' labels do not cover
// each other.
func peakLine(p *plot.Plot, pk Peak, i int, x0, x1 float64, lower bool) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: pk.GFLOPS}, {X: x1, Y: pk.GFLOPS}})
	if err != nil {
		return err
	}
	l.LineStyle = peakStyles[min(i, len(peakStyles)-1)]
	lb, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    plotter.XYs{{X: x0, Y: pk.GFLOPS}},
		Labels: []string{fmt.Sprintf("FMA peak, %s: %.1f GFLOP/s", threadsName(pk.Threads), pk.GFLOPS)},
	})
	if err != nil {
		return err
	}
	lb.Offset = vg.Point{X: vg.Points(3), Y: vg.Points(2)}
	if i > 0 {
		lb.XYs[0].X = x1
		lb.TextStyle[0].XAlign = draw.XRight
		lb.Offset.X = -vg.Points(3)
	}
	if lower { // another peak's line is just above: write under this one
		lb.TextStyle[0].YAlign = draw.YTop
		lb.Offset.Y = -vg.Points(3)
	}
	p.Add(l, lb)
	return nil
}

func threadsName(n int) string {
	if n == 1 {
		return "1 thread"
	}
	return fmt.Sprintf("%d threads", n)
}

// hardwarePeaks are the report's peaks that are the hardware's, fewest
// threads first: the lines the plots draw.
func (r *Report) hardwarePeaks() []Peak {
	var ps []Peak
	for _, p := range r.Peaks {
		if p.IsPeak && p.GFLOPS > 0 {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b Peak) int { return a.Threads - b.Threads })
	return ps
}

// legendFor builds the legend column: one entry per path (its colour),
// one per thread count (its marker and line), one per peak line.
// lineEntry is a legend entry for a line that is not a series: a peak, a
// roof.
type lineEntry struct {
	name  string
	style draw.LineStyle
}

// peakEntries are the legend entries of the peak lines peakLine draws.
func (r *Report) peakEntries() []lineEntry {
	var out []lineEntry
	for i, pk := range r.hardwarePeaks() {
		out = append(out, lineEntry{"FMA peak, " + threadsName(pk.Threads), peakStyles[min(i, len(peakStyles)-1)]})
	}
	return out
}

func (r *Report) legendFor(series []pointSeries, ths map[int]int, lines []lineEntry, ideal bool) (plot.Legend, error) {
	lg := plot.NewLegend()
	lg.Top, lg.Left = true, true
	var seen []string
	for _, s := range series {
		if slices.Contains(seen, s.path) {
			continue
		}
		seen = append(seen, s.path)
		name := s.path
		switch s.path {
		case "gonum":
			name = "gonum Dgemm (yardstick)"
		case "blas":
			name = "the machine's CBLAS"
		case "naive":
			name = "naive loop"
		}
		lg.Add(name, &plotter.BarChart{Color: pathColor(s.path), Horizontal: true, Width: vg.Points(6),
			LineStyle: draw.LineStyle{Color: pathColor(s.path), Width: 1}})
	}
	tcs := make([]int, 0, len(ths))
	for t := range ths {
		tcs = append(tcs, t)
	}
	slices.Sort(tcs)
	for _, t := range tcs {
		sc, err := plotter.NewScatter(plotter.XYs{{}})
		if err != nil {
			return lg, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(3), Shape: threadGlyph(t, ths[t])}
		l := &plotter.Line{LineStyle: draw.LineStyle{Color: color.Black, Width: vg.Points(1.2), Dashes: threadDashes(ths[t])}}
		lg.Add(threadsName(t), l, sc)
	}
	for _, e := range lines {
		if e.style.Width == 0 { // a second line of text for the entry above
			lg.Add(e.name)
			continue
		}
		lg.Add(e.name, &plotter.Line{LineStyle: e.style})
	}
	if ideal {
		lg.Add("ideal: 1 thread's × threads", &plotter.Line{LineStyle: draw.LineStyle{Color: color.Gray{Y: 90}, Width: 1, Dashes: idealDashes}})
	}
	for _, s := range series {
		if slices.ContainsFunc(s.pts, func(p point) bool { return p.unstable }) {
			lg.Add("~ unstable (see the table)")
			break
		}
	}
	return lg, nil
}

// idealDashes is the dotting of the ideal-scaling lines.
var idealDashes = []vg.Length{vg.Points(1), vg.Points(3)}

// title is the picture's heading: what, the CPU, the date.
func (r *Report) title(what string) string {
	date := r.Run.Start.Format("2 Jan 2006 15:04 MST")
	if r.Run.Start.IsZero() {
		date = "date unknown"
	}
	return fmt.Sprintf("%s — %s — %s", what, r.Machine.CPU, date)
}

// drawFigure lays out a heading, the plots side by side, and the legend in
// a column of its own to their right, and encodes the picture as PNG.
func drawFigure(w io.Writer, heading string, plots []*plot.Plot, widths []vg.Length, lg plot.Legend) error {
	const legendW, headH = 2.5 * vg.Inch, 0.5 * vg.Inch
	height := 5.2 * vg.Inch
	total := legendW
	for _, wd := range widths {
		total += wd
	}
	img := vgimg.New(total, height)
	dc := draw.New(img)
	x := vg.Length(0)
	for i, p := range plots {
		c := draw.Crop(dc, x+vg.Inch/8, -(total - x - widths[i] + vg.Inch/8), vg.Inch/8, -headH)
		p.Draw(c)
		x += widths[i]
	}
	lc := draw.Crop(dc, x+vg.Inch/8, 0, vg.Inch/2, -headH-vg.Inch/3)
	lg.Draw(lc)
	// The heading last: each plot paints its own background over its
	// canvas.
	head := plot.New().Title.TextStyle
	head.Font.Size = vg.Points(13)
	head.XAlign, head.YAlign = draw.XCenter, draw.YCenter
	dc.FillText(head, vg.Point{X: total / 2, Y: height - headH/2}, heading)
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// WritePlot draws the report's Gemm rows as a PNG: GFLOP/s against the
// size of square n×n×n products (error bars min–max, the FMA peaks as
// labelled lines), and thread scaling at the largest size every thread
// count reached, with each path's ideal (its one-thread figure times the
// threads) dotted. Rows marked unstable carry a "~".
func (r *Report) WritePlot(w io.Writer) error {
	series := r.collect(func(g GemmResult) bool { return g.Shape().Square() }, func(g GemmResult) float64 { return float64(g.M) })
	if len(series) == 0 {
		return fmt.Errorf("no square NN products to plot (add square sizes with -sizes)")
	}
	ths := r.threadIndex()

	sizes := plot.New()
	sizes.Title.Text = "Gemm, n×n×n"
	sizes.X.Label.Text = "n"
	sizes.Y.Label.Text = "GFLOP/s (median, bars min–max)"
	sizes.X.Scale = plot.LogScale{}
	sizes.X.Tick.Marker = powersOfTwo{}
	sizes.Y.Min = 0
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		if _, _, err := addSeries(sizes, s, ths[s.threads], true); err != nil {
			return err
		}
		for _, pt := range s.pts {
			minX, maxX = min(minX, pt.x), max(maxX, pt.x)
			sizes.Y.Max = max(sizes.Y.Max, pt.hi)
		}
	}
	peaks := r.hardwarePeaks()
	for i, pk := range peaks {
		lower := slices.ContainsFunc(peaks, func(o Peak) bool { return o.GFLOPS > pk.GFLOPS && o.GFLOPS < 1.15*pk.GFLOPS })
		if err := peakLine(sizes, pk, i, minX, maxX, lower); err != nil {
			return err
		}
		sizes.Y.Max = max(sizes.Y.Max, pk.GFLOPS)
	}
	sizes.Y.Max *= 1.1 // room for the peaks' labels
	sizes.X.Min, sizes.X.Max = minX/1.15, maxX*1.15

	plots, widths := []*plot.Plot{sizes}, []vg.Length{5.4 * vg.Inch}
	if scaling, err := r.scalingPlot(series); err != nil {
		return err
	} else if scaling != nil {
		plots, widths = append(plots, scaling), append(widths, 4*vg.Inch)
	}
	lg, err := r.legendFor(series, ths, r.peakEntries(), len(plots) > 1)
	if err != nil {
		return err
	}
	return drawFigure(w, r.title("dlgo bench"), plots, widths, lg)
}

// scalingPlot is GFLOP/s against threads at the largest square size that
// some path measured at more than one thread count; nil if none did.
func (r *Report) scalingPlot(series []pointSeries) (*plot.Plot, error) {
	largest := 0
	for _, g := range r.Gemm {
		if g.Err == "" && g.Trans == "NN" && g.Shape().Square() && g.Threads > 1 {
			largest = max(largest, g.M)
		}
	}
	if largest == 0 {
		return nil, nil
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Thread scaling, n = %d", largest)
	p.X.Label.Text = "threads"
	p.Y.Label.Text = "GFLOP/s"
	p.X.Tick.Marker = integerTicks{}
	p.Y.Min = 0
	byPath := map[string]*pointSeries{}
	var paths []string
	maxT := 1
	for _, g := range r.Gemm {
		if g.Err != "" || g.Trans != "NN" || g.Shape() != (Shape{largest, largest, largest}) {
			continue
		}
		s, ok := byPath[g.Path]
		if !ok {
			s = &pointSeries{path: g.Path, threads: 1}
			byPath[g.Path] = s
			paths = append(paths, g.Path)
		}
		s.pts = append(s.pts, point{x: float64(g.Threads), y: g.GFLOPS, lo: g.Min, hi: g.Max, unstable: g.Unstable})
		maxT = max(maxT, g.Threads)
		p.Y.Max = max(p.Y.Max, g.Max)
	}
	slices.SortFunc(paths, func(a, b string) int { return pathOrder(a) - pathOrder(b) })
	for _, path := range paths {
		s := byPath[path]
		slices.SortFunc(s.pts, func(a, b point) int { return cmpFloat(a.x, b.x) })
		if _, _, err := addSeries(p, *s, 0, true); err != nil {
			return nil, err
		}
		if s.pts[0].x == 1 && len(s.pts) > 1 {
			last := s.pts[len(s.pts)-1].x
			ideal, err := plotter.NewLine(plotter.XYs{{X: 1, Y: s.pts[0].y}, {X: last, Y: s.pts[0].y * last}})
			if err != nil {
				return nil, err
			}
			ideal.Color, ideal.Dashes = pathColor(path), idealDashes
			p.Add(ideal)
		}
	}
	var peaks plotter.XYs
	for _, pk := range r.hardwarePeaks() {
		peaks = append(peaks, plotter.XY{X: float64(pk.Threads), Y: pk.GFLOPS})
		p.Y.Max = max(p.Y.Max, pk.GFLOPS)
	}
	if len(peaks) > 0 {
		l, sc, err := plotter.NewLinePoints(peaks)
		if err != nil {
			return nil, err
		}
		l.LineStyle = peakStyles[0]
		sc.Shape, sc.Color = draw.BoxGlyph{}, color.Black
		lb, err := plotter.NewLabels(plotter.XYLabels{XYs: peaks[:1], Labels: []string{"FMA peak"}})
		if err != nil {
			return nil, err
		}
		lb.Offset = vg.Point{X: vg.Points(6), Y: vg.Points(4)}
		p.Add(l, sc, lb)
	}
	p.Y.Max *= 1.08
	p.X.Min, p.X.Max = 0.8, float64(maxT)+0.2
	p.Add(plotter.NewGrid())
	p.Legend = plot.NewLegend()
	return p, nil
}

// integerTicks puts a tick at each whole number in the range (every
// second, fifth... when there are many): thread counts are integers.
type integerTicks struct{}

// Ticks returns the ticks for [lo, hi].
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	for (hi-lo)/float64(step) > 10 {
		step *= 2
	}
	var t []plot.Tick
	for v := int(math.Ceil(lo)); float64(v) <= hi; v++ {
		if v%step == 0 || v == 1 {
			t = append(t, plot.Tick{Value: float64(v), Label: fmt.Sprint(v)})
		}
	}
	return t
}

// powersOfTwo puts a tick at each power of two in the axis range.
type powersOfTwo struct{}

// Ticks returns the ticks for [lo, hi].
func (powersOfTwo) Ticks(lo, hi float64) []plot.Tick {
	var t []plot.Tick
	for v := 1.0; v <= hi*1.0001; v *= 2 {
		if v >= lo*0.9999 {
			t = append(t, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
		}
	}
	return t
}
