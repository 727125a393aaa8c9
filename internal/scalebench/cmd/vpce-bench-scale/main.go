// Command vpce-bench-scale measures the provider at scale (`make bench-scale`): the Terraform CLI on
// PATH, the provider binary installed from a filesystem mirror (`make install-mirror`), and the local
// EC2 API as a separate process (vpce-emulator) with a latency on every call.
//
// For each size N (interface endpoints, three subnets each, ten per VPC; one gateway endpoint per
// VPC, at most 20) it applies from scratch, plans with no change and destroys, and prints for each
// phase the EC2 calls by action (the emulator's counters, read through its -admin-addr endpoint), the
// calls per endpoint, the wall time, the wall time over the floor (ceil(endpoints/parallelism) ×
// the pending time: what the waits alone take), and the peak RSS (VmHWM) of the provider processes
// Terraform started.
//
//	go run ./internal/scalebench/cmd/vpce-bench-scale -tfrc bin/mirror.tfrc -n 10,50,200
//	go run ./internal/scalebench/cmd/vpce-bench-scale -tfrc bin/mirror.tfrc -memory   # 1,100 endpoints
//	go run ./internal/scalebench/cmd/vpce-bench-scale -tfrc bin/mirror.tfrc -pending 60s -time-scale 0.1
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
	"github.com/vpce-dev/terraform-provider-vpce/internal/scalebench"
)

// Goals the figures are compared with.
const (
	goalPlanCallsPerEndpoint  = 0.15
	goalApplyCallsPerEndpoint = 3
	goalWallOverFloor         = 1.2
	goalMemoryRSSMiB          = 100
	memoryEndpoints           = 1100
	maxGateways               = 20 // AWS's default quota per region
	interfacesPerVPC          = 10
)

