package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// A create whose wait fails leaves the endpoint in state, tainted: the next plan replaces it, and no
// endpoint is left behind without Terraform knowing of it.
func TestAccGatewayEndpoint_waitFailureTaints(t *testing.T) {
	t.Parallel()
	tg := acctest.NewWithOptions(t, emulator.Options{PendingDuration: time.Hour})
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	config := func(timeout string) string {
		return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id          = %[1]q
  service         = "s3"
  route_table_ids = [%[2]q]
  timeouts = {
    create = %[3]q
  }
}
`, net.VPCID, net.RouteTableIDs[0], timeout)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{ // the endpoint stays pending past the create timeout
				Config:      config("3s"),
				ExpectError: regexp.MustCompile(`waiting for VPC endpoint \(vpce-[0-9a-f]+\) create`),
			},
			{ // the tainted endpoint is replaced, not forgotten
				PreConfig: func() { tg.Emulator.SetDurations(time.Second, time.Second, 2*time.Second, 2*time.Second) },
				Config:    config("10m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: testAccCheckVPCEndpointCount(tg, net.VPCID, 1),
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(context.Background(), tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d endpoints left (%v)", gw+iface, err)
	}
}

// A CreateVpcEndpoint whose response is lost is retried by the SDK with the same ClientToken: EC2
// returns the endpoint it made, and there is exactly one.
func TestAccGatewayEndpoint_lostCreateResponse(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			PreConfig: func() { tg.Emulator.DropResponses("CreateVpcEndpoint", 1) },
			Config:    testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]),
			Check: resource.ComposeAggregateTestCheckFunc(
				testAccCheckVPCEndpointCount(tg, net.VPCID, 1),
				func(*terraform.State) error {
					if n := tg.Emulator.Calls("CreateVpcEndpoint"); n != 2 {
						return fmt.Errorf("CreateVpcEndpoint calls = %d, want 2 (the lost one and its retry)", n)
					}
					return nil
				},
			),
		}},
	})
}

// testAccCheckVPCEndpointCount checks how many live endpoints the VPC has in EC2.
func testAccCheckVPCEndpointCount(tg *acctest.Target, vpcID string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		gw, iface, err := vpcEndpointCount(context.Background(), tg, vpcID)
		if err != nil {
			return err
		}
		if gw+iface != want {
			return fmt.Errorf("VPC %s has %d endpoints, want %d", vpcID, gw+iface, want)
		}
		return nil
	}
}
