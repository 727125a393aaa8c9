package provider_test

import (
	"context"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// Acceptance tests of the provider arguments shared with the aws provider. Each configures the
// provider against the test's local EC2 API and reads one service (a data source: no resource to
// clean up), unless it is about tags.

// testAccProviderConfig is a provider block with the given body and a data source that makes
// Terraform configure the provider and call EC2.
func testAccProviderConfig(body string) string {
	return fmt.Sprintf(`
provider "vpce" {
%s
}

data "vpce_service" "test" {
  service = "s3"
}
`, body)
}

// errorRE matches the parts, in order, in Terraform's output, where a long message wraps at any
// space.
func errorRE(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

const testAccOtherRole = "arn:aws:iam::" + emulator.OtherAccountID + ":role/deploy"

func TestAccProvider_accountIDs(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig(`  allowed_account_ids = ["111111111111"]`),
				ExpectError: errorRE("AWS account " + emulator.DefaultAccountID + " is not allowed: allowed_account_ids lists [111111111111]"),
			},
			{
				Config:      testAccProviderConfig(fmt.Sprintf(`  forbidden_account_ids = [%q]`, emulator.DefaultAccountID)),
				ExpectError: errorRE("AWS account " + emulator.DefaultAccountID + " is forbidden"),
			},
			{
				Config:      testAccProviderConfig(fmt.Sprintf("  allowed_account_ids   = [%q]\n  forbidden_account_ids = [\"111111111111\"]", emulator.DefaultAccountID)),
				ExpectError: errorRE("These attributes cannot be configured together"),
			},
			{
				Config: testAccProviderConfig(fmt.Sprintf("  allowed_account_ids   = [%q, \"111111111111\"]", emulator.DefaultAccountID)),
				Check:  resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
			},
			{
				Config: testAccProviderConfig(`  forbidden_account_ids = ["111111111111"]`),
				Check:  resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
			},
		},
	})
}

// assume_role against the local EC2 API's STS: the role is in the other account, so the account
// checks (which see the role's account) and the session list both show that the role was used,
// and the data source's EC2 call was signed with the session (its token is checked).
func TestAccProvider_assumeRole(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	assumeRole := fmt.Sprintf(`
  assume_role {
    role_arn            = %q
    session_name        = "acc-test"
    duration            = "1h"
    external_id         = "ext-42"
    policy              = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] })
    policy_arns         = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    source_identity     = "alice"
    tags                = { team = "network", run = "acc" }
    transitive_tag_keys = ["team"]
  }
`, testAccOtherRole)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig(assumeRole + fmt.Sprintf("  forbidden_account_ids = [%q]", emulator.OtherAccountID)),
				ExpectError: errorRE("AWS account " + emulator.OtherAccountID + " is forbidden"),
			},
			{
				Config:      testAccProviderConfig("  assume_role {\n    role_arn = \"arn:aws:iam::999999999999:role/nobody\"\n  }"),
				ExpectError: errorRE("AccessDenied", "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/nobody"),
			},
			{
				Config: testAccProviderConfig(assumeRole + fmt.Sprintf("  allowed_account_ids = [%q]", emulator.OtherAccountID)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
					func(*terraform.State) error {
						want := "arn:aws:sts::" + emulator.OtherAccountID + ":assumed-role/deploy/acc-test"
						if got := tg.Emulator.Sessions(); !slices.Contains(got, want) {
							return fmt.Errorf("role sessions %v, want %s", got, want)
						}
						return nil
					},
				),
			},
		},
	})
	if n := tg.Calls(t, "AssumeRole"); n < 2 {
		t.Errorf("AssumeRole calls = %d, want one per configured step", n)
	}
}

func testAccJWT() string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc([]byte(`{"sub":"repo:vpce-dev/app","iss":"https://ci.example","aud":"sts.amazonaws.com"}`)) + ".c2lnbmF0dXJl"
}