type options struct {
	sizes       []int
	memory      bool
	pending     time.Duration
	timeScale   float64
	latency     time.Duration
	parallelism int
	terraform   string
	tfrc        string
	emulatorBin string
	workdir     string
	keep        bool
	noDestroy   bool
	providerLog bool
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vpce-bench-scale:", err)
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "vpce-bench-scale:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("vpce-bench-scale", flag.ContinueOnError)
	var o options
	sizes := fs.String("n", "10,50,200", "interface endpoint counts to run, comma-separated (\"\": none, e.g. with -memory)")
	fs.BoolVar(&o.memory, "memory", os.Getenv("BENCH_MEMORY") == "1", fmt.Sprintf("also run %d endpoints (1,080 interface, 20 gateway) for the provider's memory (env BENCH_MEMORY=1)", memoryEndpoints))
	fs.DurationVar(&o.pending, "pending", 2*time.Second, "how long an endpoint is pending (and deleting), before -time-scale; e.g. 10s or 60s with -time-scale 0.1")
	fs.Float64Var(&o.timeScale, "time-scale", 1, "the emulator's -time-scale: multiplies the pending and deleting times")
	fs.DurationVar(&o.latency, "latency", 50*time.Millisecond, "latency of every EC2 call")
	fs.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	fs.StringVar(&o.terraform, "terraform", "", "Terraform CLI (default: terraform on PATH)")
	fs.StringVar(&o.tfrc, "tfrc", "bin/mirror.tfrc", "CLI configuration taking vpce-dev/vpce from the filesystem mirror (make install-mirror)")
	fs.StringVar(&o.emulatorBin, "emulator", "", "vpce-emulator binary (default: built into the work directory)")
	fs.StringVar(&o.workdir, "workdir", "", "work directory (default: a temporary one, removed unless -keep)")
	fs.BoolVar(&o.noDestroy, "no-destroy", false, "skip the destroy phase (the emulator and what it holds go away at the end anyway)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (configurations, Terraform output, emulator log)")
	fs.BoolVar(&o.providerLog, "provider-log", false, "write the provider's log (its EC2 calls at DEBUG, the framework's RPCs at TRACE, with times) of each command to <command>-provider.log in the work directory; implies -keep, and the logging slows the runs")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for _, s := range strings.Split(*sizes, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return o, fmt.Errorf("-n %q: want positive counts", *sizes)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.providerLog {
		o.keep = true
	}
	if len(o.sizes) == 0 && !o.memory {
		return o, errors.New("nothing to run: -n is empty and -memory is off")
	}
	if o.parallelism < 1 || o.timeScale <= 0 || o.pending <= 0 {
		return o, errors.New("-parallelism, -time-scale and -pending must be positive")
	}
	return o, nil
}

// layoutFor is the configuration of n interface endpoints: ten per VPC, one gateway per VPC (at
// most 20).
func layoutFor(n int) scalebench.Layout {
	vpcs := (n + interfacesPerVPC - 1) / interfacesPerVPC
	return scalebench.Layout{Interface: n, Gateway: min(vpcs, maxGateways), VPCs: vpcs}
}

func run(o options) error {
	if o.terraform == "" {
		tf, err := exec.LookPath("terraform")
		if err != nil {
			return errors.New("no terraform on PATH (or -terraform)")
		}
		o.terraform = tf
	}
	tfrc, err := filepath.Abs(o.tfrc)
	if err != nil {
		return err
	}
	if _, err := os.Stat(tfrc); err != nil {
		return fmt.Errorf("-tfrc: %w (run make install-mirror)", err)
	}
	o.tfrc = tfrc
	if o.workdir == "" {
		if o.workdir, err = os.MkdirTemp("", "vpce-bench-scale-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(o.workdir)
		}
	}
	if o.emulatorBin == "" {
		o.emulatorBin = filepath.Join(o.workdir, "vpce-emulator")
		build := exec.Command("go", "build", "-o", o.emulatorBin, "./internal/emulator/cmd/vpce-emulator")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building the emulator: %w", err)
		}
	}
	version, _ := exec.Command(o.terraform, "version").Output()
	fmt.Printf("vpce-bench-scale: %s, parallelism %d, EC2 latency %s, pending %s × time-scale %g = %s\n",
		firstLine(string(version)), o.parallelism, o.latency, o.pending, o.timeScale, scaled(o.pending, o.timeScale))

	type sized struct {
		name   string
		layout scalebench.Layout
	}
	var runs []sized
	for _, n := range o.sizes {
		runs = append(runs, sized{fmt.Sprintf("N=%d", n), layoutFor(n)})
	}
	if o.memory {
		l := scalebench.Layout{Interface: memoryEndpoints - maxGateways, Gateway: maxGateways}
		l.VPCs = (l.Interface + interfacesPerVPC - 1) / interfacesPerVPC
		runs = append(runs, sized{"memory", l})
	}
	var results []*runResult
	for _, r := range runs {
		res, err := runOne(o, r.name, r.layout)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		results = append(results, res)
	}
	summary(os.Stdout, results)
	return nil
}

// runResult is one size's figures.
type runResult struct {
	name   string
	layout scalebench.Layout
	phases []phaseResult
}

type phaseResult struct {
	name  string
	wall  time.Duration
	floor time.Duration // 0: none (plan)
	calls map[string]int
	rss   int64         // peak VmHWM of the provider processes, KiB
	procs int           // provider processes seen
	cpu   time.Duration // CPU time of Terraform and its children (the providers among them)
	pcpu  time.Duration // CPU time of the provider processes
}

func (p phaseResult) total() int {
	n := 0
	for _, v := range p.calls {
		n += v
	}
	return n
}

