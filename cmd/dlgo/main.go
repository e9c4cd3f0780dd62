// Command dlgo trains and evaluates small neural networks with package nn,
// describes the CPU its kernels run on, and measures them.
//
// Usage:
//
//	dlgo train     [flags]   train a network (MNIST by default) and save it
//	dlgo eval      [flags]   loss, accuracy and confusion matrix of a saved model
//	dlgo predict   [flags] [FILE ...]  the class and its probability for new rows or a digit's picture
//	dlgo cpu                 the CPU, its caches and features, the kernel path in use
//	dlgo gradcheck [flags]   backpropagation against numerical gradients, per layer and loss
//	dlgo bench     [flags]   Gemm against this CPU's peak; "dlgo bench train": training speed
//	dlgo tune      [flags]   measure the cache blocks that run Gemm fastest here, and keep them
//	dlgo serve     [flags]   a web page to watch a network learn, unit by unit
//
// Run "dlgo COMMAND -h" for the flags of each. Exit status: 0 on success,
// 1 when the work fails (a bad file, a diverged training), 2 for a usage
// error (an unknown command or flag, a bad flag value).
package main

// main.go: the subcommand dispatch, the exit codes and the error plumbing
// every subcommand shares. Each subcommand lives in its own file.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"dlgo/kernels"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: its name, a one-line summary, and the function
// that parses its arguments and runs it.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"train", "train a network (MNIST by default) and save it", runTrain},
		{"eval", "loss, accuracy and confusion matrix of a saved model on a data set", runEval},
		{"predict", "the class and its probability for new rows or a picture of a digit", runPredict},
		{"cpu", "the CPU, its caches and features, and the kernel path in use", runCPU},
		{"gradcheck", "check backpropagation against numerical gradients, per layer and loss", runGradCheck},
		{"bench", "how close Gemm gets to this CPU's peak; \"bench train\": training speed", runBench},
		{"tune", "measure the cache blocks that run Gemm fastest here, and keep them", runTune},
		{"serve", "a web page to watch a network learn 2-D data, unit by unit", runServe},
	}
}

// usageError is an error in how dlgo was called: a bad flag or argument.
// It exits with status 2; every other error with status 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// kernelEnvError is kernels.EnvError, a variable so that tests can stand
// in for a bad DLGO_KERNEL (read once, at start-up).
var kernelEnvError = kernels.EnvError

// run is dlgo with its arguments (without the program name) and output
// streams; it returns the exit status. Errors are printed as one line
// "dlgo COMMAND: message", never as a stack trace.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "dlgo: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return 2
	}
	// A misspelt DLGO_KERNEL must not silently measure or train on another
	// path than the one asked for.
	if err := kernelEnvError(); err != nil {
		fmt.Fprintf(stderr, "dlgo: %v\n", err)
		fmt.Fprintf(stderr, "dlgo: DLGO_KERNEL must be one of: %s (this CPU: %s), or unset\n",
			strings.Join(kernels.KnownPaths(), ", "), strings.Join(kernels.Paths(), ", "))
		return 2
	}
	err := cmd.run(args[1:], stdout, stderr)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "dlgo %s: %v\nRun 'dlgo %s -h' for usage.\n", cmd.name, err, cmd.name)
		return 2
	default:
		fmt.Fprintf(stderr, "dlgo %s: %v\n", cmd.name, err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "dlgo: deep learning from first principles in Go.\n\nUsage: dlgo COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'dlgo COMMAND -h' for the flags of a command.\n")
}

// flagSet is a subcommand's flags, with the text its -h prints.
type flagSet struct {
	*flag.FlagSet
	synopsis string // "train [flags]"
	about    string // what the command does, a paragraph
	stderr   io.Writer
}

// newFlagSet returns the flag set of a subcommand. It reports errors rather
// than exiting; Parse prints the usage on -h, and run prints a flag error
// as one line.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flagSet {
	fs := flag.NewFlagSet("dlgo "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by run
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, synopsis: synopsis, about: about, stderr: stderr}
}

// Parse parses args; a flag error becomes a usageError, -h prints the usage
// and returns flag.ErrHelp, and stray arguments are refused.
func (fs *flagSet) Parse(args []string) error {
	if err := fs.parseWithArgs(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags come as -name value, before any argument)", fs.Arg(0))
	}
	return nil
}

// isSet reports whether the flag name was given on the command line, so
// that a per-data-set default applies only when the user chose nothing.
func (fs *flagSet) isSet(name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
