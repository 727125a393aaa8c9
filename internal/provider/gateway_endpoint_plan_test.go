package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

// Drift: each out-of-band change is reported by the next plan and repaired by the next apply.

func TestAccGatewayEndpoint_driftRouteTableDetached(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	var endpoint ec2types.VpcEndpoint
	config := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0, rt1)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.RemoveRouteTableIds = []string{rt1} }),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, true),
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "2"),
				),
			},
		},
	})
}

func TestAccGatewayEndpoint_driftRouteTableAttached(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	var endpoint ec2types.VpcEndpoint
	config := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.AddRouteTableIds = []string{rt1} }),
				),
				ExpectNonEmptyPlan: true,
			},
			{ // the authoritative set detaches the out-of-band member, with a warning naming it
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, false),
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "1"),
				),
			},
		},
	})
}

func TestAccGatewayEndpoint_driftPolicy(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	config := testAccGatewayEndpointConfig_policy(net.VPCID, testAccPolicyCompact)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.PolicyDocument = aws.String(testAccPolicyChanged) }),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccPolicyCompact),
				),
			},
		},
	})
}

// Plan-time failures: each is caught before any CreateVpcEndpoint call.

func TestAccGatewayEndpoint_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other, err := seed.Demo(acctest.Context(t), tg.EC2, acctest.RandomName("tf-acc-other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = seed.Destroy(context.Background(), tg.EC2, other) })

	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"interfaceOnlyService": {
			config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "ssm", net.RouteTableIDs[0]),
			want:   `(?s)does not support Gateway.*vpce_interface_endpoint`,
		},
		"unknownService": {
			config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "com.amazonaws."+tg.Region+".nosuchservice", net.RouteTableIDs[0]),
			want:   `(?s)(not found|does not exist|does not support Gateway)`,
		},
		"routeTableOfAnotherVPC": {
			config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", other.RouteTableIDs[0]),
			want:   `(?s)` + regexp.QuoteMeta(other.RouteTableIDs[0]) + `.*` + regexp.QuoteMeta(other.VPCID),
		},
		"policyNotSupported": {
			config: fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3express"
  policy  = %[2]q
}
`, net.VPCID, testAccPolicyCompact),
			want: `(?s)full-access endpoint policy`,
		},
		"malformedPolicy": {
			config: fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  policy  = "{\"Version\": \"2012-10-17\", \"Statement\": ["
}
`, net.VPCID),
			want: `(?s)Invalid policy JSON`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 0 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

// testAccModifyEndpoint changes an endpoint out of band, as someone in the console would.
func testAccModifyEndpoint(tg *acctest.Target, e *ec2types.VpcEndpoint, edit func(*ec2.ModifyVpcEndpointInput)) resource.TestCheckFunc {
	return func(*terraform.State) error {
		in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: e.VpcEndpointId}
		edit(in)
		if _, err := tg.EC2.ModifyVpcEndpoint(context.Background(), in); err != nil {
			return fmt.Errorf("modifying %s out of band: %w", aws.ToString(e.VpcEndpointId), err)
		}
		return nil
	}
}

// With plan_time_validation = false the live rules do not run: a route table of another VPC passes
// the plan, and AWS's rejection at apply is translated into the rule it breaks.
func TestAccGatewayEndpoint_planTimeValidationOff(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other := tg.NewNetwork(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: "provider \"vpce\" {\n  plan_time_validation = false\n}\n" +
				testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", other.RouteTableIDs[0]),
			ExpectError: regexp.MustCompile(`(?s)creating VPC endpoint: .*\[P7\].*AWS said: InvalidParameter`),
		}},
	})
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 1 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 1: with plan_time_validation off the plan does not stop it", n)
	}
	if n := tg.Calls(t, "DescribeVpcEndpointServices"); n != 0 {
		t.Errorf("DescribeVpcEndpointServices calls = %d, want 0: no live rule may run", n)
	}
}
