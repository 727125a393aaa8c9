package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// TestAccFunctions_basic calls the provider functions from locals, outputs and a data source's
// argument: their values are known at plan, and a bad argument is an error naming it. Provider
// functions need Terraform 1.8 (OpenTofu 1.7); older CLIs skip the test.
func TestAccFunctions_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	outputs := map[string]knownvalue.Check{
		"commercial":     knownvalue.StringExact("com.amazonaws.us-east-1.ecr.api"),
		"china":          knownvalue.StringExact("cn.com.amazonaws.cn-north-1.ecr.api"),
		"china_ssm":      knownvalue.StringExact("com.amazonaws.cn-north-1.ssm"),
		"china_gateway":  knownvalue.StringExact("com.amazonaws.cn-north-1.s3"),
		"gateway_s3":     knownvalue.Bool(true),
		"gateway_ssm":    knownvalue.Bool(false),
		"gateway_cn_s3i": knownvalue.Bool(false),
		"parsed": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"partition":    knownvalue.StringExact("aws-cn"),
			"prefix":       knownvalue.StringExact("cn.com.amazonaws"),
			"private_link": knownvalue.Bool(false),
			"region":       knownvalue.StringExact("cn-north-1"),
			"service":      knownvalue.StringExact("ecr.api"),
			"service_id":   knownvalue.Null(),
			"short_name":   knownvalue.StringExact("ecr.api"),
		}),
		"private_link_id": knownvalue.StringExact("vpce-svc-0123456789abcdef0"),
		"looked_up":       knownvalue.StringExact("com.amazonaws." + tg.Region + ".ssm"),
	}
	var planChecks []plancheck.PlanCheck
	var stateChecks []statecheck.StateCheck
	for name, want := range outputs {
		planChecks = append(planChecks, plancheck.ExpectKnownOutputValue(name, want))
		stateChecks = append(stateChecks, statecheck.ExpectKnownOutputValue(name, want))
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			// Errors first: the framework destroys with the last step's configuration.
			{
				Config:      "output \"bad\" {\n  value = provider::vpce::service_name(\"s3\", \"us-east\")\n}\n",
				ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*"us-east" is not an AWS region name`),
			},
			{
				Config:      "output \"bad\" {\n  value = provider::vpce::parse_service_name(\"s3\")\n}\n",
				ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*is a short name`),
			},
			{
				Config:      "output \"bad\" {\n  value = provider::vpce::service_name(\"s3\", \"us-east-1\", \"gateway\")\n}\n",
				ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*endpoint_type must be Gateway or\s+Interface, got "gateway"`),
			},
			{
				Config: `
locals {
  parsed = provider::vpce::parse_service_name(provider::vpce::service_name("ecr.api", "cn-north-1"))
}

data "vpce_service" "ssm" {
  service = provider::vpce::service_name("ssm", "` + tg.Region + `")
}

output "commercial" {
  value = provider::vpce::service_name("ecr.api", "us-east-1")
}

output "china" {
  value = provider::vpce::service_name("ecr.api", "cn-north-1")
}

output "china_ssm" {
  value = provider::vpce::service_name("ssm", "cn-north-1")
}

output "china_gateway" {
  value = provider::vpce::service_name("s3", "cn-north-1", "Gateway")
}

output "gateway_s3" {
  value = provider::vpce::gateway_supported("s3")
}

output "gateway_ssm" {
  value = provider::vpce::gateway_supported("com.amazonaws.us-east-1.ssm")
}

output "gateway_cn_s3i" {
  value = provider::vpce::gateway_supported("cn.com.amazonaws.cn-north-1.s3")
}

output "parsed" {
  value = local.parsed
}

output "private_link_id" {
  value = provider::vpce::parse_service_name("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0").service_id
}

output "looked_up" {
  value = data.vpce_service.ssm.service_name
}
`,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: planChecks},
				ConfigStateChecks: stateChecks,
			},
		},
	})
}
