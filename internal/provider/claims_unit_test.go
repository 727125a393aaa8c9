package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestClaimRegistry(t *testing.T) {
	t.Parallel()
	const ep = "vpce-0123456789abcdef0"
	rtPath := path.Root("route_table_id")
	errorsOf := func(d diag.Diagnostics) string {
		var b strings.Builder
		for _, e := range d.Errors() {
			b.WriteString(e.Summary() + ": " + e.Detail() + "\n")
		}
		return b.String()
	}

	t.Run("duplicate associations", func(t *testing.T) {
		r := newClaimRegistry()
		var d diag.Diagnostics
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"a", "vpce_route_table_association"}, rtPath, &d)
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"a", "vpce_route_table_association"}, rtPath, &d) // the same instance again
		r.claimMember(ep, routeTableSet, "rtb-2", claimant{"b", "vpce_route_table_association"}, rtPath, &d) // another member
		r.claimMember("vpce-other", routeTableSet, "rtb-1", claimant{"c", "vpce_route_table_association"}, rtPath, &d)
		if d.HasError() {
			t.Fatalf("unexpected clash: %s", errorsOf(d))
		}
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"d", "vpce_route_table_association"}, rtPath, &d)
		if got := errorsOf(d); !strings.Contains(got, "Duplicate vpce_route_table_association") || !strings.Contains(got, "rtb-1") {
			t.Fatalf("second claim on rtb-1: %q", got)
		}
	})

	t.Run("inline set then association", func(t *testing.T) {
		r := newClaimRegistry()
		var d diag.Diagnostics
		r.claimSets(ep, gatewayEndpointType, "e", []claimedSet{{routeTableSet, setValue([]string{"rtb-1"})}}, &d)
		r.claimSets(ep, gatewayEndpointType, "e", []claimedSet{{routeTableSet, setValue([]string{"rtb-1", "rtb-2"})}}, &d) // re-planned
		if d.HasError() {
			t.Fatalf("unexpected clash: %s", errorsOf(d))
		}
		r.claimMember(ep, routeTableSet, "rtb-9", claimant{"a", "vpce_route_table_association"}, rtPath, &d)
		if got := errorsOf(d); !strings.Contains(got, "owned by a vpce_gateway_endpoint") || !strings.Contains(got, "rtb-9") {
			t.Fatalf("association on an inline-owned set: %q", got)
		}
	})

	t.Run("association then inline set", func(t *testing.T) {
		r := newClaimRegistry()
		var d diag.Diagnostics
		r.claimMember(ep, subnetSet, "subnet-1", claimant{"a", "vpce_subnet_association"}, path.Root("subnet_id"), &d)
		r.claimSets(ep, interfaceEndpointType, "e", []claimedSet{{subnetSet, setValue([]string{"subnet-2"})}, {securityGroupSet, types.SetNull(types.StringType)}}, &d)
		if got := errorsOf(d); !strings.Contains(got, "also owned by a vpce_subnet_association") || !strings.Contains(got, "subnet-1") {
			t.Fatalf("inline set after an association: %q", got)
		}
		// A null set claims nothing: a security group association is fine.
		d = nil
		r.claimMember(ep, securityGroupSet, "sg-1", claimant{"b", "vpce_security_group_association"}, path.Root("security_group_id"), &d)
		if d.HasError() {
			t.Fatalf("null set claimed: %s", errorsOf(d))
		}
	})

	t.Run("release", func(t *testing.T) {
		r := newClaimRegistry()
		var d diag.Diagnostics
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"a", "vpce_route_table_association"}, rtPath, &d)
		if held := r.release(ep, routeTableSet, "rtb-1", ""); !strings.Contains(held, "vpce_route_table_association") {
			t.Errorf("destroy of a duplicate: held by %q, want the other association", held)
		}
		if held := r.release(ep, routeTableSet, "rtb-1", "a"); held != "" {
			t.Errorf("the claimant's own release: held by %q", held)
		}
		r.claimSets(ep, gatewayEndpointType, "e", []claimedSet{{routeTableSet, setValue([]string{"rtb-2"})}}, &d)
		if held := r.release(ep, routeTableSet, "rtb-2", ""); !strings.Contains(held, "route_table_ids") {
			t.Errorf("a member of the inline set: held by %q", held)
		}
		if held := r.release(ep, routeTableSet, "rtb-3", ""); held != "" {
			t.Errorf("a member the inline set does not list: held by %q (the set detaches it anyway)", held)
		}
		// A destroy planned before the claimant, which comes too late: the claimant is warned of the
		// gap.
		r2 := newClaimRegistry()
		r2.endpointPlanned(ep, true) // the endpoint goes too: no wait
		if held := r2.releaseAwaiting(context.Background(), ep, routeTableSet, "rtb-1"); held != "" {
			t.Fatalf("nothing claims: %q", held)
		}
		d = nil
		r2.claimMember(ep, routeTableSet, "rtb-1", claimant{"n", "vpce_route_table_association"}, rtPath, &d)
		if d.HasError() || len(d.Warnings()) != 1 || !strings.Contains(d.Warnings()[0].Summary(), "detached briefly") {
			t.Fatalf("claim after a planned destroy: %v", d)
		}
	})

	t.Run("a destroy planned first waits for the claimant", func(t *testing.T) {
		r := newClaimRegistry()
		held := make(chan string)
		go func() { held <- r.releaseAwaiting(context.Background(), ep, routeTableSet, "rtb-1") }()
		time.Sleep(50 * time.Millisecond)
		r.endpointPlanned(ep, false) // the endpoint's own plan, then the claimant's
		var d diag.Diagnostics
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"n", "vpce_route_table_association"}, rtPath, &d)
		if got := <-held; !strings.Contains(got, "vpce_route_table_association") {
			t.Fatalf("held by %q, want the association planned after the destroy", got)
		}
		if len(d.Warnings()) != 0 {
			t.Errorf("no gap, no warning: %v", d)
		}

		// No claimant: the wait ends claimGrace after the endpoint's plan.
		r.endpointPlanned("vpce-other", false)
		start := time.Now()
		if got := r.releaseAwaiting(context.Background(), "vpce-other", routeTableSet, "rtb-1"); got != "" {
			t.Fatalf("held by %q", got)
		}
		if waited := time.Since(start); waited > claimWait+time.Second {
			t.Errorf("waited %s, past the bound of %s", waited, claimWait)
		}
		// A cancelled plan stops waiting at once.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if got := r.releaseAwaiting(ctx, "vpce-third", routeTableSet, "rtb-1"); got != "" {
			t.Fatalf("held by %q", got)
		}
	})

	t.Run("nil registry", func(t *testing.T) {
		var r *claimRegistry
		var d diag.Diagnostics
		r.claimMember(ep, routeTableSet, "rtb-1", claimant{"a", "x"}, rtPath, &d)
		r.claimSets(ep, gatewayEndpointType, "e", []claimedSet{{routeTableSet, setValue([]string{"rtb-1"})}}, &d)
		if r.release(ep, routeTableSet, "rtb-1", "") != "" || d.HasError() {
			t.Fatal("a nil registry must do nothing")
		}
	})
}
