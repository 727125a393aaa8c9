package chaos_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/chaos"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func TestMain(m *testing.M) {
	if os.Getenv("TF_LOG") == "" {
		// The provider serves in-process: without a level, its loggers write every trace line to the
		// test's stderr, which `make chaos` shows (-v).
		for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_VPCE"} {
			if os.Getenv(v) == "" {
				_ = os.Setenv(v, "off")
			}
		}
	}
	if acctest.Kind() == acctest.KindEmulator {
		// The local EC2 API runs at acctest.EmulatorTimeScale: the provider's polls, the SDK's
		// backoff and the not-found window run at the same pace (the consistency windows of these
		// tests are real time, 5 s and 2 s, and the not-found window is still 1 minute).
		scaleProviderClock(acctest.EmulatorTimeScale)
	}
	os.Exit(m.Run())
}

// scaleProviderClock multiplies the provider's own durations by scale (from their values for AWS):
// the backoff of its polls, the SDK's backoff between attempts, and the window in which a new
// endpoint not yet described is waited for. It returns the function that restores them. The
// provider serves in-process, so these package variables are its.
func scaleProviderClock(scale float64) (restore func()) {
	initial, maxDelay, backoff, window := awsclient.PollInitialDelay, awsclient.PollMaxDelay, awsclient.RetryBackoffScale, awsclient.NotFoundWindow
	scaled := func(d time.Duration) time.Duration { return time.Duration(float64(d) * scale) }
	awsclient.PollInitialDelay = scaled(awsPollInitialDelay)
	awsclient.PollMaxDelay = scaled(awsPollMaxDelay)
	awsclient.RetryBackoffScale = scale
	awsclient.NotFoundWindow = scaled(awsNotFoundWindow)
	return func() {
		awsclient.PollInitialDelay, awsclient.PollMaxDelay, awsclient.RetryBackoffScale, awsclient.NotFoundWindow = initial, maxDelay, backoff, window
	}
}

// The provider's durations for AWS, read before any test scales them.
var (
	awsPollInitialDelay = awsclient.PollInitialDelay
	awsPollMaxDelay     = awsclient.PollMaxDelay
	awsNotFoundWindow   = awsclient.NotFoundWindow
)

// sizeFromEnv is the campaign's size and consistency window: reduced (42 endpoints in 3 VPCs, a 5 s
// window) unless VPCE_CHAOS_SIZE=full (`make chaos`: 168 endpoints in 8 VPCs, a 2 s window).
func sizeFromEnv(t *testing.T) (chaos.Size, time.Duration) {
	t.Helper()
	switch s := os.Getenv("VPCE_CHAOS_SIZE"); s {
	case "", "reduced":
		return chaos.Reduced, 5 * time.Second
	case "full":
		return chaos.Full, 2 * time.Second
	default:
		t.Fatalf("VPCE_CHAOS_SIZE=%q: want reduced or full", s)
		return chaos.Size{}, 0
	}
}

// runner runs the phases of one campaign and audits the EC2 API's listing after each.
type runner struct {
	t      *testing.T
	tg     *acctest.Target
	w      *acctest.Workdir
	window time.Duration // the consistency window, in real time
	phases []chaos.Phase
	listed []ec2types.VpcEndpoint // what EC2 listed after the last phase
}

// newRunner builds the networks (before any fault is turned on: they are the test's fixtures, not
// what it tests) and the working directory.
func newRunner(t *testing.T, tg *acctest.Target, vpcs int, window time.Duration) (*runner, []*acctest.Network) {
	t.Helper()
	tg.RequireEmulator(t)
	nets := make([]*acctest.Network, vpcs)
	for i := range nets {
		nets[i] = tg.NewNetwork(t)
	}
	r := &runner{t: t, tg: tg, w: tg.NewWorkdir(t), window: window}
	// Cleanups run last first: faults are off before a failed test's leftovers are destroyed.
	t.Cleanup(func() {
		tg.Emulator.SetFaults(emulator.Faults{})
		if len(r.phases) > 0 {
			t.Logf("campaign figures:\n%s", chaos.Table(r.phases))
		}
	})
	return r, nets
}

