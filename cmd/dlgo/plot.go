package main

// plot.go: the pictures -plot FILE.png writes, with gonum.org/v1/plot:
// FILE.png, the training loss, validation loss and validation accuracy per
// epoch; for 2-D data, FILE-boundary.png, the model's decision regions under
// the points, as the course's planar assignment draws them; for 28×28
// images, FILE-weights.png, each first-layer unit's weights as an image.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"dlgo/data"
	"dlgo/nn"
	"dlgo/tensor"
)

// writePlots writes the pictures for a finished run and returns their file
// names.
func writePlots(path string, history []epochRecord, model *nn.Sequential, c *trainConfig, s *sets) ([]string, error) {
	base := strings.TrimSuffix(path, path[len(path)-len(".png"):])
	var files []string
	write := func(name string, b []byte) error {
		if err := nn.WriteFileAtomic(name, b); err != nil {
			return err
		}
		files = append(files, name)
		return nil
	}
	b, err := curvesPNG(history, c)
	if err != nil {
		return nil, err
	}
	if err := write(path, b); err != nil {
		return nil, err
	}
	if s.train.Dim() == 2 {
		all := joinSets(s.train, s.val, s.test)
		b, err := boundaryPNG(model, all, fmt.Sprintf("%s: %s", all.Name, c.net))
		if err != nil {
			return nil, err
		}
		if err := write(base+"-boundary.png", b); err != nil {
			return nil, err
		}
	}
	if d, ok := model.Layers[0].(*nn.Dense); ok && s.train.Dim() == 28*28 {
		b, err := weightsPNG(d.W.Value, 28, 28)
		if err != nil {
			return nil, err
		}
		if err := write(base+"-weights.png", b); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// curvesPNG draws the losses and the validation accuracy against the epoch,
// in two panels.
func curvesPNG(history []epochRecord, c *trainConfig) ([]byte, error) {
	var trainLoss, valLoss, valAcc plotter.XYs
	for _, r := range history {
		trainLoss = append(trainLoss, plotter.XY{X: float64(r.epoch), Y: r.loss})
		valLoss = append(valLoss, plotter.XY{X: float64(r.epoch), Y: r.valLoss})
		valAcc = append(valAcc, plotter.XY{X: float64(r.epoch), Y: 100 * r.valAcc})
	}
	lp := plot.New()
	lp.Title.Text = fmt.Sprintf("%s, %s: loss", c.spec.Source, c.net)
	lp.X.Label.Text = "epoch"
	lp.Y.Label.Text = c.net.Loss + " loss"
	lp.Legend.Top = true
	if err := addLine(lp, trainLoss, "train", 0); err != nil {
		return nil, err
	}
	if err := addLine(lp, valLoss, "validation", 1); err != nil {
		return nil, err
	}
	ap := plot.New()
	ap.Title.Text = "validation accuracy"
	ap.X.Label.Text = "epoch"
	ap.Y.Label.Text = "accuracy (%)"
	if err := addLine(ap, valAcc, "", 1); err != nil {
		return nil, err
	}

	img := vgimg.New(7*vg.Inch, 7*vg.Inch)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Inch / 4, PadTop: vg.Inch / 8, PadBottom: vg.Inch / 8, PadLeft: vg.Inch / 8, PadRight: vg.Inch / 4}
	canvases := plot.Align([][]*plot.Plot{{lp}, {ap}}, tiles, draw.New(img))
	lp.Draw(canvases[0][0])
	ap.Draw(canvases[1][0])
	return pngBytes(img)
}

// lineColors are the colours of the curves and of the classes' points.
var lineColors = []color.Color{
	color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, // blue
	color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, // red
	color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}, // green
	color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}, // orange
	color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff}, // purple
}

// addLine adds a line with points to p, named in the legend unless name is
// empty.
func addLine(p *plot.Plot, xy plotter.XYs, name string, colour int) error {
	l, pts, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	l.Color = lineColors[colour%len(lineColors)]
	pts.Color = l.Color
	pts.Shape = draw.CircleGlyph{}
	pts.Radius = vg.Points(2)
	if len(xy) > 40 { // dots would merge into a thick line
		pts.Radius = 0
	}
	p.Add(l, pts)
	if name != "" {
		p.Legend.Add(name, l, pts)
	}
	return nil
}

// boundaryGrid is the model's predicted class over a grid covering the
// points: a plotter.GridXYZ for a heat map.
type boundaryGrid struct {
	x0, y0, dx, dy float64
	n              int
	class          []int // row-major, n×n, row r at y0 + r·dy
}

// Dims, Z, X and Y make boundaryGrid a plotter.GridXYZ: n×n cells, the
// predicted class of each, and the coordinates of their centres.
func (g *boundaryGrid) Dims() (c, r int)   { return g.n, g.n }
func (g *boundaryGrid) Z(c, r int) float64 { return float64(g.class[r*g.n+c]) } // see Dims
func (g *boundaryGrid) X(c int) float64    { return g.x0 + float64(c)*g.dx }    // see Dims
func (g *boundaryGrid) Y(r int) float64    { return g.y0 + float64(r)*g.dy }    // see Dims

