package data

// image.go: a grey-scale picture of a digit (a PNG file of any colour
// model, or a PGM file) turned into an MNIST example: 28×28 values in
// [0, 1], ink bright on a dark ground, the digit fitted in a 20×20 box and
// centred by its centre of mass, as MNIST's digits were prepared. The
// header's size is checked before the pixels are decoded. Not an image
// library: grey levels only, no JPEG.

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"math"
	"strconv"
)

// Image is a grey-scale picture: W×H values in [0, 1] (0 black, 1 white),
// row-major.
type Image struct {
	W, H int
	Pix  []float64
}

// MaxImagePixels bounds the pictures read: 2^24 pixels, a 4096×4096 photo.
const MaxImagePixels = 1 << 24

// ReadImage reads a PNG or PGM (P2 or P5) file, told apart by its first
// bytes.
func ReadImage(path string) (*Image, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A PGM of MaxImagePixels 16-bit ASCII samples is at most ~6 bytes a
	// pixel, and a PNG is smaller than its pixels.
	if size > 8*MaxImagePixels {
		return nil, fmt.Errorf("%s: %d bytes: larger than a picture of %d pixels", path, size, MaxImagePixels)
	}
	b := make([]byte, size)
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, err
	}
	return ParseImage(path, b)
}

// ParseImage decodes a PNG or PGM file held in b; name is used in errors.
func ParseImage(name string, b []byte) (*Image, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG")):
		return parsePNG(name, b)
	case bytes.HasPrefix(b, []byte("P5")) || bytes.HasPrefix(b, []byte("P2")):
		return ParsePGM(name, b)
	}
	return nil, fmt.Errorf("%s: not a PNG or PGM picture", name)
}

func parsePNG(name string, b []byte) (*Image, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := checkImageSize(name, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := img.Bounds()
	out := &Image{W: r.Dx(), H: r.Dy(), Pix: make([]float64, r.Dx()*r.Dy())}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			// Luma (ITU-R 601, as color.GrayModel) of the colour composited
			// over white, so that a digit drawn on a transparent ground
			// shows as drawn on paper.
			cr, cg, cb, ca := img.At(x, y).RGBA() // alpha-premultiplied, 0..65535
			lum := (0.299*float64(cr) + 0.587*float64(cg) + 0.114*float64(cb)) / 65535
			out.Pix[(y-r.Min.Y)*out.W+x-r.Min.X] = lum + (1 - float64(ca)/65535)
		}
	}
	return out, nil
}

func checkImageSize(name string, w, h int) error {
	if w < 1 || h < 1 || w > MaxImagePixels || h > MaxImagePixels || w*h > MaxImagePixels {
		return fmt.Errorf("%s: a picture of %d×%d pixels: want 1 to %d pixels", name, w, h, MaxImagePixels)
	}
	return nil
}

// ParsePGM decodes a PGM file: "P5" (binary) or "P2" (ASCII), its width,
// height and maximum value (1 to 65535) separated by white space and
// #-comments, then the samples (binary: one byte each, two big-endian when
// the maximum is over 255).
func ParsePGM(name string, b []byte) (*Image, error) {
	off := 2
	fail := func(format string, args ...any) (*Image, error) {
		return nil, &FormatError{File: name, Offset: int64(off), Msg: fmt.Sprintf(format, args...)}
	}
	if len(b) < 2 || (b[0] != 'P' || (b[1] != '5' && b[1] != '2')) {
		off = 0
		return fail("not a PGM file (P5 or P2)")
	}
	binary := b[1] == '5'
	// next returns the next header or ASCII number.
	next := func(what string) (int, error) {
		for off < len(b) {
			switch c := b[off]; {
			case c == '#':
				for off < len(b) && b[off] != '\n' {
					off++
				}
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				off++
			default:
				start := off
				for off < len(b) && b[off] >= '0' && b[off] <= '9' {
					off++
				}
				if off == start || off-start > 9 {
					return 0, &FormatError{File: name, Offset: int64(start), Msg: fmt.Sprintf("%s: want a number", what)}
				}
				v, _ := strconv.Atoi(string(b[start:off]))
				return v, nil
			}
		}
		return 0, &FormatError{File: name, Offset: int64(off), Msg: fmt.Sprintf("file ends before the %s", what)}
	}
	w, err := next("width")
	if err != nil {
		return nil, err
	}
	h, err := next("height")
	if err != nil {
		return nil, err
	}
	if err := checkImageSize(name, w, h); err != nil {
		return nil, err
	}
	maxv, err := next("maximum value")
	if err != nil {
		return nil, err
	}
	if maxv < 1 || maxv > 65535 {
		return fail("maximum value %d: want 1 to 65535", maxv)
	}
	out := &Image{W: w, H: h, Pix: make([]float64, w*h)}
	if !binary {
		for i := range out.Pix {
			v, err := next(fmt.Sprintf("sample %d", i))
			if err != nil {
				return nil, err
			}
			if v > maxv {
				return fail("sample %d is %d, over the maximum %d", i, v, maxv)
			}
			out.Pix[i] = float64(v) / float64(maxv)
		}
		return out, nil
	}
	// One white-space byte after the maximum, then the samples.
	if off >= len(b) {
		return fail("file ends before the samples")
	}
	off++
	size := 1
	if maxv > 255 {
		size = 2
	}
	if want := w * h * size; len(b)-off != want {
		return fail("%d bytes of samples for %d×%d pixels of %d byte(s): want %d", len(b)-off, w, h, size, want)
	}
	for i := range out.Pix {
		v := int(b[off+i*size])
		if size == 2 {
			v = v<<8 | int(b[off+i*size+1])
		}
		if v > maxv {
			off += i * size
			return fail("sample %d is %d, over the maximum %d", i, v, maxv)
		}
		out.Pix[i] = float64(v) / float64(maxv)
	}
	return out, nil
}

