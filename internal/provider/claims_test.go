package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// One owner per member: each clash is an error on the resource that plans second, at plan when the
// endpoint's id is known, and at apply before any ModifyVpcEndpoint for that member otherwise.

// testAccAssociation is one association resource's configuration.
func testAccAssociation(kind, name, endpointRef, member string) string {
	attr := map[string]string{
		"route_table":    "route_table_id",
		"subnet":         "subnet_id",
		"security_group": "security_group_id",
	}[kind]
	return fmt.Sprintf(`
resource "vpce_%[1]s_association" %[2]q {
  vpc_endpoint_id = %[3]s
  %[4]s = %[5]q
}
`, kind, name, endpointRef, attr, member)
}

// testAccEndpointMembers reads the endpoint's members of one kind through EC2.
func testAccEndpointMembers(t *testing.T, tg *acctest.Target, vpcID, id, kind string) []string {
	t.Helper()
	for _, e := range testAccListEndpoints(t, tg, vpcID) {
		if *e.VpcEndpointId != id {
			continue
		}
		switch kind {
		case "route_table":
			return e.RouteTableIds
		case "subnet":
			return e.SubnetIds
		default:
			var ids []string
			for _, g := range e.Groups {
				ids = append(ids, *g.GroupId)
			}
			return ids
		}
	}
	t.Fatalf("endpoint %s not found", id)
	return nil
}

// testAccWantError fails unless the result has an error diagnostic with all the fragments.
func testAccWantError(t *testing.T, step string, r acctest.Result, fragments ...string) {
	t.Helper()
	if r.Err == nil {
		t.Fatalf("%s: succeeded, want an error with %q", step, fragments)
	}
	if !acctest.HasDiagnostic(r.Errors(), "error", fragments...) {
		t.Fatalf("%s: no error with %q; diagnostics: %v", step, fragments, r.Diagnostics)
	}
}

// Known ids: every clash is stopped at plan.
func TestAccClaims_clashesAtPlan(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ifc := testAccCreateEndpoint(t, tg, net.VPCID, "logs", ec2types.VpcEndpointTypeInterface)
	defaultGroup := testAccAssocDefaultGroup(t, tg, net.VPCID)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]

	importBlock := func(to, id string) string {
		return fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", to, id)
	}
	gatewayOwning := importBlock("vpce_gateway_endpoint.test", gw) + testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0)
	interfaceOwning := func(extra string) string {
		return importBlock("vpce_interface_endpoint.test", ifc) + testAccInterfaceEndpointConfig(net.VPCID, "logs", extra+"  private_dns_enabled = false\n")
	}

	cases := []struct {
		name      string
		config    string
		fragments []string
	}{
		{"two route table associations", testAccAssociation("route_table", "a", fmt.Sprintf("%q", gw), rt0) +
			testAccAssociation("route_table", "b", fmt.Sprintf("%q", gw), rt0),
			[]string{"Duplicate vpce_route_table_association", rt0, gw}},
		{"two subnet associations", testAccAssociation("subnet", "a", fmt.Sprintf("%q", ifc), net.SubnetIDs[0]) +
			testAccAssociation("subnet", "b", fmt.Sprintf("%q", ifc), net.SubnetIDs[0]),
			[]string{"Duplicate vpce_subnet_association", net.SubnetIDs[0]}},
		{"two security group associations", testAccAssociation("security_group", "a", fmt.Sprintf("%q", ifc), net.SecurityGroupID) +
			testAccAssociation("security_group", "b", fmt.Sprintf("%q", ifc), net.SecurityGroupID),
			[]string{"Duplicate vpce_security_group_association", net.SecurityGroupID}},
		{"route_table_ids and an association for one of them", gatewayOwning +
			testAccAssociation("route_table", "a", "vpce_gateway_endpoint.test.id", rt0),
			[]string{"vpce_gateway_endpoint", "route_table_ids", rt0, "remove"}},
		{"route_table_ids and an association for another route table", gatewayOwning +
			testAccAssociation("route_table", "a", "vpce_gateway_endpoint.test.id", rt1),
			[]string{"vpce_gateway_endpoint", "route_table_ids", rt1}},
		{"subnet_ids and a subnet association", interfaceOwning(testAccSubnets(net.SubnetIDs[0])) +
			testAccAssociation("subnet", "a", "vpce_interface_endpoint.test.id", net.SubnetIDs[1]),
			[]string{"vpce_interface_endpoint", "subnet_ids", net.SubnetIDs[1]}},
		{"security_group_ids and an association for another group", interfaceOwning(testAccGroups(net.SecurityGroupID)) +
			testAccAssociation("security_group", "a", "vpce_interface_endpoint.test.id", defaultGroup),
			[]string{"vpce_interface_endpoint", "security_group_ids", defaultGroup}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := tg.NewWorkdir(t)
			w.SetConfig(c.config)
			before := tg.Calls(t, "ModifyVpcEndpoint")
			testAccWantError(t, "plan", w.Plan(""), c.fragments...)
			if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 0 {
				t.Errorf("ModifyVpcEndpoint called %d times, want 0", n)
			}
		})
	}
	if got := testAccEndpointMembers(t, tg, net.VPCID, gw, "route_table"); len(got) != 0 {
		t.Errorf("gateway endpoint members changed: %v", got)
	}
}