// run runs one phase with faults on, then audits with faults off: created says whether the phase
// may have created endpoints (the audit then waits out the consistency window, so that EC2 lists
// every endpoint created at the end of the phase).
func (r *runner) run(name string, faults emulator.Faults, created bool, step func() acctest.Result) acctest.Result {
	r.t.Helper()
	srv := r.tg.Emulator
	srv.ResetCalls()
	srv.SetFaults(faults)
	start := time.Now()
	res := step()
	p := chaos.Phase{Name: name, Wall: time.Since(start)}
	srv.SetFaults(emulator.Faults{})
	p.Measure(srv.CallCounts(), srv.FaultCounts())
	if created {
		time.Sleep(r.window)
	}
	listed, err := chaos.ListEndpoints(acctest.Context(r.t), r.tg.EC2)
	if err != nil {
		r.t.Fatalf("%s: listing the endpoints: %s", name, err)
	}
	p.Audit = chaos.AuditEndpoints(listed, r.w.State())
	r.phases = append(r.phases, p)
	r.t.Logf("%s: %d EC2 calls, %.1f %% throttled, %d errors, %d dropped, %d slowed, %s; %s",
		name, p.Calls, 100*p.ThrottledShare(), p.Errors, p.Dropped, p.Slowed, p.Wall.Round(100*time.Millisecond), p.Audit)
	r.listed = listed
	return res
}

// mustSucceed fails the test when a Terraform command failed or reported an error.
func (r *runner) mustSucceed(name string, res acctest.Result) {
	r.t.Helper()
	if res.Err != nil || len(res.Errors()) > 0 {
		r.t.Fatalf("%s failed: %v\n%s", name, res.Err, diagnostics(res.Errors()))
	}
}

// mustBeClean fails the test unless the audit after the last phase found nothing wrong and EC2 has
// want live endpoints.
func (r *runner) mustBeClean(want int) {
	r.t.Helper()
	p := r.phases[len(r.phases)-1]
	if !p.Audit.Clean() || p.Audit.Live != want {
		r.t.Fatalf("%s: want %d live endpoints and nothing wrong: %s", p.Name, want, p.Audit)
	}
}

// mustPlanNothing runs a plan (with faults on) that must be empty.
func (r *runner) mustPlanNothing(name string, faults emulator.Faults, want int) {
	r.t.Helper()
	res := r.run(name, faults, false, func() acctest.Result { return r.w.Plan("") })
	r.mustSucceed(name, res)
	if res.HasChanges() {
		r.t.Fatalf("%s: the plan is not empty: %v", name, res.Changes)
	}
	r.mustBeClean(want)
}

