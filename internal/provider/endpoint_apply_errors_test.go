package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// An endpoint that lands in "failed": the create reports AWS's LastError, the endpoint stays in
// state tainted, and the next apply replaces it.
func TestAccGatewayEndpoint_failedState(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	config := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					tg.Emulator.SetEndpointFailure(emulator.EndpointFailure{Code: "InsufficientCapacity", Message: "There is not enough capacity to fulfill your request."})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)"failed".*InsufficientCapacity:\s+There\s+is\s+not\s+enough\s+capacity`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(gatewayResourceName, "state", "available"),
					testAccCheckVPCEndpointCount(tg, net.VPCID, 1),
				),
			},
		},
	})
}

// A cross-region endpoint with a subnet outside the zones AWS offers for remote access: the plan
// cannot know them, and the apply error names the subnet, its zone ID and the accepted zone IDs.
func TestAccInterfaceEndpoint_remoteAccessZone(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t) // the zones refused are the local EC2 API's choice
	net := tg.NewNetwork(t)
	// The demo network's third subnet is in us-east-1c: use1-az3, which the local EC2 API refuses.
	config := testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0], net.SubnetIDs[2])+
		"  service_region = \"us-west-2\"\n  private_dns_enabled = false\n")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Subnet in a zone without remote access.*` + regexp.QuoteMeta(net.SubnetIDs[2]) +
				`\s+\(zone\s+ID\s+use1-az3\).*accepted\s+zone\s+IDs\s+are\s+use1-az1,\s+use1-az2,\s+use1-az4,\s+use1-az6`),
		}},
	})
}