// assume_role_with_web_identity replaces the harness's static keys (the emulator's test/test, in
// the default account) as base credentials: the account seen is the role's.
func TestAccProvider_assumeRoleWithWebIdentity(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(testAccJWT()), 0o600); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig(fmt.Sprintf("  assume_role_with_web_identity {\n    role_arn           = %q\n    web_identity_token = \"an-opaque-access-token\"\n  }", testAccOtherRole)),
				ExpectError: errorRE("InvalidIdentityToken: The ID Token provided is not a valid JWT"),
			},
			{
				Config: testAccProviderConfig(fmt.Sprintf(`
  allowed_account_ids = [%q]
  assume_role_with_web_identity {
    role_arn                = %q
    session_name            = "ci-build"
    web_identity_token_file = %q
    duration                = "15m"
    policy_arns             = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  }`, emulator.OtherAccountID, testAccOtherRole, tokenFile)),
				Check: func(*terraform.State) error {
					want := "arn:aws:sts::" + emulator.OtherAccountID + ":assumed-role/deploy/ci-build"
					if got := tg.Emulator.Sessions(); !slices.Contains(got, want) {
						return fmt.Errorf("role sessions %v, want %s", got, want)
					}
					return nil
				},
			},
			{ // then assume_role with the web identity's session: back into the default account
				Config: testAccProviderConfig(fmt.Sprintf(`
  allowed_account_ids = [%q]
  assume_role_with_web_identity {
    role_arn           = %q
    web_identity_token = %q
  }
  assume_role {
    role_arn     = "arn:aws:iam::%s:role/inner"
    session_name = "chained"
  }`, emulator.DefaultAccountID, testAccOtherRole, testAccJWT(), emulator.DefaultAccountID)),
				Check: func(*terraform.State) error {
					want := "arn:aws:sts::" + emulator.DefaultAccountID + ":assumed-role/inner/chained"
					if got := tg.Emulator.Sessions(); !slices.Contains(got, want) {
						return fmt.Errorf("role sessions %v, want %s", got, want)
					}
					return nil
				},
			},
		},
	})
	if n := tg.Calls(t, "AssumeRoleWithWebIdentity"); n < 3 {
		t.Errorf("AssumeRoleWithWebIdentity calls = %d", n)
	}
}

// A counting HTTP proxy in front of the local EC2 API: the endpoint names a host that does not
// resolve (loopback addresses are never proxied), which only the proxy can reach.
func TestAccProvider_httpProxy(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	target := strings.TrimPrefix(tg.Emulator.URL(), "http://")
	var proxied atomic.Int32
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.Out.URL.Scheme, r.Out.URL.Host, r.Out.Host = "http", target, r.In.Host
	}}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Host != "" { // an absolute-URI request: a proxied one
			proxied.Add(1)
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	_, port, _ := strings.Cut(target, ":")
	endpoint := "http://ec2.vpce.test:" + port
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: testAccProviderConfig(fmt.Sprintf(`
  http_proxy  = %q
  https_proxy = ""
  no_proxy    = "169.254.169.254"

  endpoints {
    ec2 = %q
    sts = %q
  }`, proxy.URL, endpoint, endpoint)),
			Check: resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
		}},
	})
	// At least GetCallerIdentity and DescribeVpcEndpointServices, at each plan and apply.
	if n := proxied.Load(); n < 2 {
		t.Errorf("proxied requests = %d, want every call through the proxy", n)
	}
}

// The local EC2 API behind TLS with a certificate the system does not trust: custom_ca_bundle makes
// it trusted; without it the untrusted certificate fails at once (it is not retried).
func TestAccProvider_customCABundle(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	tlsSrv := httptest.NewTLSServer(tg.Emulator)
	t.Cleanup(tlsSrv.Close)
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsSrv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	endpoints := fmt.Sprintf("  endpoints {\n    ec2 = %q\n    sts = %q\n  }\n", tlsSrv.URL, tlsSrv.URL)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig(endpoints),
				ExpectError: errorRE("certificate signed by unknown authority"),
			},
			{
				Config: testAccProviderConfig(endpoints + fmt.Sprintf("  custom_ca_bundle = %q", bundle)),
				Check:  resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
			},
		},
	})
}

// The default retry settings ride out throttling that the SDK's default (3 attempts) would not.
func TestAccProvider_retriesThrottling(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				tg.Emulator.ResetCalls()
				tg.Emulator.InjectError("DescribeVpcEndpointServices", "RequestLimitExceeded", 3)
			},
			Config: testAccProviderConfig(""),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
				func(*terraform.State) error {
					// 3 throttled answers and at least one good one, in one Terraform read.
					if n := tg.Emulator.Calls("DescribeVpcEndpointServices"); n < 4 {
						return fmt.Errorf("DescribeVpcEndpointServices calls = %d, want at least 4", n)
					}
					return nil
				},
			),
		}},
	})
}

func testAccIgnoreTagsConfig(vpcID, tags string) string {
	return fmt.Sprintf(`
provider "vpce" {
  default_tags {
    tags = {
      team = "net"
    }
  }
  ignore_tags {
    keys         = ["Owner"]
    key_prefixes = ["kubernetes.io/"]
  }
}

resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  tags = {
    %[2]s
  }
}
`, vpcID, tags)
}

