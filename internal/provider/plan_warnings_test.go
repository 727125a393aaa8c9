package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// Plan-time warnings, read from `terraform plan -json` (terraform-plugin-testing does not expose
// warnings). A warning never blocks the plan: it states the fact, the AWS error that would follow and
// the fix.

func TestAccGatewayEndpoint_warningOutOfBandMember(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	id := testAccCreateEndpointInput(t, tg, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".s3"),
		VpcEndpointType: ec2types.VpcEndpointTypeGateway, RouteTableIds: []string{rt0, rt1},
	})

	diags := tg.PlanDiagnostics(t, fmt.Sprintf(`
import {
  to = vpce_gateway_endpoint.test
  id = %[1]q
}
`, id)+testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0))
	if !acctest.HasDiagnostic(diags, "warning", "Route table associated outside this resource will be detached", rt1, "route_table_ids") {
		t.Errorf("no warning naming %s as an out-of-band member to be detached; diagnostics: %+v", rt1, diags)
	}
	if acctest.HasDiagnostic(diags, "error") {
		t.Errorf("the warning must not block the plan: %+v", diags)
	}
}

func TestAccInterfaceEndpoint_warningsAtPlan(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	other := tg.NewNetwork(t)
	ctx := acctest.Context(t)

	// P4: another endpoint in the VPC already has private DNS for ssm.
	testAccCreateEndpointInput(t, tg, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: net.SubnetIDs[:1], PrivateDnsEnabled: aws.Bool(true),
	})
	// P3: the other VPC has no DNS hostnames.
	if _, err := tg.EC2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{
		VpcId: aws.String(other.VPCID), EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(false)},
	}); err != nil {
		t.Fatal(err)
	}

	diags := tg.PlanDiagnostics(t, fmt.Sprintf(`
resource "vpce_interface_endpoint" "p4" {
  vpc_id     = %[1]q
  service    = "ssm"
  subnet_ids = [%[2]q]
}

resource "vpce_interface_endpoint" "p3" {
  vpc_id     = %[3]q
  service    = "logs"
  subnet_ids = [%[4]q]
}

resource "vpce_interface_endpoint" "p5" {
  vpc_id              = %[3]q
  service             = "s3"
  subnet_ids          = [%[4]q]
  private_dns_enabled = true
  dns_options = {
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}
`, net.VPCID, net.SubnetIDs[1], other.VPCID, other.SubnetIDs[0]))

	for rule, fragments := range map[string][]string{
		"P3": {"[P3]", "enableDnsHostnames", other.VPCID},
		"P4": {"[P4]", "conflicting DNS domain", net.VPCID},
		"P5": {"[P5]", "must have a Gateway endpoint", other.VPCID},
	} {
		if !acctest.HasDiagnostic(diags, "warning", fragments...) {
			t.Errorf("%s: no warning with %q; diagnostics: %+v", rule, fragments, diags)
		}
	}
	if acctest.HasDiagnostic(diags, "error") {
		t.Errorf("warnings must not block the plan: %+v", diags)
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 1 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 1 (the fixture's): a plan creates nothing", n)
	}
}

// testAccCreateEndpointInput creates an endpoint out of band, waits for it and deletes it at cleanup.
func testAccCreateEndpointInput(t *testing.T, tg *acctest.Target, in *ec2.CreateVpcEndpointInput) string {
	t.Helper()
	ctx := acctest.Context(t)
	out, err := tg.EC2.CreateVpcEndpoint(ctx, in)
	if err != nil {
		t.Fatalf("creating an endpoint out of band: %s", err)
	}
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		ctx := context.Background()
		_, _ = tg.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		_ = awsclient.WaitVPCEndpointDeleted(ctx, tg.EC2, id, 5*60*1e9)
	})
	if _, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, id, 5*60*1e9); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAccInterfaceEndpoint_warningOutOfBandMembers(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	id := testAccCreateEndpointInput(t, tg, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".logs"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: net.SubnetIDs[:2],
		SecurityGroupIds: []string{net.SecurityGroupID},
	})
	// The configuration owns one subnet and no group of the ones attached: both extras are named.
	diags := tg.PlanDiagnostics(t, fmt.Sprintf(`
import {
  to = vpce_interface_endpoint.test
  id = %[1]q
}

resource "vpce_interface_endpoint" "test" {
  vpc_id             = %[2]q
  service            = "logs"
  subnet_ids         = [%[3]q]
  security_group_ids = []
}
`, id, net.VPCID, net.SubnetIDs[0]))
	if !acctest.HasDiagnostic(diags, "warning", "Subnet associated outside this resource will be detached", net.SubnetIDs[1]) {
		t.Errorf("no warning naming subnet %s; diagnostics: %+v", net.SubnetIDs[1], diags)
	}
	if !acctest.HasDiagnostic(diags, "warning", "associated outside this resource will be detached", net.SecurityGroupID) {
		t.Errorf("no warning naming security group %s; diagnostics: %+v", net.SecurityGroupID, diags)
	}
}

// P12: the region already has as many gateway endpoints as AWS's default quota allows.
func TestAccGatewayEndpoint_warningQuota(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t) // creates 20 gateway endpoints
	net := tg.NewNetwork(t)
	for i := range awsclient.DefaultGatewayEndpointsPerRegion {
		service := []string{"s3", "dynamodb"}[i%2]
		testAccCreateEndpointInput(t, tg, &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + "." + service),
			VpcEndpointType: ec2types.VpcEndpointTypeGateway,
		})
	}
	diags := tg.PlanDiagnostics(t, testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3"))
	if !acctest.HasDiagnostic(diags, "warning", "[P12]", "20 gateway endpoints", "VpcEndpointLimitExceeded") {
		t.Errorf("no P12 quota warning; diagnostics: %+v", diags)
	}
	if acctest.HasDiagnostic(diags, "error") {
		t.Errorf("the quota warning must not block the plan: %+v", diags)
	}
}
