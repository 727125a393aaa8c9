package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

const routeTableAssociationName = "vpce_route_table_association.test"

func TestAccRouteTableAssociation_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	rt := net.RouteTableIDs[0]

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccRouteTableAssociationConfig_basic(net.VPCID, rt),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttrPair(routeTableAssociationName, "vpc_endpoint_id", gatewayResourceName, "id"),
					resource.TestCheckResourceAttr(routeTableAssociationName, "route_table_id", rt),
					resource.TestCheckNoResourceAttr(routeTableAssociationName, "id"),
					testAccCheckRouteTableRoutesTo(tg, rt, &endpoint, true),
				),
			},
			{ // the endpoint shows the association's member; its plan stays empty (it does not own membership)
				Config: testAccRouteTableAssociationConfig_basic(net.VPCID, rt),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(gatewayResourceName, "associated_route_table_ids.*", rt),
					resource.TestCheckNoResourceAttr(gatewayResourceName, "route_table_ids.#"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			testAccAssociationImportStep(routeTableAssociationName, "route_table_id"),
		},
	})
}

func TestAccRouteTableAssociation_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	config := testAccRouteTableAssociationConfig_basic(net.VPCID, net.RouteTableIDs[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{ // the endpoint is deleted out of band: the association goes with it
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointDisappears(tg, &endpoint),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(routeTableAssociationName, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckRouteTableRoutesTo(tg, net.RouteTableIDs[0], &endpoint, true),
				),
			},
		},
	})
}

func TestAccRouteTableAssociation_drift(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	rt := net.RouteTableIDs[0]
	config := testAccRouteTableAssociationConfig_basic(net.VPCID, rt)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{ // detached in the console
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.RemoveRouteTableIds = []string{rt} }),
				),
				ExpectNonEmptyPlan: true,
			},
			{ // the next plan recreates the association only
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(routeTableAssociationName, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionNoop),
				}},
				Check: testAccCheckRouteTableRoutesTo(tg, rt, &endpoint, true),
			},
		},
	})
}

func TestAccRouteTableAssociation_import(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{Config: testAccRouteTableAssociationConfig_basic(net.VPCID, net.RouteTableIDs[0])},
			testAccAssociationImportStep(routeTableAssociationName, "route_table_id"),
			{
				ResourceName:  routeTableAssociationName,
				ImportState:   true,
				ImportStateId: net.RouteTableIDs[0],
				ExpectError:   regexp.MustCompile(`(?s)Expected <vpc-endpoint-id>/<route-table-id>, such as\s+vpce-0123456789abcdef0/rtb-0123456789abcdef0`),
			},
			{
				ResourceName:  routeTableAssociationName,
				ImportState:   true,
				ImportStateId: "vpce-0123/subnet-0123",
				ExpectError:   regexp.MustCompile(`Expected <vpc-endpoint-id>/<route-table-id>`),
			},
		},
	})
}