// testAccClashAtApply applies config, whose clash is only known at apply (ids unknown at plan), and
// wants the apply to fail with an error with fragments after want ModifyVpcEndpoint calls: the first
// claimant's (1), or none (0).
func testAccClashAtApply(t *testing.T, tg *acctest.Target, config string, want int, fragments ...string) {
	t.Helper()
	w := tg.NewWorkdir(t)
	w.SetConfig(config)
	before := tg.Calls(t, "ModifyVpcEndpoint")
	testAccWantError(t, "apply", w.Apply(""), fragments...)
	if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != want {
		t.Errorf("ModifyVpcEndpoint called %d times, want %d", n, want)
	}
}

// Unknown ids (endpoint and associations created in one apply): the clash stops the apply before the
// second claimant's ModifyVpcEndpoint; fixing the configuration converges.
func TestAccClaims_clashesAtApply(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)

	t.Run("two route table associations", func(t *testing.T) {
		net := tg.NewNetwork(t)
		rt := net.RouteTableIDs[0]
		w := tg.NewWorkdir(t)
		endpoint := fmt.Sprintf("\nresource \"vpce_gateway_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"s3\"\n}\n", net.VPCID)
		w.SetConfig(endpoint + testAccAssociation("route_table", "a", "vpce_gateway_endpoint.test.id", rt) +
			testAccAssociation("route_table", "b", "vpce_gateway_endpoint.test.id", rt))
		if p := w.Plan(""); p.Err != nil {
			t.Fatalf("plan (ids unknown) must pass: %v", p.Errors())
		}
		before := tg.Calls(t, "ModifyVpcEndpoint")
		testAccWantError(t, "apply", w.Apply(""), "Duplicate vpce_route_table_association", rt)
		// One association added the route table; the other stopped before any call.
		if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 1 {
			t.Errorf("ModifyVpcEndpoint called %d times, want 1 (the first claimant only)", n)
		}
		// The fix: keep one association. The apply converges and the next plan is empty.
		w.SetConfig(endpoint + testAccAssociation("route_table", "a", "vpce_gateway_endpoint.test.id", rt))
		if a := w.Apply(""); a.Err != nil {
			t.Fatalf("apply after the fix: %v", a.Errors())
		}
		if p := w.Plan(""); p.Err != nil || p.HasChanges() {
			t.Fatalf("plan after the fix: %v %v", p.Errors(), p.Changes)
		}
		eps := testAccListEndpoints(t, tg, net.VPCID)
		if len(eps) != 1 || !slices.Equal(eps[0].RouteTableIds, []string{rt}) {
			t.Fatalf("endpoints: %+v, want one with %s", eps, rt)
		}
	})

	t.Run("route_table_ids and an association", func(t *testing.T) {
		net := tg.NewNetwork(t)
		rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
		testAccClashAtApply(t, tg, testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0)+
			testAccAssociation("route_table", "a", "vpce_gateway_endpoint.test.id", rt1), 0,
			"vpce_gateway_endpoint", "route_table_ids", rt1)
		eps := testAccListEndpoints(t, tg, net.VPCID)
		if len(eps) != 1 || !slices.Equal(eps[0].RouteTableIds, []string{rt0}) {
			t.Fatalf("endpoints: %+v, want one with only %s", eps, rt0)
		}
	})

	t.Run("subnet_ids and a subnet association", func(t *testing.T) {
		net := tg.NewNetwork(t)
		testAccClashAtApply(t, tg, testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])+"  private_dns_enabled = false\n")+
			testAccAssociation("subnet", "a", "vpce_interface_endpoint.test.id", net.SubnetIDs[1]), 0,
			"vpce_interface_endpoint", "subnet_ids", net.SubnetIDs[1])
	})

	t.Run("security_group_ids and a security group association", func(t *testing.T) {
		net := tg.NewNetwork(t)
		defaultGroup := testAccAssocDefaultGroup(t, tg, net.VPCID)
		testAccClashAtApply(t, tg, testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])+testAccGroups(net.SecurityGroupID)+"  private_dns_enabled = false\n")+
			testAccAssociation("security_group", "a", "vpce_interface_endpoint.test.id", defaultGroup), 0,
			"vpce_interface_endpoint", "security_group_ids", defaultGroup)
		eps := testAccListEndpoints(t, tg, net.VPCID)
		if len(eps) != 1 || len(eps[0].Groups) != 1 || aws.ToString(eps[0].Groups[0].GroupId) != net.SecurityGroupID {
			t.Fatalf("endpoints: %+v, want one with only %s", eps, net.SecurityGroupID)
		}
	})

	// Two associations of one member: the first claimant's call is made, the second stops before any.
	t.Run("two subnet associations", func(t *testing.T) {
		net := tg.NewNetwork(t)
		testAccClashAtApply(t, tg, testAccInterfaceEndpointConfig(net.VPCID, "logs", "  private_dns_enabled = false\n")+
			testAccAssociation("subnet", "a", "vpce_interface_endpoint.test.id", net.SubnetIDs[0])+
			testAccAssociation("subnet", "b", "vpce_interface_endpoint.test.id", net.SubnetIDs[0]), 1,
			"Duplicate vpce_subnet_association", net.SubnetIDs[0])
		eps := testAccListEndpoints(t, tg, net.VPCID)
		if len(eps) != 1 || !slices.Equal(eps[0].SubnetIds, []string{net.SubnetIDs[0]}) {
			t.Fatalf("endpoints: %+v, want one in %s", eps, net.SubnetIDs[0])
		}
	})

	t.Run("two security group associations", func(t *testing.T) {
		net := tg.NewNetwork(t)
		testAccClashAtApply(t, tg, testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])+"  private_dns_enabled = false\n")+
			testAccAssociation("security_group", "a", "vpce_interface_endpoint.test.id", net.SecurityGroupID)+
			testAccAssociation("security_group", "b", "vpce_interface_endpoint.test.id", net.SecurityGroupID), 1,
			"Duplicate vpce_security_group_association", net.SecurityGroupID)
	})
}

