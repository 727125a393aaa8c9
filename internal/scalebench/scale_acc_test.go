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
	// The call budgets count batched lookups, which wait BatchWindow for the other resources planned
	// at the same time. On a loaded machine (CI runs the packages side by side) Terraform may plan
	// them further apart than the default 50 ms, and a lookup would take two calls where the budget
	// says one: the budgets are asserted with a window that scheduling noise does not reach. The
	// bench (make bench-scale) runs with the default.
	awsclient.BatchWindow = 500 * time.Millisecond
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

// budget is the calls one phase may cost, by action: [min, max]. Actions not listed must not be
// called at all.
type budget map[string][2]int

func exact(n int) [2]int { return [2]int{n, n} }

// check reports every action whose count is outside its budget.
func (b budget) check(t *testing.T, phase string, calls map[string]int) {
	t.Helper()
	for action, n := range calls {
		if _, ok := b[action]; !ok && n > 0 {
			t.Errorf("%s: %d %s calls, want none", phase, n, action)
		}
	}
	for action, r := range b {
		if n := calls[action]; n < r[0] || n > r[1] {
			if r[0] == r[1] {
				t.Errorf("%s: %d %s calls, want %d", phase, n, action, r[0])
			} else {
				t.Errorf("%s: %d %s calls, want %d to %d", phase, n, action, r[0], r[1])
			}
		}
	}
}

// TestAccScale_callBudget holds a small configuration (2 VPCs, 6 interface endpoints of 3 subnets
// and the VPC's security group, 2 gateway endpoints; the layout `make bench-scale` uses at scale) to
// the EC2 calls each phase may cost. The pending and deleting times (100 ms) are shorter than the first
// poll, so that every wait ends on its first observation and the poll counts do not depend on timing.
//
// What the counts are made of (goals of the bench: a no-change plan ≤ 0.15 calls per endpoint and no
// service or subnet lookups; an apply ≤ 3 calls per endpoint; one endpoint added or changed ≤ 3 calls
// more than a no-change plan):
//   - a no-change plan is one GetCallerIdentity and one listing of the region's endpoints shared by
//     every Read (facts from state: no service, subnet, group or VPC lookup): 2 calls, whatever N;
//   - an apply is one CreateVpcEndpoint per endpoint and polls shared by every waiter, plus facts
//     per walk (Terraform plans twice, in the plan and again in the apply, each with a provider of
//     its own): one GetCallerIdentity, the VPCs' two DNS attributes each (no batch API), and one
//     batched lookup each of services, subnets, groups, route tables, the VPCs' endpoints and the
//     prefix list, and the region's gateway count. Those fixed costs are 24 of the 33 calls here
//     (4.1 per endpoint); the per-endpoint cost is 1 create and a fraction of a poll tick, and at
//     N=200 the bench measures about 2 calls per endpoint;
//   - one added endpoint costs its service, subnets and group (3 calls, each batched with nothing);
//     a changed subnet set its service and the new subnets (2 calls).
//
// The batched lookups wait BatchWindow (500 ms here, see TestMain) for the other resources planned at
// the same time, and a plan's lookup of a VPC's endpoints joins the refresh's listing when that begins
// within the window: when Terraform plans the gateways and the interface endpoints further apart than
// that, a lookup takes two calls
// instead of one, so those counts have a range of one call per resource type (or VPC) per walk. Poll
// ticks likewise: the waiters of the interface and gateway creates are served by one tick when they
// start within the poller's coalescing window (150 ms), else by one each.
func TestAccScale_callBudget(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	tg := acctest.NewWithOptions(t, emulator.Options{PendingDuration: 100 * time.Millisecond, DeletingDuration: 100 * time.Millisecond})
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

	var created []string
	for _, e := range spec.Interfaces {
		created = append(created, "create vpce_interface_endpoint.this[\""+e.Key+"\"]")
	}
	for _, g := range spec.Gateways {
		created = append(created, "create vpce_gateway_endpoint.this[\""+g.Key+"\"]")
	}
	plan := phase(t, tg, "plan from scratch", func() acctest.Result { return w.Plan("") }, changes(created...))
	budget{ // one walk of the apply's facts, no create
		"GetCallerIdentity": exact(1), "DescribeVpcAttribute": exact(4), "DescribePrefixLists": exact(1),
		"DescribeVpcEndpointServices": {1, 2}, "DescribeSubnets": {1, 2}, "DescribeSecurityGroups": {1, 2},
		"DescribeRouteTables":  {1, 2},
		"DescribeVpcEndpoints": {2, 3}, // the VPCs' endpoints (batched) and the region's gateway count
	}.check(t, "plan from scratch", plan)

	apply := phase(t, tg, "apply", func() acctest.Result { return w.Apply("") }, noCheck)
	budget{
		"CreateVpcEndpoint": exact(8), "GetCallerIdentity": exact(2), "DescribeVpcAttribute": exact(8),
		"DescribePrefixLists": exact(2), "DescribeVpcEndpointServices": {2, 4}, "DescribeSubnets": {2, 4},
		"DescribeSecurityGroups": {2, 4}, "DescribeRouteTables": {2, 4},
		"DescribeVpcEndpoints": {5, 8}, // per walk as in the plan (2 or 3), then 1 or 2 poll ticks
	}.check(t, "apply", apply)

	noChange := phase(t, tg, "no-change plan", func() acctest.Result { return w.Plan("") }, changes())
	budget{"GetCallerIdentity": exact(1), "DescribeVpcEndpoints": exact(1)}.check(t, "no-change plan", noChange)

	added := spec.AddInterface(nets)
	w.SetConfig(spec.Render(""))
	planAdd := phase(t, tg, "plan adding one", func() acctest.Result { return w.Plan("") },
		changes("create vpce_interface_endpoint.this[\""+added.Key+"\"]"))
	budget{
		"GetCallerIdentity": exact(1), "DescribeVpcEndpoints": exact(1), // the refresh, as above
		"DescribeVpcEndpointServices": exact(1), "DescribeSubnets": exact(1), "DescribeSecurityGroups": exact(1),
	}.check(t, "plan adding one", planAdd)
	spec.Interfaces = spec.Interfaces[:len(spec.Interfaces)-1]

	changed := &spec.Interfaces[0]
	changed.Subnets = changed.Subnets[:2]
	w.SetConfig(spec.Render(""))
	planChange := phase(t, tg, "plan changing one", func() acctest.Result { return w.Plan("") },
		changes("update vpce_interface_endpoint.this[\""+changed.Key+"\"]"))
	budget{
		"GetCallerIdentity": exact(1), "DescribeVpcEndpoints": exact(1),
		"DescribeVpcEndpointServices": exact(1), "DescribeSubnets": exact(1),
	}.check(t, "plan changing one", planChange)
	for name, calls := range map[string]map[string]int{"adding one": planAdd, "changing one": planChange} {
		if extra := total(calls) - total(noChange); extra > 3 {
			t.Errorf("plan %s: %d calls more than a no-change plan, want at most 3", name, extra)
		}
	}

	w.SetConfig(base)
	destroy := phase(t, tg, "destroy", func() acctest.Result { return w.Destroy() }, noCheck)
	budget{
		// Three providers: the refresh, the destroy plan and the apply.
		"GetCallerIdentity": exact(3), "DeleteVpcEndpoints": exact(8),
		"DescribeVpcEndpoints":      {2, 3}, // the refresh's listing; 1 or 2 poll ticks
		"DescribeNetworkInterfaces": {1, 2}, // the interfaces of the 6 interface endpoints, 1 or 2 ticks
	}.check(t, "destroy", destroy)
}