// Plan-time failures: each is caught before any ModifyVpcEndpoint call.
func TestAccRouteTableAssociation_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other, err := seed.Demo(acctest.Context(t), tg.EC2, acctest.RandomName("tf-acc-other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = seed.Destroy(context.Background(), tg.EC2, other) })
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	before := tg.Calls(t, "ModifyVpcEndpoint")

	for name, tc := range map[string]struct {
		endpoint, routeTable, want string
	}{
		"routeTableOfAnotherVPC": {gw, other.RouteTableIDs[0], `(?s)Route table in another VPC \[P7\].*` + regexp.QuoteMeta(other.RouteTableIDs[0]) + `.*` + regexp.QuoteMeta(other.VPCID)},
		"interfaceEndpoint":      {iface, net.RouteTableIDs[0], `(?s)Association of the wrong endpoint type \[P11\].*Interface.*Route\s+table\s+IDs\s+are\s+only\s+supported\s+for\s+Gateway`},
		"routeTableNotFound":     {gw, "rtb-0123456789abcdef0", `(?s)Route table not found \[P7\]`},
		"endpointNotFound":       {"vpce-0123456789abcdef0", net.RouteTableIDs[0], `(?s)VPC endpoint not found`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      testAccRouteTableAssociationConfig_ids(tc.endpoint, tc.routeTable),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 0 {
		t.Errorf("ModifyVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

// Twenty route-table associations and ten subnet associations applied in one apply with
// -parallelism=20, against a local EC2 API that answers concurrent modifies of one endpoint with
// OperationInProgress: the provider serialises them per endpoint.
//
// The local EC2 API's us-east-1 has six zones (a–f) and an endpoint takes one subnet per zone, so ten
// subnet associations cannot all be on one interface endpoint: six go on one endpoint, four on a second.
func TestAccRouteTableAssociation_parallel(t *testing.T) { //nolint:paralleltest // sets TF_CLI_ARGS_apply
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=20")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)

	const nRouteTables, nSubnets = 20, 10
	var rtbs []string
	for i := 0; i < nRouteTables; i++ {
		out, err := tg.EC2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(net.VPCID)})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(out.RouteTable.RouteTableId)
		rtbs = append(rtbs, id)
		t.Cleanup(func() {
			_, _ = tg.EC2.DeleteRouteTable(context.Background(), &ec2.DeleteRouteTableInput{RouteTableId: aws.String(id)})
		})
	}
	zones, err := tg.EC2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var subnets []string
	for i, z := range zones.AvailabilityZones {
		out, err := tg.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(net.VPCID),
			CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", 100+i)), AvailabilityZone: z.ZoneName})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(out.Subnet.SubnetId)
		subnets = append(subnets, id)
		t.Cleanup(func() {
			_, _ = tg.EC2.DeleteSubnet(context.Background(), &ec2.DeleteSubnetInput{SubnetId: aws.String(id)})
		})
	}
	if len(subnets) < nSubnets/2 {
		t.Fatalf("%d zones: need %d", len(subnets), nSubnets/2)
	}
	// One subnet per zone and endpoint: as many as there are zones on the first endpoint, the rest on
	// the second.
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ifaceA := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	ifaceB := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	var b strings.Builder
	fmt.Fprintf(&b, `
locals {
  route_table_ids = [%[2]s]
}

resource "vpce_route_table_association" "test" {
  count = length(local.route_table_ids)

  vpc_endpoint_id = %[1]q
  route_table_id  = local.route_table_ids[count.index]
}
`, gw, quoteJoin(rtbs))
	onA := min(len(subnets), nSubnets)
	for i := 0; i < nSubnets; i++ {
		ep := ifaceA
		if i >= onA {
			ep = ifaceB
		}
		fmt.Fprintf(&b, `
resource "vpce_subnet_association" "s%[1]d" {
  vpc_endpoint_id = %[2]q
  subnet_id       = %[3]q
}
`, i, ep, subnets[i%len(subnets)])
	}
	t.Logf("%d zones: %d subnet associations on %s, %d on %s", len(subnets), onA, ifaceA, nSubnets-onA, ifaceB)
	before := tg.Calls(t, "ModifyVpcEndpoint")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: b.String(),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckEndpointMembers(tg, gw, func(e *ec2types.VpcEndpoint) []string { return e.RouteTableIds }, nRouteTables),
					testAccCheckEndpointMembers(tg, ifaceA, func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds }, onA),
					testAccCheckEndpointMembers(tg, ifaceB, func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds }, nSubnets-onA),
					func(*terraform.State) error {
						n := tg.Calls(t, "ModifyVpcEndpoint") - before
						t.Logf("ModifyVpcEndpoint calls for %d associations: %d", nRouteTables+nSubnets, n)
						if limit := 3 * (nRouteTables + nSubnets); n > limit {
							return fmt.Errorf("ModifyVpcEndpoint calls = %d, want at most %d", n, limit)
						}
						return nil
					},
				),
			},
			{
				Config:           b.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
	t.Logf("ModifyVpcEndpoint calls in all (create and destroy of %d associations): %d", nRouteTables+nSubnets, tg.Calls(t, "ModifyVpcEndpoint")-before)
}

// testAccCheckEndpointMembers checks how many members an endpoint has.
func testAccCheckEndpointMembers(tg *acctest.Target, id string, members func(*ec2types.VpcEndpoint) []string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		e, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, id)
		if err != nil {
			return err
		}
		if got := len(members(e)); got != want {
			return fmt.Errorf("%s has %d members (%v), want %d", id, got, members(e), want)
		}
		return nil
	}
}