// Tags another system sets (Owner, kubernetes.io/…) never show as drift, never enter tags_all, and
// survive every update; an ignored key written in tags stays as written and is not applied.
func TestAccProvider_ignoreTags(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	network := tg.NewNetwork(t)
	const name = "vpce_gateway_endpoint.test"
	var id string
	external := map[string]string{"Owner": "ops", "kubernetes.io/cluster/prod": "owned"}
	awsTags := func(want map[string]string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id = s.RootModule().Resources[name].Primary.ID
			out, err := tg.EC2.DescribeVpcEndpoints(context.Background(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
			if err != nil {
				return err
			}
			got := map[string]string{}
			for _, tag := range out.VpcEndpoints[0].Tags {
				if !strings.HasPrefix(aws.ToString(tag.Key), awsclient.InternalTagPrefix) { // the provider's own marker
					got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Errorf("tags on AWS = %v, want %v", got, want)
			}
			return nil
		}
	}
	withExternal := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range external {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	tagsAll := func(m map[string]string) statecheck.StateCheck {
		vals := map[string]knownvalue.Check{}
		for k, v := range m {
			vals[k] = knownvalue.StringExact(v)
		}
		return statecheck.ExpectKnownValue(name, tfjsonpath.New("tags_all"), knownvalue.MapExact(vals))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config:            testAccIgnoreTagsConfig(network.VPCID, `Name = "one"`),
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"Name": "one", "team": "net"})},
				Check:             awsTags(map[string]string{"Name": "one", "team": "net"}),
			},
			{ // another system tags the endpoint: no drift
				PreConfig: func() {
					tags := make([]ec2types.Tag, 0, len(external))
					for k, v := range external {
						tags = append(tags, ec2types.Tag{Key: aws.String(k), Value: aws.String(v)})
					}
					if _, err := tg.EC2.CreateTags(context.Background(), &ec2.CreateTagsInput{Resources: []string{id}, Tags: tags}); err != nil {
						t.Fatalf("tagging out of band: %s", err)
					}
				},
				Config:            testAccIgnoreTagsConfig(network.VPCID, `Name = "one"`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"Name": "one", "team": "net"})},
			},
			{ // an update leaves the ignored tags alone
				Config: testAccIgnoreTagsConfig(network.VPCID, `Name = "two"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"Name": "two", "team": "net"})},
				Check:             awsTags(withExternal(map[string]string{"Name": "two", "team": "net"})),
			},
			{ // an ignored key in tags: kept in tags as written, not applied, no diff afterwards
				Config: testAccIgnoreTagsConfig(network.VPCID, "Name  = \"two\"\n    Owner = \"me\""),
				ConfigStateChecks: []statecheck.StateCheck{
					tagsAll(map[string]string{"Name": "two", "team": "net"}),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("tags").AtMapKey("Owner"), knownvalue.StringExact("me")),
				},
				Check: awsTags(withExternal(map[string]string{"Name": "two", "team": "net"})),
			},
			{
				Config:           testAccIgnoreTagsConfig(network.VPCID, "Name  = \"two\"\n    Owner = \"me\""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A password in the endpoint URLs never reaches the DEBUG log of a run (Terraform's and the
// provider's, in one file). Not parallel: it sets the process's logging environment.
func TestAccProvider_endpointSecretsNotLogged(t *testing.T) {
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	dir := t.TempDir()
	t.Setenv("TF_LOG", "DEBUG")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	withSecret := strings.Replace(tg.Emulator.URL(), "http://", "http://vpce-user:hunter2-secret@", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: testAccProviderConfig(fmt.Sprintf("  endpoints {\n    ec2 = %q\n    sts = %q\n  }", withSecret, withSecret)),
			Check:  resource.TestCheckResourceAttr("data.vpce_service.test", "gateway_supported", "true"),
		}},
	})
	logs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no log written in %s: %v", dir, err)
	}
	var all strings.Builder
	for _, f := range logs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	out := all.String()
	if !strings.Contains(out, "AWS API request") || !strings.Contains(out, "configuring AWS client") || !strings.Contains(out, "http://***@127.0.0.1") {
		t.Fatalf("the log lacks the provider's request and configuration lines, so it proves nothing (%d bytes)", len(out))
	}
	for _, secret := range []string{"hunter2-secret", "vpce-user:"} {
		if i := strings.Index(out, secret); i >= 0 {
			t.Errorf("%q in the DEBUG log: …%s…", secret, out[max(0, i-200):min(len(out), i+100)])
		}
	}
}