func runOne(o options, name string, l scalebench.Layout) (*runResult, error) {
	dir := filepath.Join(o.workdir, strings.ReplaceAll(name, "=", ""))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	emu, err := startEmulator(o, dir)
	if err != nil {
		return nil, err
	}
	defer emu.stop()

	fmt.Printf("\n== %s: %d interface + %d gateway endpoints in %d VPCs\n", name, l.Interface, l.Gateway, l.VPCs)
	nets, err := networks(emu.url, l.VPCs)
	if err != nil {
		return nil, err
	}
	spec, err := scalebench.NewSpec(l, nets)
	if err != nil {
		return nil, err
	}
	provider := fmt.Sprintf(`terraform {
  required_providers {
    vpce = { source = "vpce-dev/vpce" }
  }
}

provider "vpce" {
  region     = %q
  access_key = %q
  secret_key = %q
  endpoints {
    ec2 = %q
    sts = %q
  }
}
`, emulator.DefaultRegion, emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, emu.url, emu.url)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(spec.Render(provider)), 0o600); err != nil {
		return nil, err
	}
	tf := &terraform{o: o, dir: dir}
	if _, err := tf.run("init", "-input=false", "-no-color"); err != nil {
		return nil, err
	}

	res := &runResult{name: name, layout: l}
	n := l.Endpoints()
	waves := (n + o.parallelism - 1) / o.parallelism
	floor := time.Duration(waves) * scaled(o.pending, o.timeScale)
	par := "-parallelism=" + strconv.Itoa(o.parallelism)
	for _, ph := range []struct {
		name  string
		floor time.Duration
		args  []string
		ok    func(exit int) bool
	}{
		{"apply", floor, []string{"apply", "-auto-approve", "-input=false", "-no-color", par}, func(e int) bool { return e == 0 }},
		{"no-change plan", 0, []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", par}, func(e int) bool { return e == 0 }},
		{"destroy", floor, []string{"destroy", "-auto-approve", "-input=false", "-no-color", par}, func(e int) bool { return e == 0 }},
	} {
		if ph.args[0] == "destroy" && o.noDestroy {
			continue
		}
		if err := emu.reset(); err != nil {
			return nil, err
		}
		pr := phaseResult{name: ph.name, floor: ph.floor}
		start := time.Now()
		m, err := tf.measure(ph.args...)
		pr.wall = time.Since(start)
		if err != nil {
			return nil, err
		}
		exit := m.exit
		pr.cpu, pr.pcpu = m.cpu, m.providerCPU
		if !ph.ok(exit) {
			return nil, fmt.Errorf("%s: terraform exited %d (see %s)", ph.name, exit, tf.log(ph.args[0]))
		}
		pr.rss, pr.procs = m.rssKiB, m.procs
		if pr.calls, err = emu.calls(); err != nil {
			return nil, err
		}
		res.phases = append(res.phases, pr)
		printPhase(os.Stdout, n, pr)
	}
	return res, nil
}

func printPhase(w io.Writer, endpoints int, p phaseResult) {
	ratio := ""
	if p.floor > 0 {
		ratio = fmt.Sprintf(", floor %s, wall/floor %.2f", p.floor.Round(time.Millisecond), float64(p.wall)/float64(p.floor))
	}
	fmt.Fprintf(w, "  %-15s wall %8s%s\n", p.name, p.wall.Round(time.Millisecond), ratio)
	fmt.Fprintf(w, "  %-15s %d EC2 calls, %.3f per endpoint; provider peak RSS %.1f MiB (%d processes)\n",
		"", p.total(), float64(p.total())/float64(endpoints), float64(p.rss)/1024, p.procs)
	fmt.Fprintf(w, "  %-15s CPU: %s Terraform and providers, %s providers\n", "", p.cpu.Round(10*time.Millisecond), p.pcpu.Round(10*time.Millisecond))
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(p.calls)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, p.calls[k]))
	}
	fmt.Fprintf(w, "  %-15s %s\n", "", strings.Join(parts, " "))
}

