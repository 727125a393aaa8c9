package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

func TestAccEndpointDataSource_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	config := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]) + fmt.Sprintf(`
data "vpce_endpoint" "by_id" {
  id = vpce_gateway_endpoint.test.id
}

data "vpce_endpoint" "by_service" {
  vpc_id  = %[1]q
  service = "ssm"
}
`, net.VPCID)
	const byID, bySvc = "data.vpce_endpoint.by_id", "data.vpce_endpoint.by_service"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(byID, "id", gatewayResourceName, "id"),
					resource.TestCheckResourceAttrPair(byID, "arn", gatewayResourceName, "arn"),
					resource.TestCheckResourceAttrPair(byID, "owner_id", gatewayResourceName, "owner_id"),
					resource.TestCheckResourceAttr(byID, "vpc_id", net.VPCID),
					resource.TestCheckResourceAttr(byID, "service_name", "com.amazonaws."+tg.Region+".s3"),
					resource.TestCheckResourceAttr(byID, "vpc_endpoint_type", "Gateway"),
					resource.TestCheckResourceAttr(byID, "state", "available"),
					resource.TestCheckResourceAttr(byID, "route_table_ids.#", "1"),
					resource.TestCheckResourceAttr(byID, "subnet_ids.#", "0"),
					resource.TestCheckResourceAttr(byID, "private_dns_enabled", "false"),
					resource.TestCheckResourceAttrSet(byID, "policy"),
					resource.TestCheckResourceAttr(bySvc, "id", iface),
					resource.TestCheckResourceAttr(bySvc, "vpc_endpoint_type", "Interface"),
					resource.TestCheckResourceAttr(bySvc, "security_group_ids.#", "1"),
					resource.TestCheckResourceAttr(bySvc, "route_table_ids.#", "0"),
					resource.TestMatchResourceAttr(bySvc, "dns_entries.#", regexp.MustCompile(`^\d+$`)),
					resource.TestCheckResourceAttr(bySvc, "tags.%", "0"),
				),
			},
		},
	})
}

func TestAccEndpointDataSource_errors(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)

	for name, tc := range map[string]struct{ config, want string }{
		"several":   {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"ssm\"\n}\n", net.VPCID), `(?s)Several VPC endpoints match.*2 endpoints`},
		"none":      {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"logs\"\n}\n", net.VPCID), `(?s)VPC endpoint not found.*has no endpoint`},
		"noSuchID":  {"data \"vpce_endpoint\" \"test\" {\n  id = \"vpce-0123456789abcdef0\"\n}\n", `(?s)VPC endpoint not found`},
		"neither":   {"data \"vpce_endpoint\" \"test\" {}\n", `(?s)Exactly one of these attributes must be configured`},
		"vpcAlone":  {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id = %q\n}\n", net.VPCID), `(?s)Invalid Attribute Combination`},
		"idAndName": {"data \"vpce_endpoint\" \"test\" {\n  id      = \"vpce-0123456789abcdef0\"\n  service = \"s3\"\n}\n", `(?s)Invalid Attribute Combination`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}