func quoteJoin(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// testAccAssociationImportStep imports an association by <vpc_endpoint_id>/<member> and verifies it.
func testAccAssociationImportStep(name, memberAttr string) resource.TestStep {
	return resource.TestStep{
		ResourceName:                         name,
		ImportState:                          true,
		ImportStateVerify:                    true,
		ImportStateVerifyIdentifierAttribute: memberAttr,
		ImportStateIdFunc: func(s *terraform.State) (string, error) {
			rs, ok := s.RootModule().Resources[name]
			if !ok {
				return "", fmt.Errorf("not found in state: %s", name)
			}
			return rs.Primary.Attributes["vpc_endpoint_id"] + "/" + rs.Primary.Attributes[memberAttr], nil
		},
	}
}

// testAccCheckAssociationsDestroy checks that every association in state is gone from its endpoint
// (an endpoint that is gone has no members), then that the endpoints are destroyed.
func testAccCheckAssociationsDestroy(tg *acctest.Target) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			var member string
			var members func(*ec2types.VpcEndpoint) []string
			switch rs.Type {
			case "vpce_route_table_association":
				member, members = rs.Primary.Attributes["route_table_id"], func(e *ec2types.VpcEndpoint) []string { return e.RouteTableIds }
			case "vpce_subnet_association":
				member, members = rs.Primary.Attributes["subnet_id"], func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds }
			case "vpce_security_group_association":
				member, members = rs.Primary.Attributes["security_group_id"], func(e *ec2types.VpcEndpoint) []string {
					var ids []string
					for _, g := range e.Groups {
						ids = append(ids, aws.ToString(g.GroupId))
					}
					return ids
				}
			default:
				continue
			}
			e, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, rs.Primary.Attributes["vpc_endpoint_id"])
			if awsclient.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if slices.Contains(members(e), member) {
				return fmt.Errorf("%s %s is still associated with %s", rs.Type, member, aws.ToString(e.VpcEndpointId))
			}
		}
		return testAccCheckGatewayEndpointDestroy(tg)(s)
	}
}

// testAccCreateEndpoint creates an endpoint through EC2 calls (no members), waits until it is
// available, and deletes it when the test ends.
func testAccCreateEndpoint(t *testing.T, tg *acctest.Target, vpcID, service string, typ ec2types.VpcEndpointType) string {
	t.Helper()
	ctx := acctest.Context(t)
	in := &ec2.CreateVpcEndpointInput{
		VpcId:           aws.String(vpcID),
		ServiceName:     aws.String("com.amazonaws." + tg.Region + "." + service),
		VpcEndpointType: typ,
	}
	if typ == ec2types.VpcEndpointTypeInterface {
		in.PrivateDnsEnabled = aws.Bool(false)
	}
	out, err := tg.EC2.CreateVpcEndpoint(ctx, in)
	if err != nil {
		t.Fatalf("creating a %s endpoint for %s: %s", typ, service, err)
	}
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		_, _ = tg.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		_ = awsclient.WaitVPCEndpointDeleted(ctx, tg.EC2, id, 5*time.Minute)
	})
	if _, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, id, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccRouteTableAssociationConfig_basic(vpcID, routeTableID string) string {
	return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
}

resource "vpce_route_table_association" "test" {
  vpc_endpoint_id = vpce_gateway_endpoint.test.id
  route_table_id  = %[2]q
}
`, vpcID, routeTableID)
}

func testAccRouteTableAssociationConfig_ids(endpointID, routeTableID string) string {
	return fmt.Sprintf(`
resource "vpce_route_table_association" "test" {
  vpc_endpoint_id = %[1]q
  route_table_id  = %[2]q
}
`, endpointID, routeTableID)
}

// A route table attached by a vpce_route_table_association is, for an endpoint that owns its route
// tables, a member to detach: the endpoint's plan names it, as a warning, and does not block.
func TestAccRouteTableAssociation_warningOnOwnerPlan(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)

	// The association attaches rt1 through the provider.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: testAccRouteTableAssociationConfig_ids(gw, rt1),
			Check: func(*terraform.State) error {
				diags := tg.PlanDiagnostics(t, fmt.Sprintf(`
import {
  to = vpce_gateway_endpoint.test
  id = %[1]q
}
`, gw)+testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0))
				if !acctest.HasDiagnostic(diags, "warning", "Route table associated outside this resource will be detached", rt1, "vpce_route_table_association") {
					return fmt.Errorf("no warning naming %s, attached by an association, as a member the endpoint will detach; diagnostics: %+v", rt1, diags)
				}
				if acctest.HasDiagnostic(diags, "error") {
					return fmt.Errorf("the warning must not block the plan: %+v", diags)
				}
				return nil
			},
		}},
	})
}
