package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

func TestInboundApplies(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		service    string
		privateDNS types.Bool
		want       bool
	}{
		"s3 with private DNS":      {"com.amazonaws.us-east-1.s3", types.BoolValue(true), true},
		"s3 without private DNS":   {"com.amazonaws.us-east-1.s3", types.BoolValue(false), false},
		"s3, private DNS unknown":  {"com.amazonaws.us-east-1.s3", types.BoolUnknown(), false},
		"another service":          {"com.amazonaws.us-east-1.ssm", types.BoolValue(true), false},
		"PrivateLink service":      {"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", types.BoolValue(true), false},
		"service not yet resolved": {"", types.BoolValue(true), false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := inboundApplies(tc.service, tc.privateDNS); got != tc.want {
				t.Errorf("inboundApplies(%q, %s) = %t, want %t", tc.service, tc.privateDNS, got, tc.want)
			}
		})
	}
}

func TestDNSOptionsFields(t *testing.T) {
	t.Parallel()
	record, inbound := dnsOptionsFields(types.ObjectNull(dnsOptionsAttrTypes))
	if !record.IsNull() || !inbound.IsNull() {
		t.Errorf("null object: %s, %s", record, inbound)
	}
	record, inbound = dnsOptionsFields(types.ObjectUnknown(dnsOptionsAttrTypes))
	if !record.IsUnknown() || !inbound.IsUnknown() {
		t.Errorf("unknown object: %s, %s", record, inbound)
	}
	record, inbound = dnsOptionsFields(dnsOptionsValue(types.StringValue("ipv4"), types.BoolValue(true)))
	if record.ValueString() != "ipv4" || !inbound.ValueBool() {
		t.Errorf("object: %s, %s", record, inbound)
	}
}

func TestSubnetZones(t *testing.T) {
	t.Parallel()
	facts := map[string]planner.SubnetFacts{
		"subnet-1": {AvailabilityZone: "us-east-1b"},
		"subnet-2": {AvailabilityZone: "us-east-1a"},
		"subnet-3": {AvailabilityZone: "us-east-1a"},
	}
	got := subnetZones([]string{"subnet-1", "subnet-2", "subnet-3", "subnet-unknown"}, facts)
	if want := []string{"us-east-1a", "us-east-1b"}; !slices.Equal(got, want) {
		t.Errorf("subnetZones = %v, want %v", got, want)
	}
}

func TestLookupRegion(t *testing.T) {
	t.Parallel()
	if got := lookupRegion(types.StringNull(), "us-east-1"); got != "us-east-1" {
		t.Errorf("unset: %s", got)
	}
	if got := lookupRegion(types.StringValue("eu-west-1"), "us-east-1"); got != "eu-west-1" {
		t.Errorf("set: %s", got)
	}
	if got := lookupRegion(types.StringUnknown(), "us-east-1"); got != "us-east-1" {
		t.Errorf("unknown: %s", got)
	}
}