// boundaryPNG draws the decision regions of a model with two inputs, and
// the points of s coloured by class.
func boundaryPNG(model nn.Layer, s *data.Set, title string) ([]byte, error) {
	const n = 200 // grid cells per side
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range s.Len() {
		x, y := s.X.At(i, 0), s.X.At(i, 1)
		minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
	}
	padX, padY := 0.1*(maxX-minX)+1e-9, 0.1*(maxY-minY)+1e-9
	g := &boundaryGrid{x0: minX - padX, y0: minY - padY, n: n}
	g.dx, g.dy = (maxX-minX+2*padX)/(n-1), (maxY-minY+2*padY)/(n-1)
	grid := tensor.New(n*n, 2)
	for r := range n {
		for c := range n {
			grid.Set(g.X(c), r*n+c, 0)
			grid.Set(g.Y(r), r*n+c, 1)
		}
	}
	g.class = predictClasses(nn.Predict(model, grid))

	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "x₁"
	p.Y.Label.Text = "x₂"
	hm := plotter.NewHeatMap(g, regionPalette(s.Classes))
	hm.Min, hm.Max = 0, float64(max(s.Classes-1, 1))
	hm.Rasterized = true // one image, not 40 000 rectangles with seams
	p.Add(hm)
	for c := range s.Classes {
		var xy plotter.XYs
		for i, l := range s.Labels {
			if l == c {
				xy = append(xy, plotter.XY{X: s.X.At(i, 0), Y: s.X.At(i, 1)})
			}
		}
		if len(xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Color = lineColors[c%len(lineColors)]
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(2.5)
		p.Add(sc)
		p.Legend.Add("class "+s.ClassName(c), sc)
	}
	p.X.Min, p.X.Max = g.X(0), g.X(n-1)
	p.Y.Min, p.Y.Max = g.Y(0), g.Y(n-1)
	img := vgimg.New(6*vg.Inch, 6*vg.Inch)
	p.Draw(draw.New(img))
	return pngBytes(img)
}

// regionPalette is a pale version of each class's point colour, so that
// the points stand out on the region they should fall in.
type regionPalette int

// Colors returns one pale colour per class (at least two).
func (k regionPalette) Colors() []color.Color {
	cs := make([]color.Color, max(int(k), 2))
	for i := range cs {
		r, g, b, _ := lineColors[i%len(lineColors)].RGBA()
		pale := func(v uint32) uint8 { return uint8(255 - (255-v>>8)/4) }
		cs[i] = color.RGBA{R: pale(r), G: pale(g), B: pale(b), A: 0xff}
	}
	return cs
}

var _ palette.Palette = regionPalette(2)

// weightsPNG draws each column of w (one unit's weights over h×w pixels) as
// a grey image, 0 mid-grey, positive white, negative black, each unit
// scaled by its own largest weight; the units are tiled in rows of 16.
func weightsPNG(wt *tensor.Tensor, height, width int) ([]byte, error) {
	in, units := wt.Rows(), wt.Cols()
	if in != height*width {
		return nil, fmt.Errorf("weights of %d inputs are not %d×%d images", in, height, width)
	}
	const scale, gap = 3, 2 // pixels per weight, pixels between tiles
	cols := min(units, 16)
	rows := (units + cols - 1) / cols
	tw, th := width*scale+gap, height*scale+gap
	img := image.NewGray(image.Rect(0, 0, cols*tw+gap, rows*th+gap))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for u := range units {
		big := 0.0
		for p := range in {
			big = max(big, math.Abs(wt.At(p, u)))
		}
		if big == 0 {
			big = 1
		}
		ox, oy := gap+(u%cols)*tw, gap+(u/cols)*th
		for p := range in {
			v := uint8(127.5 + 127.5*wt.At(p, u)/big)
			px, py := ox+(p%width)*scale, oy+(p/width)*scale
			for dy := range scale {
				for dx := range scale {
					img.SetGray(px+dx, py+dy, color.Gray{Y: v})
				}
			}
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// pngBytes encodes a gonum canvas as PNG.
func pngBytes(img *vgimg.Canvas) ([]byte, error) {
	var buf bytes.Buffer
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(&buf)
	return buf.Bytes(), err
}

// joinSets concatenates sets with the same features and classes.
func joinSets(parts ...*data.Set) *data.Set {
	n := 0
	for _, p := range parts {
		n += p.Len()
	}
	out := *parts[0]
	out.X = tensor.New(n, parts[0].Dim())
	out.Labels = nil
	off := 0
	for _, p := range parts {
		copy(out.X.Data[off:], p.X.Data)
		off += len(p.X.Data)
		out.Labels = append(out.Labels, p.Labels...)
	}
	return &out
}
