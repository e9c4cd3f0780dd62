package bench

// usage.go: what the process and the machine did during a measurement —
// the CPU time this process received (getrusage, cputime_*.go), the CPU
// time other processes and other virtual machines took (/proc/stat), the
// load average (/proc/loadavg). Linux gives all of it; elsewhere the
// fields that cannot be read are reported as unknown, never guessed.

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// usage is a snapshot of the counters.
type usage struct {
	self       time.Duration // this process's user + system time
	busy, all  float64       // /proc/stat: busy and total jiffies, all CPUs
	steal      float64       // /proc/stat: steal jiffies
	haveSystem bool          // /proc/stat was read
}

func readUsage() usage {
	u := usage{self: processCPU()}
	u.busy, u.all, u.steal, u.haveSystem = procStat()
	return u
}

// since returns the CPU time this process received since b, and the share
// of all CPUs' time over the interval that other processes used (busy time
// minus this process's) and that the hypervisor stole; -1 when unknown.
func (u usage) since(b usage, wall time.Duration) (cpu time.Duration, others, steal float64) {
	return u.sinceOn(b, wall, runtime.NumCPU())
}

// sinceOn is since on a machine of ncpu CPUs.
func (u usage) sinceOn(b usage, wall time.Duration, ncpu int) (cpu time.Duration, others, steal float64) {
	cpu = u.self - b.self
	others, steal = -1, -1
	if u.haveSystem && b.haveSystem && u.all > b.all {
		total := u.all - b.all
		// Jiffies tick at USER_HZ (100 on every Linux the Go runtime
		// supports); the total over all CPUs is the reference, so the
		// tick rate cancels out except in converting our own CPU time.
		perSecond := total / max(wall.Seconds()*float64(ncpu), 1e-9)
		ours := cpu.Seconds() * perSecond
		others = max(0, (u.busy-b.busy-ours)/total)
		steal = max(0, (u.steal-b.steal)/total)
	}
	return cpu, others, steal
}

// procStat reads the first line of /proc/stat: "cpu user nice system idle
// iowait irq softirq steal ...", in jiffies summed over all CPUs.
func procStat() (busy, all, steal float64, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, 0, false
	}
	var v [8]float64
	for i := range v {
		if v[i], err = strconv.ParseFloat(f[i+1], 64); err != nil {
			return 0, 0, 0, false
		}
		all += v[i]
	}
	idle := v[3] + v[4] // idle + iowait
	steal = v[7]
	return all - idle - steal, all, steal, true
}

// loadAvg returns the 1-minute load average from /proc/loadavg, or -1.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