// summary prints each goal with the figures of every run.
func summary(w io.Writer, results []*runResult) {
	fmt.Fprintln(w, "\n== goals")
	mark := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "MISSED"
	}
	for _, r := range results {
		n := float64(r.layout.Endpoints())
		for _, p := range r.phases {
			per := float64(p.total()) / n
			switch p.name {
			case "no-change plan":
				fmt.Fprintf(w, "  %-7s no-change plan  %.3f calls/endpoint (goal ≤ %.2f) %s\n", r.name, per, goalPlanCallsPerEndpoint, mark(per <= goalPlanCallsPerEndpoint))
			case "apply":
				fmt.Fprintf(w, "  %-7s apply           %.3f calls/endpoint (goal ≤ %d) %s\n", r.name, per, goalApplyCallsPerEndpoint, mark(per <= goalApplyCallsPerEndpoint))
			}
			// The memory run is for memory: at its time scale the floor is short and the wall is
			// Terraform's CPU time for 1,100 resources; the time goals are at N = 200.
			if p.floor > 0 && r.name != "memory" {
				ratio := float64(p.wall) / float64(p.floor)
				fmt.Fprintf(w, "  %-7s %-15s wall/floor %.2f (goal ≤ %.1f) %s\n", r.name, p.name, ratio, goalWallOverFloor, mark(ratio <= goalWallOverFloor))
			}
		}
		if r.name == "memory" {
			var peak int64
			for _, p := range r.phases {
				if p.name == "no-change plan" {
					peak = p.rss
				}
			}
			mib := float64(peak) / 1024
			fmt.Fprintf(w, "  %-7s plan peak RSS   %.1f MiB for %d endpoints (goal ≤ %d MiB) %s\n", r.name, mib, r.layout.Endpoints(), goalMemoryRSSMiB, mark(mib <= goalMemoryRSSMiB))
		}
	}
}

func scaled(d time.Duration, f float64) time.Duration { return time.Duration(float64(d) * f) }

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// networks builds the VPCs through EC2 calls, ten at a time.
func networks(url string, count int) ([]*seed.Network, error) {
	conn := ec2.New(ec2.Options{
		Region:       emulator.DefaultRegion,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultSecretAccessKey, ""),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	nets := make([]*seed.Network, count)
	errs := make([]error, count)
	sem := make(chan struct{}, 10)
	var wg sync.WaitGroup
	for i := range count {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			nets[i], errs[i] = seed.Demo(ctx, conn, fmt.Sprintf("bench-%03d", i))
		}()
	}
	wg.Wait()
	return nets, errors.Join(errs...)
}

// emulatorProc is the local EC2 API running as a separate process.
type emulatorProc struct {
	cmd   *exec.Cmd
	url   string
	admin string
}

func startEmulator(o options, dir string) (*emulatorProc, error) {
	logf, err := os.Create(filepath.Join(dir, "emulator.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(o.emulatorBin, "-addr", "127.0.0.1:0", "-admin-addr", "127.0.0.1:0",
		"-latency", o.latency.String(), "-pending", o.pending.String(), "-deleting", o.pending.String(),
		"-time-scale", strconv.FormatFloat(o.timeScale, 'g', -1, 64))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}
	e := &emulatorProc{cmd: cmd}
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			if a, ok := strings.CutPrefix(line, "ADMIN "); ok {
				e.admin = a
			}
			if u, ok := strings.CutPrefix(line, "READY "); ok && !sent {
				e.url, sent = u, true
				ready <- nil
			}
		}
		if !sent {
			ready <- errors.New("the emulator stopped before it was ready (see emulator.log)")
		}
	}()
	select {
	case err := <-ready:
		if err != nil {
			return nil, err
		}
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		return nil, errors.New("the emulator did not start within a minute")
	}
	if e.admin == "" {
		e.stop()
		return nil, errors.New("the emulator has no -admin-addr (rebuild it)")
	}
	return e, nil
}

func (e *emulatorProc) stop() {
	_ = e.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = e.cmd.Process.Kill()
	}
}

func (e *emulatorProc) reset() error {
	resp, err := http.Post(e.admin+"/calls/reset", "", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("resetting the emulator's counters: %s", resp.Status)
	}
	return nil
}

func (e *emulatorProc) calls() (map[string]int, error) {
	resp, err := http.Get(e.admin + "/calls")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return nil, fmt.Errorf("reading the emulator's counters: %w", err)
	}
	return m, nil
}

// terraform runs the CLI in one directory.
type terraform struct {
	o   options
	dir string
}