// Destroying one of two resources that claim a member leaves it attached: an association renamed
// without a `moved` block (the old one destroyed, the new one created in one apply), and membership
// moved from associations to the endpoint's own set.
func TestAccClaims_destroyKeepsClaimedMember(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt := net.RouteTableIDs[0]
	w := tg.NewWorkdir(t)
	endpoint := fmt.Sprintf("\nresource \"vpce_gateway_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"s3\"\n}\n", net.VPCID)

	steps := []struct{ name, config string }{
		{"create", endpoint + testAccAssociation("route_table", "old", "vpce_gateway_endpoint.test.id", rt)},
		{"rename", endpoint + testAccAssociation("route_table", "new", "vpce_gateway_endpoint.test.id", rt)},
		{"to the endpoint's set", testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt)},
	}
	for _, s := range steps {
		w.SetConfig(s.config)
		before := tg.Calls(t, "ModifyVpcEndpoint")
		a := w.Apply("")
		if a.Err != nil {
			t.Fatalf("%s: apply: %v", s.name, a.Errors())
		}
		// Renamed, or taken into the endpoint's set, the route table is never detached: no call.
		if n := tg.Calls(t, "ModifyVpcEndpoint") - before; s.name != "create" && n != 0 {
			t.Errorf("%s: %d ModifyVpcEndpoint calls, want 0 (the member stays attached throughout); warnings %v", s.name, n, a.Warnings())
		}
		if acctest.HasDiagnostic(a.Warnings(), "warning", "detached briefly") {
			t.Errorf("%s: %v", s.name, a.Warnings())
		}
		eps := testAccListEndpoints(t, tg, net.VPCID)
		if len(eps) != 1 || !slices.Equal(eps[0].RouteTableIds, []string{rt}) {
			t.Fatalf("%s: endpoints %+v, want one with %s attached", s.name, eps, rt)
		}
		p := w.Plan("")
		if p.Err != nil || p.HasChanges() {
			t.Fatalf("%s: the next plan must be empty: %v %v", s.name, p.Errors(), p.Changes)
		}
		for _, d := range p.Warnings() {
			if strings.Contains(d.Summary, "not found") {
				t.Fatalf("%s: %s", s.name, d)
			}
		}
	}
}

// Across configurations the provider cannot know who else declares a member; what it sees is the
// endpoint as AWS has it: an association planned for a member that another configuration attached
// warns that it adopts it, and the plan goes on.
func TestAccClaims_acrossConfigurations(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	rt := net.RouteTableIDs[0]
	config := testAccAssociation("route_table", "a", fmt.Sprintf("%q", gw), rt)

	first := tg.NewWorkdir(t)
	first.SetConfig(config)
	if p := first.Plan(""); p.Err != nil || len(p.Warnings()) > 0 {
		t.Fatalf("first configuration's plan: %v %v", p.Errors(), p.Warnings())
	}
	if a := first.Apply(""); a.Err != nil {
		t.Fatalf("first configuration's apply: %v", a.Errors())
	}

	second := tg.NewWorkdir(t)
	second.SetConfig(config)
	p := second.Plan("")
	if p.Err != nil {
		t.Fatalf("second configuration's plan: %v", p.Errors())
	}
	if !acctest.HasDiagnostic(p.Warnings(), "warning", "Route table already attached", rt, gw, "destroying it later detaches") {
		t.Fatalf("no warning that the route table is already attached: %v", p.Diagnostics)
	}
	before := tg.Calls(t, "ModifyVpcEndpoint")
	if a := second.Apply(""); a.Err != nil {
		t.Fatalf("second configuration's apply: %v", a.Errors())
	}
	if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 0 {
		t.Errorf("adopting an attached member made %d ModifyVpcEndpoint calls, want 0", n)
	}
}