// MNISTSide is the side of an MNIST image; digits fit a box of
// mnistBox×mnistBox pixels in it.
const (
	MNISTSide = 28
	mnistBox  = 20
)

// ErrBlankImage is returned for a picture with no ink to centre.
var ErrBlankImage = errors.New("the picture is blank: no ink to read a digit from")

// MNISTDigit returns the picture as an MNIST example of 784 values: ink 1,
// ground 0 (a light ground, as paper, is inverted); cropped to the ink's
// bounding box; scaled by area averaging so that its longer side is 20
// pixels; and placed in a 28×28 frame with its centre of mass at the
// centre.
func (im *Image) MNISTDigit() ([]float64, error) {
	// Ink: the ground is the border's mean grey.
	var border float64
	nb := 0
	for x := range im.W {
		border += im.Pix[x] + im.Pix[(im.H-1)*im.W+x]
		nb += 2
	}
	for y := range im.H {
		border += im.Pix[y*im.W] + im.Pix[y*im.W+im.W-1]
		nb += 2
	}
	light := border/float64(nb) > 0.5
	ink := make([]float64, len(im.Pix))
	for i, v := range im.Pix {
		if light {
			v = 1 - v
		}
		ink[i] = min(max(v, 0), 1)
	}
	// The bounding box of the ink (values over 0.2 count).
	x0, y0, x1, y1 := im.W, im.H, -1, -1
	for y := range im.H {
		for x := range im.W {
			if ink[y*im.W+x] > 0.2 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return nil, ErrBlankImage
	}
	bw, bh := x1-x0+1, y1-y0+1
	scale := float64(mnistBox) / float64(max(bw, bh))
	tw, th := max(1, int(math.Round(float64(bw)*scale))), max(1, int(math.Round(float64(bh)*scale)))
	box := make([]float64, tw*th)
	// Area averaging: target pixel (tx, ty) covers the source rectangle
	// [x0 + tx/scale, x0 + (tx+1)/scale) × …; each source pixel counts by
	// the area it shares with it.
	for ty := range th {
		sy0, sy1 := float64(y0)+float64(ty)/scale, float64(y0)+float64(ty+1)/scale
		for tx := range tw {
			sx0, sx1 := float64(x0)+float64(tx)/scale, float64(x0)+float64(tx+1)/scale
			var sum, area float64
			for sy := int(sy0); sy < int(math.Ceil(sy1)) && sy < im.H; sy++ {
				hy := math.Min(sy1, float64(sy+1)) - math.Max(sy0, float64(sy))
				for sx := int(sx0); sx < int(math.Ceil(sx1)) && sx < im.W; sx++ {
					a := hy * (math.Min(sx1, float64(sx+1)) - math.Max(sx0, float64(sx)))
					sum += a * ink[sy*im.W+sx]
					area += a
				}
			}
			if area > 0 {
				box[ty*tw+tx] = sum / area
			}
		}
	}
	// The centre of mass, put at the frame's centre.
	var mx, my, mass float64
	for ty := range th {
		for tx := range tw {
			v := box[ty*tw+tx]
			mx += v * (float64(tx) + 0.5)
			my += v * (float64(ty) + 0.5)
			mass += v
		}
	}
	ox := int(math.Round(MNISTSide/2 - mx/mass))
	oy := int(math.Round(MNISTSide/2 - my/mass))
	out := make([]float64, MNISTSide*MNISTSide)
	for ty := range th {
		for tx := range tw {
			x, y := tx+ox, ty+oy
			if x >= 0 && x < MNISTSide && y >= 0 && y < MNISTSide {
				out[y*MNISTSide+x] = box[ty*tw+tx]
			}
		}
	}
	return out, nil
}