func (t *terraform) env(command string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "TF_") {
			continue // nothing of the caller's AWS or Terraform settings
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+t.o.tfrc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "AWS_EC2_METADATA_DISABLED=true")
	if t.o.providerLog {
		// The provider's lines and the framework's (its TRACE lines say when each RPC's provider
		// method is called and returns), not the protocol's; nothing of Terraform's own.
		env = append(env, "TF_LOG_PROVIDER=TRACE", "TF_LOG_SDK=DEBUG", "TF_LOG_SDK_FRAMEWORK=TRACE", "TF_LOG_SDK_PROTO=OFF",
			"TF_LOG_PATH="+filepath.Join(t.dir, command+"-provider.log"))
	}
	return env
}

func (t *terraform) log(command string) string { return filepath.Join(t.dir, command+".log") }

func (t *terraform) command(args ...string) (*exec.Cmd, *os.File, error) {
	f, err := os.Create(t.log(args[0]))
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(t.o.terraform, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = t.dir, t.env(args[0]), f, f
	return cmd, f, nil
}

func (t *terraform) run(args ...string) (int, error) {
	cmd, f, err := t.command(args...)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), fmt.Errorf("terraform %s exited %d (see %s)", args[0], ee.ExitCode(), t.log(args[0]))
		}
		return 0, err
	}
	return 0, nil
}

// measured is what one command cost.
type measured struct {
	exit        int
	rssKiB      int64 // the largest VmHWM of the provider processes
	procs       int
	cpu         time.Duration // Terraform's CPU time with its waited-for children (the providers)
	providerCPU time.Duration
}

// measure runs one command while polling the peak RSS (VmHWM) and CPU time of the provider processes
// it starts.
func (t *terraform) measure(args ...string) (measured, error) {
	var m measured
	cmd, f, err := t.command(args...)
	if err != nil {
		return m, err
	}
	defer f.Close()
	if err := cmd.Start(); err != nil {
		return m, err
	}
	stop := make(chan struct{})
	polled := make(chan map[int]procFigures, 1)
	go func() { polled <- pollProviders(cmd.Process.Pid, stop) }()
	werr := cmd.Wait()
	close(stop)
	seen := <-polled
	for _, v := range seen {
		m.rssKiB = max(m.rssKiB, v.hwmKiB)
		m.providerCPU += v.cpu
	}
	m.procs = len(seen)
	var ee *exec.ExitError
	switch {
	case errors.As(werr, &ee):
		m.exit = ee.ExitCode()
	case werr != nil:
		return m, werr
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return m, nil
}

// procFigures are the last figures read of one provider process.
type procFigures struct {
	hwmKiB int64
	cpu    time.Duration
}

// pollProviders reads, every 20 ms until stop, the VmHWM and CPU time of every
// terraform-provider-vpce process whose parent is pid, and returns the last values seen of each
// (both only grow; what a process does in its last 20 ms may be missed).
func pollProviders(pid int, stop <-chan struct{}) map[int]procFigures {
	seen := map[int]procFigures{}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			p, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			if _, known := seen[p]; !known {
				exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", p))
				if err != nil || !strings.HasPrefix(filepath.Base(exe), "terraform-provider-vpce") {
					continue
				}
			}
			ppid, hwm, ok := procStatus(p)
			if !ok || ppid != pid {
				continue
			}
			f := seen[p]
			f.hwmKiB = max(f.hwmKiB, hwm)
			if cpu, ok := procCPU(p); ok {
				f.cpu = max(f.cpu, cpu)
			}
			seen[p] = f
		}
		select {
		case <-stop:
			return seen
		case <-tick.C:
		}
	}
}

// procCPU reads the user and system time of a process from /proc/<pid>/stat (clock ticks of 10 ms,
// the usual USER_HZ).
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The command name (field 2) is in parentheses and may hold spaces: count from after it.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(fields[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}

// procStatus reads PPid and VmHWM (KiB) from /proc/<pid>/status.
func procStatus(pid int) (ppid int, hwm int64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))
		switch k {
		case "PPid":
			ppid, _ = strconv.Atoi(v)
		case "VmHWM":
			hwm, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	return ppid, hwm, ppid != 0
}
