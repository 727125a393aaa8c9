package scalebench_test

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
	"github.com/vpce-dev/terraform-provider-vpce/internal/scalebench"
)

func TestMain(m *testing.M) {
	if acctest.Kind() == acctest.KindEmulator {
		// The local EC2 API runs at acctest.EmulatorTimeScale: poll it as often, relatively, as AWS.
		awsclient.PollInitialDelay = 200 * time.Millisecond
		awsclient.PollMaxDelay = 2 * time.Second
	}
	os.Exit(m.Run())
}

// phase runs one Terraform command and returns the EC2 calls it cost, by action.
func phase(t *testing.T, tg *acctest.Target, name string, run func() acctest.Result, check func(acctest.Result) error) map[string]int {
	t.Helper()
	tg.Emulator.ResetCalls()
	r := run()
	if r.Err != nil {
		t.Fatalf("%s: %s\n%v", name, r.Err, r.Diagnostics)
	}
	if err := check(r); err != nil {
		t.Fatalf("%s: %s", name, err)
	}
	calls := tg.Emulator.CallCounts()
	t.Logf("%s: %d calls %s", name, total(calls), render(calls))
	return calls
}

func total(calls map[string]int) int {
	n := 0
	for _, v := range calls {
		n += v
	}
	return n
}

func render(calls map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(calls)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, calls[k]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

func changes(want ...string) func(acctest.Result) error {
	return func(r acctest.Result) error {
		var got []string
		for _, c := range r.Changes {
			got = append(got, c.Action+" "+c.Address)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("planned changes %q, want %q", got, want)
		}
		return nil
	}
}

func noCheck(acctest.Result) error { return nil }

// TestAccScale_callBudget holds a small configuration (2 VPCs, 6 interface endpoints of 3 subnets,
// 2 gateway endpoints) to the EC2 calls each phase may cost.
func TestAccScale_callBudget(t *testing.T) {
	tg := acctest.NewWithOptions(t, emulator.Options{})
	tg.RequireEmulator(t)
	layout := scalebench.Layout{Interface: 6, Gateway: 2, VPCs: 2}
	nets := []*seed.Network{tg.NewNetwork(t), tg.NewNetwork(t)}
	spec, err := scalebench.NewSpec(layout, nets)
	if err != nil {
		t.Fatal(err)
	}
	w := tg.NewWorkdir(t)
	base := spec.Render("")
	w.SetConfig(base)

	var want []string
	for _, e := range spec.Interfaces {
		want = append(want, "create vpce_interface_endpoint.this[\""+e.Key+"\"]")
	}
	for _, g := range spec.Gateways {
		want = append(want, "create vpce_gateway_endpoint.this[\""+g.Key+"\"]")
	}
	apply := phase(t, tg, "apply", func() acctest.Result { return w.Apply("") }, noCheck)
	plan := phase(t, tg, "no-change plan", func() acctest.Result { return w.Plan("") }, changes())

	added := spec.AddInterface(nets)
	w.SetConfig(spec.Render(""))
	planAdd := phase(t, tg, "plan adding one", func() acctest.Result { return w.Plan("") },
		changes("create vpce_interface_endpoint.this[\""+added.Key+"\"]"))
	spec.Interfaces = spec.Interfaces[:len(spec.Interfaces)-1]

	changed := &spec.Interfaces[0]
	changed.Subnets = changed.Subnets[:2]
	w.SetConfig(spec.Render(""))
	planChange := phase(t, tg, "plan changing one", func() acctest.Result { return w.Plan("") },
		changes("update vpce_interface_endpoint.this[\""+changed.Key+"\"]"))

	w.SetConfig(base)
	destroy := phase(t, tg, "destroy", func() acctest.Result { return w.Destroy() }, noCheck)
	_ = apply
	_ = plan
	_ = planAdd
	_ = planChange
	_ = destroy
}
