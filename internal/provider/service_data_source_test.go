package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

func TestAccServiceDataSource_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
data "vpce_service" "s3" {
  service = "s3"
}

data "vpce_service" "ssm" {
  service = "ssm"
}

data "vpce_service" "full" {
  service = data.vpce_service.ssm.service_name
}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.vpce_service.s3", "service_name", "com.amazonaws."+tg.Region+".s3"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "gateway_supported", "true"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "interface_supported", "true"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "preferred_type", "Gateway"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "service_types.#", "2"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "policy_supported", "true"),
				resource.TestCheckResourceAttr("data.vpce_service.s3", "owner", "amazon"),
				resource.TestMatchResourceAttr("data.vpce_service.s3", "availability_zones.#", regexp.MustCompile(`^[1-9]`)),
				resource.TestMatchResourceAttr("data.vpce_service.s3", "availability_zone_ids.#", regexp.MustCompile(`^[1-9]`)),
				resource.TestCheckResourceAttr("data.vpce_service.ssm", "gateway_supported", "false"),
				resource.TestCheckResourceAttr("data.vpce_service.ssm", "interface_supported", "true"),
				resource.TestCheckResourceAttr("data.vpce_service.ssm", "preferred_type", "Interface"),
				resource.TestCheckResourceAttr("data.vpce_service.ssm", "private_dns_names.0", "ssm."+tg.Region+".amazonaws.com"),
				resource.TestCheckResourceAttr("data.vpce_service.ssm", "acceptance_required", "false"),
				resource.TestCheckTypeSetElemAttr("data.vpce_service.ssm", "supported_ip_address_types.*", "ipv4"),
				resource.TestCheckResourceAttrPair("data.vpce_service.full", "service_name", "data.vpce_service.ssm", "service_name"),
			),
		}},
	})
}

func TestAccServiceDataSource_notFound(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
data "vpce_service" "test" {
  service = "nosuchservice"
}
`,
			ExpectError: regexp.MustCompile(`(?s)VPC endpoint service not found.*nosuchservice`),
		}},
	})
}

// reachable_from follows AWS's guidance: a gateway only where the VPC alone reaches the service.
func TestAccServiceDataSource_reachableFrom(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{ // a gateway-only service cannot serve on-premises clients
				Config: `
data "vpce_service" "test" {
  service        = "s3express"
  reachable_from = ["on_premises"]
}
`,
				ExpectError: regexp.MustCompile(`No endpoint type serves reachable_from`),
			},
			{ // a value outside the list stops at validate
				Config: `
data "vpce_service" "test" {
  service        = "s3"
  reachable_from = ["internet"]
}
`,
				ExpectError: regexp.MustCompile(`reachable_from`),
			},
			{
				Config: `
data "vpce_service" "s3_vpc" {
  service = "s3"
}

data "vpce_service" "s3_on_premises" {
  service        = "s3"
  reachable_from = ["vpc", "on_premises"]
}

data "vpce_service" "s3_peered" {
  service        = "s3"
  reachable_from = ["peered_vpcs_other_regions"]
}

data "vpce_service" "ssm_vpc" {
  service        = "ssm"
  reachable_from = ["vpc"]
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.vpce_service.s3_vpc", "preferred_type", "Gateway"),
					resource.TestMatchResourceAttr("data.vpce_service.s3_vpc", "preferred_type_reason", regexp.MustCompile(`free`)),
					resource.TestCheckResourceAttr("data.vpce_service.s3_on_premises", "preferred_type", "Interface"),
					resource.TestMatchResourceAttr("data.vpce_service.s3_on_premises", "preferred_type_reason", regexp.MustCompile(`cannot be reached from on_premises`)),
					resource.TestCheckResourceAttr("data.vpce_service.s3_peered", "preferred_type", "Interface"),
					resource.TestCheckResourceAttr("data.vpce_service.ssm_vpc", "preferred_type", "Interface"),
					resource.TestMatchResourceAttr("data.vpce_service.ssm_vpc", "preferred_type_reason", regexp.MustCompile(`no Gateway`)),
				),
			},
		},
	})
}
