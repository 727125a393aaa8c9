package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

func TestAccServicesDataSource_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	prefix := "com.amazonaws." + tg.Region + "."

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: `
data "vpce_services" "all" {}

data "vpce_services" "gateway" {
  service_type = "Gateway"
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr("data.vpce_services.all", "services.#", regexp.MustCompile(`^[1-9]\d+$`)),
					resource.TestCheckTypeSetElemAttr("data.vpce_services.all", "service_names.*", prefix+"ssm"),
					resource.TestCheckTypeSetElemNestedAttrs("data.vpce_services.all", "services.*", map[string]string{
						"service_name":        prefix + "s3",
						"gateway_supported":   "true",
						"interface_supported": "true",
						"preferred_type":      "Gateway",
						"owner":               "amazon",
					}),
					resource.TestCheckTypeSetElemNestedAttrs("data.vpce_services.all", "services.*", map[string]string{
						"service_name":   prefix + "ecs",
						"preferred_type": "Interface",
					}),
					resource.TestCheckResourceAttr("data.vpce_services.gateway", "services.#", "3"),
					resource.TestCheckResourceAttr("data.vpce_services.gateway", "service_names.0", prefix+"dynamodb"),
					resource.TestCheckResourceAttr("data.vpce_services.gateway", "service_names.1", prefix+"s3"),
					resource.TestCheckResourceAttr("data.vpce_services.gateway", "service_names.2", prefix+"s3express"),
				),
			},
		},
	})
}

func TestAccServicesDataSource_invalidType(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t) // the count of Gateway Load Balancer services is the local EC2 API's
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				PlanOnly:    true,
				Config:      "data \"vpce_services\" \"bad\" {\n  service_type = \"Endpoint\"\n}\n",
				ExpectError: regexp.MustCompile(`(?s)service_type.*value must be one of`),
			},
			{ // the Gateway Load Balancer endpoint services (the local EC2 API seeds two)
				Config: "data \"vpce_services\" \"gwlb\" {\n  service_type = \"GatewayLoadBalancer\"\n}\n",
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.vpce_services.gwlb", "services.#", "2"),
					resource.TestCheckResourceAttr("data.vpce_services.gwlb", "services.0.preferred_type", "GatewayLoadBalancer"),
				),
			},
		},
	})
}
