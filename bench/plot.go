package bench

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

// WritePlot draws the report's Gemm rows as a PNG with two panels: GFLOP/s
// against the size of square products, one line per path and thread count,
// with each thread count's measured peak as a dashed horizontal line; and
// thread scaling, GFLOP/s against threads at the largest square size, with
// the ideal linear scaling of each path's one-thread figure for reference.
func (r *Report) WritePlot(w io.Writer) error {
	sizes, scaling, err := r.plots()
	if err != nil {
		return err
	}
	img := vgimg.New(12*vg.Inch, 5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Inch / 4, PadTop: vg.Inch / 8, PadBottom: vg.Inch / 8, PadLeft: vg.Inch / 8, PadRight: vg.Inch / 8}
	canvases := plot.Align([][]*plot.Plot{{sizes, scaling}}, tiles, dc)
	sizes.Draw(canvases[0][0])
	scaling.Draw(canvases[0][1])
	_, err = vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// series keys a line of the plot.
type series struct {
	path    string
	threads int
}

func (r *Report) plots() (sizes, scaling *plot.Plot, err error) {
	// Square NN rows only: one point per size on each line.
	points := map[series]plotter.XYs{}
	var keys []series
	largest := 0
	for _, g := range r.Gemm {
		if g.Err != "" || !g.Shape().Square() || g.Trans != "NN" {
			continue
		}
		k := series{g.Path, g.Threads}
		if _, ok := points[k]; !ok {
			keys = append(keys, k)
		}
		points[k] = append(points[k], plotter.XY{X: float64(g.M), Y: g.GFLOPS})
		largest = max(largest, g.M)
	}
	if len(keys) == 0 {
		return nil, nil, fmt.Errorf("no square NN products to plot (add square sizes with -sizes)")
	}

	sizes = plot.New()
	sizes.Title.Text = "Gemm, square n×n×n: " + r.Machine.CPU
	sizes.X.Label.Text = "n"
	sizes.Y.Label.Text = "GFLOP/s"
	sizes.X.Scale = plot.LogScale{}
	sizes.X.Tick.Marker = powersOfTwo{}
	sizes.Legend.Top = true
	sizes.Legend.Left = true
	sizes.Y.Min = 0
	// One colour per path in both panels; more threads, dashed.
	pathColor := map[string]color.Color{}
	for _, k := range keys {
		if _, ok := pathColor[k.path]; !ok {
			pathColor[k.path] = plotColor(len(pathColor))
		}
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, k := range keys {
		xy := points[k]
		for _, p := range xy {
			minX, maxX = min(minX, p.X), max(maxX, p.X)
		}
		l, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, nil, err
		}
		l.Color, pts.Color = pathColor[k.path], pathColor[k.path]
		if k.threads > 1 {
			l.Dashes = []vg.Length{vg.Points(6), vg.Points(2)}
		}
		sizes.Add(l, pts)
		sizes.Legend.Add(fmt.Sprintf("%s, %d thread(s)", k.path, k.threads), l, pts)
	}
	for _, p := range r.Peaks {
		l, err := plotter.NewLine(plotter.XYs{{X: minX, Y: p.GFLOPS}, {X: maxX, Y: p.GFLOPS}})
		if err != nil {
			return nil, nil, err
		}
		l.Color = color.Gray{Y: 120}
		l.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
		sizes.Add(l)
		sizes.Legend.Add(fmt.Sprintf("FMA peak, %d thread(s)", p.Threads), l)
		sizes.Y.Max = max(sizes.Y.Max, p.GFLOPS)
	}
	// Head room above the highest line for the legend.
	sizes.Y.Max *= 1 + 0.06*float64(len(keys)+len(r.Peaks))

	scaling = plot.New()
	scaling.Title.Text = fmt.Sprintf("Thread scaling at n = %d", largest)
	scaling.X.Label.Text = "threads"
	scaling.Y.Label.Text = "GFLOP/s"
	scaling.Legend.Top = true
	scaling.Legend.Left = true
	scaling.Y.Min = 0
	byPath := map[string]plotter.XYs{}
	var paths []string
	for _, k := range keys {
		for _, p := range points[k] {
			if int(p.X) == largest {
				if _, ok := byPath[k.path]; !ok {
					paths = append(paths, k.path)
				}
				byPath[k.path] = append(byPath[k.path], plotter.XY{X: float64(k.threads), Y: p.Y})
			}
		}
	}
	for _, path := range paths {
		xy := byPath[path]
		slices.SortFunc(xy, func(a, b plotter.XY) int { return int(a.X - b.X) })
		l, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, nil, err
		}
		l.Color, pts.Color = pathColor[path], pathColor[path]
		scaling.Add(l, pts)
		scaling.Legend.Add(path, l, pts)
		scaling.Y.Max = max(scaling.Y.Max, xy[len(xy)-1].X*xy[0].Y)
		if xy[0].X == 1 && len(xy) > 1 {
			ideal := plotter.XYs{xy[0], {X: xy[len(xy)-1].X, Y: xy[0].Y * xy[len(xy)-1].X}}
			il, err := plotter.NewLine(ideal)
			if err != nil {
				return nil, nil, err
			}
			il.Color = pathColor[path]
			il.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
			scaling.Add(il)
			scaling.Legend.Add(path+", ideal", il)
		}
	}
	scaling.Y.Max *= 1 + 0.06*float64(2*len(paths))
	return sizes, scaling, nil
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

func plotColor(i int) color.Color {
	palette := []color.RGBA{
		{0x1f, 0x77, 0xb4, 0xff}, {0xd6, 0x27, 0x28, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
		{0xff, 0x7f, 0x0e, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	}
	return palette[i%len(palette)]
}
