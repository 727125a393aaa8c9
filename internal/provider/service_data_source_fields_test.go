package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// TestAccServiceDataSource_awsFields: the fields of the aws provider's aws_vpc_endpoint_service that
// vpce_service also has (arn, service_id, base_endpoint_dns_names, manages_vpc_endpoints, tags), and
// the short name.
func TestAccServiceDataSource_awsFields(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	const s3, ssm = "data.vpce_service.s3", "data.vpce_service.ssm"
	arn := regexp.MustCompile(`^arn:aws[a-z-]*:ec2:` + tg.Region + `:\d{12}:vpc-endpoint-service/vpce-svc-[0-9a-f]+$`)
	checks := []resource.TestCheckFunc{
		resource.TestMatchResourceAttr(s3, "arn", arn),
		resource.TestMatchResourceAttr(s3, "service_id", regexp.MustCompile(`^vpce-svc-[0-9a-f]+$`)),
		testAccCheckARNEndsWithServiceID(s3),
		resource.TestCheckTypeSetElemAttr(s3, "base_endpoint_dns_names.*", "s3."+tg.Region+".amazonaws.com"),
		resource.TestCheckResourceAttr(s3, "manages_vpc_endpoints", "false"),
		resource.TestCheckResourceAttr(s3, "tags.%", "0"),
		resource.TestCheckResourceAttr(s3, "short_name", "s3"),
		resource.TestMatchResourceAttr(ssm, "arn", arn),
		testAccCheckARNEndsWithServiceID(ssm),
		resource.TestCheckTypeSetElemAttr(ssm, "base_endpoint_dns_names.*", "ssm."+tg.Region+".vpce.amazonaws.com"),
		resource.TestCheckResourceAttr(ssm, "short_name", "ssm"),
	}
	if tg.Emulator != nil {
		// EC2 lists s3 once per type; the data source shows the Gateway entry's ID.
		checks = append(checks,
			resource.TestCheckResourceAttr(s3, "service_id", emulator.ServiceID("com.amazonaws."+tg.Region+".s3", "Gateway")),
			resource.TestCheckResourceAttr(s3, "arn", fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-endpoint-service/%s", tg.Region, emulator.DefaultAccountID,
				emulator.ServiceID("com.amazonaws."+tg.Region+".s3", "Gateway"))),
			resource.TestCheckResourceAttr(s3, "base_endpoint_dns_names.#", "2"),
		)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "vpce_service" "s3" {
  service = "s3"
}

data "vpce_service" "ssm" {
  service = "com.amazonaws.%s.ssm"
}
`, tg.Region),
			Check: resource.ComposeAggregateTestCheckFunc(checks...),
		}},
	})
}

// TestAccServiceDataSource_customerService: a PrivateLink service owned by another account has that
// account in its ARN, its owner's tags, and its full name as short name.
func TestAccServiceDataSource_customerService(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	_, other, _ := emulator.CustomerServiceNames(tg.Region)
	id := other[strings.LastIndex(other, ".")+1:]
	const name = "data.vpce_service.test"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"vpce_service\" \"test\" {\n  service = %q\n}\n", other),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(name, "service_id", id),
				resource.TestCheckResourceAttr(name, "arn", fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-endpoint-service/%s", tg.Region, emulator.OtherAccountID, id)),
				resource.TestCheckResourceAttr(name, "owner", emulator.OtherAccountID),
				resource.TestCheckResourceAttr(name, "tags.%", "2"),
				resource.TestCheckResourceAttr(name, "tags.Name", "accept-other"),
				resource.TestCheckResourceAttr(name, "tags.team", "platform"),
				resource.TestCheckResourceAttr(name, "short_name", other),
				resource.TestCheckResourceAttr(name, "base_endpoint_dns_names.0", id+"."+tg.Region+".vpce.amazonaws.com"),
			),
		}},
	})
}

// TestAccServicesDataSource_shortNames: each listed service's short name, and short_names, key a
// for_each without a region prefix.
func TestAccServicesDataSource_shortNames(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	const name = "data.vpce_services.gateway"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
data "vpce_services" "gateway" {
  service_type = "Gateway"
}

data "vpce_service" "each" {
  for_each = toset(data.vpce_services.gateway.short_names)
  service  = each.key
}

output "by_short_name" {
  value = { for s in data.vpce_services.gateway.services : s.short_name => s.service_name }
}
`,
			// Check (the legacy state shim) cannot read for_each instances: state checks only.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(name, tfjsonpath.New("short_names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("dynamodb"), knownvalue.StringExact("s3"), knownvalue.StringExact("s3express"),
				})),
				statecheck.ExpectKnownValue(name, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("short_name"), knownvalue.StringExact("s3")),
				statecheck.ExpectKnownValue(`data.vpce_service.each["s3"]`, tfjsonpath.New("service_name"), knownvalue.StringExact("com.amazonaws."+tg.Region+".s3")),
				statecheck.ExpectKnownValue(`data.vpce_service.each["dynamodb"]`, tfjsonpath.New("gateway_supported"), knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("by_short_name", knownvalue.MapExact(map[string]knownvalue.Check{
					"dynamodb":  knownvalue.StringExact("com.amazonaws." + tg.Region + ".dynamodb"),
					"s3":        knownvalue.StringExact("com.amazonaws." + tg.Region + ".s3"),
					"s3express": knownvalue.StringExact("com.amazonaws." + tg.Region + ".s3express"),
				})),
			},
		}, testAccStepWithoutForEach(`data "vpce_services" "gateway" {}`)},
	})
}

// testAccCheckARNEndsWithServiceID checks that a service's arn names its service_id.
func testAccCheckARNEndsWithServiceID(name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		arn, id := rs.Primary.Attributes["arn"], rs.Primary.Attributes["service_id"]
		if id == "" || !strings.HasSuffix(arn, "/"+id) {
			return fmt.Errorf("%s: arn %q does not end with service_id %q", name, arn, id)
		}
		return nil
	}
}

// testAccStepWithoutForEach is a last step whose configuration has no for_each instances: the
// framework reads the state through its legacy shim before the final destroy, and the shim cannot
// read for_each instances.
func testAccStepWithoutForEach(config string) resource.TestStep {
	return resource.TestStep{Config: config + "\n"}
}
