package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// testAccProtoV6ProviderFactories and testAccPreCheck live in the acctest harness: each test gets its
// own target (an in-process local EC2 API by default) through acctest.New.

func TestAccProvider_credentialsRejected(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "vpce" {
  secret_key = "not-the-right-secret"
}

data "vpce_service" "test" {
  service = "s3"
}
`,
			ExpectError: regexp.MustCompile(`AWS credentials were rejected`),
		}},
	})
	if n := tg.Calls(t, "GetCallerIdentity"); n == 0 {
		t.Errorf("GetCallerIdentity calls = 0, want at least one: the credentials must be checked at configure time")
	}
}

func TestAccProvider_skipCredentialsValidation(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "vpce" {
  skip_credentials_validation = true
}

data "vpce_service" "test" {
  service = "s3"
}
`,
			Check: resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
		}},
	})
	if n := tg.Calls(t, "GetCallerIdentity"); n != 0 {
		t.Errorf("GetCallerIdentity calls = %d, want 0 with skip_credentials_validation", n)
	}
}

func TestAccProvider_credentialsValidated(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
data "vpce_service" "test" {
  service = "s3"
}
`,
			Check: resource.TestCheckResourceAttr("data.vpce_service.test", "service_name", "com.amazonaws."+tg.Region+".s3"),
		}},
	})
	if n := tg.Calls(t, "GetCallerIdentity"); n == 0 {
		t.Errorf("GetCallerIdentity calls = 0, want the credentials checked")
	}
}

func TestAccProvider_invalidConfiguration(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	for name, tc := range map[string]struct {
		block string
		want  string
	}{
		"retry_mode":                             {`retry_mode = "sometimes"`, `(?s)retry_mode.*value must be one of`},
		"assume_role":                            {"assume_role {\n    session_name = \"x\"\n  }", `(?s)Missing role_arn in assume_role`},
		"endpoint_url":                           {"endpoints {\n    ec2 = \"not a url\"\n  }", `(?s)Invalid endpoint URL`},
		"role_arn":                               {"assume_role {\n    role_arn = \"arn:aws:iam::x\"\n  }", `(?s)must be an IAM role ARN`},
		"duration":                               {"assume_role {\n    role_arn = \"arn:aws:iam::123456789012:role/r\"\n    duration = \"5m\"\n  }", `(?s)Invalid duration`},
		"proxy_scheme":                           {`https_proxy = "ftp://u:pw@proxy:21"`, `(?s)Invalid proxy URL.*"ftp://\*\*\*@proxy:21"`},
		"account_id":                             {`allowed_account_ids = ["12345"]`, `(?s)must be a 12-digit AWS account id`},
		"account_check_without_credential_check": {"skip_credentials_validation = true\n  forbidden_account_ids = [\"123456789012\"]", `(?s)Account check without the credential check`},
		"sts_region":                             {`sts_region = "mars"`, `(?s)sts_region.*must be an AWS region name`},
		"session_name":                           {"assume_role {\n    role_arn     = \"arn:aws:iam::123456789012:role/r\"\n    session_name = \"has space\"\n  }", `(?s)must be 2 to 64 letters`},
		"policy_json":                            {"assume_role {\n    role_arn = \"arn:aws:iam::123456789012:role/r\"\n    policy   = \"{\"\n  }", `(?s)Invalid policy`},
		"policy_arns":                            {"assume_role {\n    role_arn    = \"arn:aws:iam::123456789012:role/r\"\n    policy_arns = [\"ReadOnlyAccess\"]\n  }", `(?s)must be an IAM policy ARN`},
		"web_identity_token_conflict":            {"assume_role_with_web_identity {\n    web_identity_token      = \"eyJ.a.b\"\n    web_identity_token_file = \"/tmp/t\"\n  }", `(?s)cannot be specified when`},
		"web_identity_duration":                  {"assume_role_with_web_identity {\n    duration = \"13h\"\n  }", `(?s)Invalid duration`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("provider \"vpce\" {\n  %s\n}\n\ndata \"vpce_service\" \"test\" {\n  service = \"s3\"\n}\n", tc.block),
					ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)), // Terraform wraps long lines
					PlanOnly:    true,
				}},
			})
		})
	}
}