func diagnostics(ds []acctest.Diagnostic) string {
	var b strings.Builder
	for i, d := range ds {
		if i == 20 {
			fmt.Fprintf(&b, "… and %d more\n", len(ds)-i)
			break
		}
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// campaign runs the phases of issue 12 on the fleet: one apply converges, the next plan is empty, an
// update of every endpoint (a member more and changed tags) converges in one apply and is followed
// by an empty plan, and destroy leaves no endpoint. After every phase, EC2's own listing has no
// orphan and no duplicate, and the state no tainted or deposed object.
func (r *runner) campaign(fleet []chaos.Endpoint, rates chaos.Rates) {
	r.t.Helper()
	n := len(fleet)
	r.w.SetConfig(chaos.Config(fleet, 1))
	res := r.run("apply", rates.Faults(1), true, func() acctest.Result { return r.w.Apply("") })
	r.mustSucceed("apply", res)
	r.mustBeClean(n)
	if problems := chaos.CheckRevision(r.listed, fleet, 1); len(problems) > 0 {
		r.t.Fatalf("apply: EC2 differs from the configuration:\n%s", strings.Join(problems, "\n"))
	}

	r.mustPlanNothing("plan", rates.Faults(2), n)

	r.w.SetConfig(chaos.Config(fleet, 2))
	res = r.run("update", rates.Faults(3), true, func() acctest.Result { return r.w.Apply("") })
	r.mustSucceed("update", res)
	updates := 0
	for _, c := range res.Changes {
		if c.Action == "update" {
			updates++
		} else {
			r.t.Errorf("update: %s planned %s, want an update in place", c.Address, c.Action)
		}
	}
	if updates != n {
		r.t.Errorf("update: %d endpoints updated, want %d", updates, n)
	}
	r.mustBeClean(n)
	if problems := chaos.CheckRevision(r.listed, fleet, 2); len(problems) > 0 {
		r.t.Fatalf("update: EC2 differs from the configuration:\n%s", strings.Join(problems, "\n"))
	}

	r.mustPlanNothing("plan after update", rates.Faults(4), n)

	res = r.run("destroy", rates.Faults(5), false, func() acctest.Result { return r.w.Destroy() })
	r.mustSucceed("destroy", res)
	r.mustBeClean(0)
	if st := r.w.State(); len(st) != 0 {
		r.t.Fatalf("destroy: %d instances left in state", len(st))
	}
}

// TestAccChaos_reduced is the fault campaign of issue 12 at reduced size (42 endpoints, gateways and
// interfaces, in 3 VPCs; VPCE_CHAOS_SIZE=full runs the full 168 in 8): 30 % of calls throttled,
// 10 % InternalError, 10 % of mutating answers dropped after the commit, and new endpoints hidden
// from DescribeVpcEndpoints for a consistency window of 5 s (2 s at full size).
func TestAccChaos_reduced(t *testing.T) {
	t.Parallel()
	size, window := sizeFromEnv(t)
	acctest.PreCheck(t)
	tg := acctest.NewWithOptions(t, emulator.Options{ConsistencyWindow: window})
	r, nets := newRunner(t, tg, size.VPCs, window)
	fleet := chaos.NewFleet(nets, size)
	t.Logf("campaign: %d endpoints in %d VPCs; %.0f %% throttled, %.0f %% InternalError, %.0f %% of mutating answers dropped; consistency window %s",
		len(fleet), size.VPCs, 100*chaos.CampaignRates.Throttle, 100*chaos.CampaignRates.Error, 100*chaos.CampaignRates.Drop, window)
	r.campaign(fleet, chaos.CampaignRates)
}

// TestAccChaos_interrupt sends Ctrl-C (SIGINT) to `terraform apply` while some creates are committed
// but not yet answered (their answers are slow) and others wait for their endpoint to become
// available (the campaign's faults on top). Every endpoint EC2 created is in the state (the
// provider goes on waiting for the answers for its grace period), none is tainted (an endpoint
// created but not waited for is not broken: replacing it would be an outage for nothing), and the
// next apply creates the rest, replaces nothing and makes no duplicate; destroy leaves nothing.
func TestAccChaos_interrupt(t *testing.T) {
	t.Parallel()
	const window = 2 * time.Second
	size := chaos.Size{VPCs: 2, InterfacesPerVPC: 6} // 16 endpoints
	// Endpoints are pending for 20 s of simulated time (4 s), longer than the interrupt takes.
	acctest.PreCheck(t)
	tg := acctest.NewWithOptions(t, emulator.Options{ConsistencyWindow: window, PendingDuration: 20 * time.Second})
	r, nets := newRunner(t, tg, size.VPCs, window)
	fleet := chaos.NewFleet(nets, size)
	r.w.SetConfig(chaos.Config(fleet, 1))

	// Half the creates are answered 4 s after their commit; Ctrl-C comes once two of them are
	// waiting for their answers and two others have been answered (and wait for their endpoint).
	faults := chaos.CampaignRates.Faults(21)
	slow := chaos.CampaignRates.ActionFaults()
	slow.SlowAnswer, slow.SlowRate = 4*time.Second, 0.5
	faults.Actions = map[string]emulator.ActionFaults{"CreateVpcEndpoint": slow}
	res := r.run("interrupted apply", faults, true, func() acctest.Result {
		return r.w.Interrupt(func() {
			deadline := time.Now().Add(2 * time.Minute)
			for time.Now().Before(deadline) {
				c := tg.Emulator.FaultCounts()["CreateVpcEndpoint"]
				answered := tg.Emulator.Calls("CreateVpcEndpoint") - c.Throttled - c.Errors - c.Dropped - c.Slowed
				if c.Slowed >= 2 && answered >= 2 {
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	})
	if res.Err == nil {
		t.Fatalf("the interrupted apply succeeded: the interrupt came too late to test anything\n%s", diagnostics(res.Diagnostics))
	}
	p := r.phases[len(r.phases)-1]
	if !p.Audit.Clean() {
		t.Fatalf("after the interrupt: %s", p.Audit)
	}
	if p.Audit.Live == 0 || p.Audit.Live >= len(fleet) {
		t.Fatalf("after the interrupt: %d endpoints of %d exist, want some but not all", p.Audit.Live, len(fleet))
	}
	if !acctest.HasDiagnostic(res.Diagnostics, "warning", "VPC endpoint created, not waited for") {
		t.Errorf("no create in flight at the interrupt was recorded as such:\n%s", diagnostics(res.Diagnostics))
	}
	t.Logf("after the interrupt: %d of %d endpoints, all in state", p.Audit.Live, len(fleet))

	res = r.run("apply", chaos.CampaignRates.Faults(22), true, func() acctest.Result { return r.w.Apply("") })
	r.mustSucceed("apply", res)
	for _, c := range res.Changes {
		if c.Action != "create" {
			t.Errorf("apply after the interrupt: %s planned %s, want only creates", c.Address, c.Action)
		}
	}
	if len(res.Changes) != len(fleet)-p.Audit.Live {
		t.Errorf("apply after the interrupt: %d creates, want %d", len(res.Changes), len(fleet)-p.Audit.Live)
	}
	r.mustBeClean(len(fleet))
	if problems := chaos.CheckRevision(r.listed, fleet, 1); len(problems) > 0 {
		t.Fatalf("apply: EC2 differs from the configuration:\n%s", strings.Join(problems, "\n"))
	}
	r.mustPlanNothing("plan", chaos.CampaignRates.Faults(23), len(fleet))
	res = r.run("destroy", chaos.CampaignRates.Faults(24), false, func() acctest.Result { return r.w.Destroy() })
	r.mustSucceed("destroy", res)
	r.mustBeClean(0)
}

// TestAccChaos_consistencyWindow2m runs the campaign's faults against a consistency window of two
// minutes, on a simulated clock: the local EC2 API runs at a time scale of 0.02 (the window lasts
// 2.4 s; endpoints take a simulated minute to become available), and the provider's own durations
// are scaled by the same factor (its not-found window of 5 minutes lasts 6 s, its polls and the
// SDK's backoff are 50 times shorter). What is tested is the ratio: the provider tolerates a new
// endpoint that EC2 does not describe for as long as the window lasts, and longer, in simulated
// time, whatever the real one. A real two-minute window would make the test last minutes.
//
// It does not run in parallel: the provider's durations are package variables.
func TestAccChaos_consistencyWindow2m(t *testing.T) {
	acctest.PreCheck(t)
	const scale = 0.02
	t.Cleanup(scaleProviderClock(scale)) // registered first: restored after everything else
	tg := acctest.NewWithOptions(t, emulator.Options{
		TimeScale: scale, ConsistencyWindow: 2 * time.Minute, ScaleConsistencyWindow: true,
		PendingDuration: time.Minute, DeletingDuration: 30 * time.Second, DeletedRetention: time.Minute,
	})
	window := time.Duration(float64(2*time.Minute) * scale)
	if awsclient.NotFoundWindow <= window {
		t.Fatalf("the provider's not-found window (%s) is not longer than EC2's consistency window (%s), both scaled", awsclient.NotFoundWindow, window)
	}
	size := chaos.Size{VPCs: 2, InterfacesPerVPC: 4} // 12 endpoints
	r, nets := newRunner(t, tg, size.VPCs, window)
	fleet := chaos.NewFleet(nets, size)
	r.w.SetConfig(chaos.Config(fleet, 1))

	res := r.run("apply", chaos.CampaignRates.Faults(31), true, func() acctest.Result { return r.w.Apply("") })
	r.mustSucceed("apply", res)
	r.mustBeClean(len(fleet))
	r.mustPlanNothing("plan", chaos.CampaignRates.Faults(32), len(fleet))
	res = r.run("destroy", chaos.CampaignRates.Faults(33), false, func() acctest.Result { return r.w.Destroy() })
	r.mustSucceed("destroy", res)
	r.mustBeClean(0)
}
