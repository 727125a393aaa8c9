package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// The private-network module's presets and per-endpoint overrides, applied from a root configuration
// that calls a copy of examples/modules/private-network against the local EC2 API.

// moduleRoots writes root configurations calling a copy of examples/modules/private-network.
type moduleRoots struct {
	t      *testing.T
	module string // the module's copy
}

func newModuleRoots(t *testing.T) moduleRoots {
	t.Helper()
	module := filepath.Join(t.TempDir(), "private-network")
	copyDir(t, filepath.Join("..", "..", "examples", "modules", "private-network"), module)
	return moduleRoots{t: t, module: module}
}

// root writes a root configuration whose module "pn" has the given arguments (HCL lines), with extra
// HCL after it, and returns it as a step's configuration directory. A ConfigDirectory, not Config:
// terraform-plugin-testing installs modules only for ConfigDirectory steps.
func (m moduleRoots) root(args, extra string) config.TestStepConfigFunc {
	m.t.Helper()
	body := fmt.Sprintf(`
terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

module "pn" {
  source = %[1]q

%[2]s
}

output "by_service" {
  value = module.pn.by_service
}

output "endpoint_types" {
  value = module.pn.endpoint_types
}
%[3]s
`, m.module, args, extra)
	return writeRoot(m.t, body)
}

// empty is a root configuration without the module: applying it destroys what the module made (the
// framework's final destroy cannot read a state holding modules).
func (m moduleRoots) empty() config.TestStepConfigFunc {
	m.t.Helper()
	return writeRoot(m.t, "terraform {\n  required_providers {\n    vpce = {\n      source = \"vpce-dev/vpce\"\n    }\n  }\n}\n")
}

func writeRoot(t *testing.T, body string) config.TestStepConfigFunc {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return config.StaticDirectory(dir)
}

// ec2Check is a state check of what EC2 holds for a VPC: the live endpoints by service short name.
type ec2Check struct {
	tg    *acctest.Target
	vpcID string
	check func(map[string]ec2types.VpcEndpoint) error
}

func (c ec2Check) CheckState(ctx context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	eps, err := awsclient.FindVPCEndpoints(ctx, c.tg.EC2, &ec2.DescribeVpcEndpointsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{c.vpcID}}},
	})
	if err != nil && !awsclient.IsNotFound(err) {
		resp.Error = err
		return
	}
	prefix := "com.amazonaws." + c.tg.Region + "."
	by := map[string]ec2types.VpcEndpoint{}
	for _, e := range eps {
		if s := strings.ToLower(string(e.State)); s == "deleted" || s == "deleting" {
			continue
		}
		short := strings.TrimPrefix(aws.ToString(e.ServiceName), prefix)
		if _, dup := by[short]; dup {
			resp.Error = fmt.Errorf("two live endpoints for %s in %s", short, c.vpcID)
			return
		}
		by[short] = e
	}
	resp.Error = c.check(by)
}

// wantEndpoint is what one endpoint must be in EC2.
type wantEndpoint struct {
	typ         ec2types.VpcEndpointType
	privateDNS  bool
	subnets     []string // interface endpoints
	groups      []string // interface endpoints
	routeTables []string // gateways
	tags        map[string]string
	policy      string // "" = not checked
}

func checkEndpoints(want map[string]wantEndpoint) func(map[string]ec2types.VpcEndpoint) error {
	return func(got map[string]ec2types.VpcEndpoint) error {
		if len(got) != len(want) {
			return fmt.Errorf("EC2 has endpoints for %v, want %v", sortedKeys(got), sortedKeys(want))
		}
		for s, w := range want {
			e, ok := got[s]
			if !ok {
				return fmt.Errorf("no endpoint for %s in EC2 (it has %v)", s, sortedKeys(got))
			}
			id := aws.ToString(e.VpcEndpointId)
			if e.VpcEndpointType != w.typ {
				return fmt.Errorf("%s (%s) is a %s endpoint, want %s", s, id, e.VpcEndpointType, w.typ)
			}
			if aws.ToBool(e.PrivateDnsEnabled) != w.privateDNS {
				return fmt.Errorf("%s (%s) private DNS = %t, want %t", s, id, aws.ToBool(e.PrivateDnsEnabled), w.privateDNS)
			}
			var groups []string
			for _, g := range e.Groups {
				groups = append(groups, aws.ToString(g.GroupId))
			}
			for what, pair := range map[string][2][]string{
				"subnets": {e.SubnetIds, w.subnets}, "security groups": {groups, w.groups}, "route tables": {e.RouteTableIds, w.routeTables},
			} {
				if !sameSet(pair[0], pair[1]) {
					return fmt.Errorf("%s (%s) %s = %v, want %v", s, id, what, pair[0], pair[1])
				}
			}
			tags := map[string]string{}
			for _, tg := range e.Tags {
				tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			for k, v := range w.tags {
				if tags[k] != v {
					return fmt.Errorf("%s (%s) tag %s = %q, want %q (tags %v)", s, id, k, tags[k], v, tags)
				}
			}
			if w.policy != "" && !acctest.PoliciesEquivalent(aws.ToString(e.PolicyDocument), w.policy) {
				return fmt.Errorf("%s (%s) policy = %s, want the equivalent of %s", s, id, aws.ToString(e.PolicyDocument), w.policy)
			}
		}
		return nil
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		if seen[x] == 0 {
			return false
		}
		seen[x]--
	}
	return true
}

// TestAccModulePrivateNetwork_sessionManager applies the session_manager preset: ssm, ssmmessages and
// ec2messages interface endpoints with private DNS in two subnets, with the caller's security group;
// the outputs give each endpoint's id, type and private DNS name; the next plan is empty; without
// subnets, the module refuses the plan.
func TestAccModulePrivateNetwork_sessionManager(t *testing.T) { //nolint:paralleltest // sets TF_ACC_PROVIDER_NAMESPACE
	tg := acctest.New(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "vpce-dev")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)
	sgID := testAccHTTPSSecurityGroup(t, tg, net.VPCID)
	m := newModuleRoots(t)
	subnets := net.SubnetIDs[:2]
	cfg := m.root(fmt.Sprintf(`  name               = "sm"
  vpc_id             = %[1]q
  subnet_ids         = [%[2]s]
  security_group_ids = [%[3]q]
  presets            = ["session_manager"]`, net.VPCID, quoteJoin(subnets), sgID), "")

	want := map[string]wantEndpoint{}
	types := map[string]knownvalue.Check{}
	checks := []statecheck.StateCheck{}
	for _, s := range []string{"ssm", "ssmmessages", "ec2messages"} {
		want[s] = wantEndpoint{typ: ec2types.VpcEndpointTypeInterface, privateDNS: true, subnets: subnets, groups: []string{sgID},
			tags: map[string]string{"Name": "sm-" + s}}
		types[s] = knownvalue.StringExact("Interface")
		out := tfjsonpath.New(s)
		checks = append(checks,
			statecheck.ExpectKnownOutputValueAtPath("by_service", out.AtMapKey("type"), knownvalue.StringExact("Interface")),
			statecheck.ExpectKnownOutputValueAtPath("by_service", out.AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`^vpce-`))),
			statecheck.ExpectKnownOutputValueAtPath("by_service", out.AtMapKey("private_dns_name"), knownvalue.StringExact(s+"."+tg.Region+".amazonaws.com")),
			statecheck.ExpectKnownOutputValueAtPath("by_service", out.AtMapKey("prefix_list_id"), knownvalue.Null()),
			// The regional name, one per zone, and the private name.
			statecheck.ExpectKnownOutputValueAtPath("by_service", out.AtMapKey("dns_entries"), knownvalue.ListSizeExact(len(subnets)+2)),
		)
	}
	checks = append(checks,
		statecheck.ExpectKnownOutputValue("endpoint_types", knownvalue.MapExact(types)),
		ec2Check{tg: tg, vpcID: net.VPCID, check: checkEndpoints(want)},
	)

	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          cfg,
				ConfigStateChecks:        checks,
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          cfg,
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Interface endpoints without subnets: refused at plan by the module.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory: m.root(fmt.Sprintf(`  name               = "sm"
  vpc_id             = %[1]q
  security_group_ids = [%[2]q]
  presets            = ["session_manager"]`, net.VPCID, sgID), ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`ssm gets an interface endpoint[\s\S]*which needs subnets`),
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.empty(),
				ConfigStateChecks:        []statecheck.StateCheck{expectVPCEndpoints{tg: tg, vpcID: net.VPCID}},
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(ctx, tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d gateway and %d interface endpoints left (%v)", gw, iface, err)
	}
}

// TestAccModulePrivateNetwork_ecr applies the ecr preset: ecr.api and ecr.dkr interface endpoints with
// private DNS and the S3 gateway on both route tables, with per-endpoint overrides of ecr.api's subnets
// and tags; the next plan is empty. Then, at plan only: reachable_from on_premises turns S3 into an
// interface endpoint (a gateway serves only the VPC), and an interface-only override on the S3 gateway
// is refused by the module.
func TestAccModulePrivateNetwork_ecr(t *testing.T) { //nolint:paralleltest // sets TF_ACC_PROVIDER_NAMESPACE
	tg := acctest.New(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "vpce-dev")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)
	sgID := testAccHTTPSSecurityGroup(t, tg, net.VPCID)
	defaultGroup := testAccAssocDefaultGroup(t, tg, net.VPCID)
	const dkr = `module.pn.vpce_interface_endpoint.this["ecr.dkr"]`
	m := newModuleRoots(t)
	subnets := net.SubnetIDs[:2]
	args := func(extra string) string {
		return fmt.Sprintf(`  name               = "ecr"
  vpc_id             = %[1]q
  route_table_ids    = [%[2]s]
  subnet_ids         = [%[3]s]
  security_group_ids = [%[4]q]
  presets            = ["ecr"]
%[5]s`, net.VPCID, quoteJoin(net.RouteTableIDs), quoteJoin(subnets), sgID, extra)
	}
	overrides := fmt.Sprintf(`
  endpoints = {
    "ecr.api" = {
      subnet_ids = [%[1]q]
      tags       = { team = "build" }
    }
  }`, subnets[0])
	cfg := m.root(args(overrides), "")

	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("endpoint_types", knownvalue.MapExact(map[string]knownvalue.Check{
						"ecr.api": knownvalue.StringExact("Interface"),
						"ecr.dkr": knownvalue.StringExact("Interface"),
						"s3":      knownvalue.StringExact("Gateway"),
					})),
					statecheck.ExpectKnownOutputValueAtPath("by_service", tfjsonpath.New("s3").AtMapKey("prefix_list_id"), knownvalue.StringRegexp(regexp.MustCompile(`^pl-`))),
					statecheck.ExpectKnownOutputValueAtPath("by_service", tfjsonpath.New("s3").AtMapKey("dns_entries"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownOutputValueAtPath("by_service", tfjsonpath.New("ecr.dkr").AtMapKey("private_dns_name"), knownvalue.StringExact("ecr.dkr."+tg.Region+".amazonaws.com")),
					ec2Check{tg: tg, vpcID: net.VPCID, check: checkEndpoints(map[string]wantEndpoint{
						"ecr.api": {typ: ec2types.VpcEndpointTypeInterface, privateDNS: true, subnets: subnets[:1], groups: []string{sgID},
							tags: map[string]string{"Name": "ecr-ecr.api", "team": "build"}},
						"ecr.dkr": {typ: ec2types.VpcEndpointTypeInterface, privateDNS: true, subnets: subnets, groups: []string{sgID},
							tags: map[string]string{"Name": "ecr-ecr.dkr"}},
						"s3": {typ: ec2types.VpcEndpointTypeGateway, routeTables: net.RouteTableIDs, tags: map[string]string{"Name": "ecr-s3"}},
					})},
				},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          cfg,
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The interface overrides reach the endpoint: private DNS off, other groups, the IP
				// address type and DNS options, in place.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory: m.root(args(fmt.Sprintf(`
  endpoints = {
    "ecr.api" = {
      subnet_ids = [%[1]q]
      tags       = { team = "build" }
    }
    "ecr.dkr" = {
      private_dns_enabled = false
      security_group_ids  = [%[2]q]
      ip_address_type     = "ipv4"
      dns_options         = { dns_record_ip_type = "ipv4" }
    }
  }`, subnets[0], defaultGroup)), ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dkr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(dkr, tfjsonpath.New("private_dns_enabled"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue(dkr, tfjsonpath.New("security_group_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(defaultGroup)})),
					plancheck.ExpectKnownValue(dkr, tfjsonpath.New("ip_address_type"), knownvalue.StringExact("ipv4")),
					plancheck.ExpectKnownValue(dkr, tfjsonpath.New("dns_options").AtMapKey("dns_record_ip_type"), knownvalue.StringExact("ipv4")),
					plancheck.ExpectResourceAction(`module.pn.vpce_interface_endpoint.this["ecr.api"]`, plancheck.ResourceActionNoop),
				}},
			},
			{
				// Reached from on premises, S3 needs an interface endpoint: the gateway goes.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.root(args(overrides+"\n  reachable_from = [\"vpc\", \"on_premises\"]"), ""),
				PlanOnly:                 true,
				ExpectNonEmptyPlan:       true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(`module.pn.vpce_gateway_endpoint.this["s3"]`, plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(`module.pn.vpce_interface_endpoint.this["s3"]`, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(`module.pn.vpce_interface_endpoint.this["ecr.api"]`, plancheck.ResourceActionNoop),
				}},
			},
			{
				// Subnets for S3, which gets a gateway: refused at plan by the module.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.root(args(fmt.Sprintf("\n  endpoints = {\n    s3 = { subnet_ids = [%q] }\n  }", subnets[0])), ""),
				PlanOnly:                 true,
				ExpectError:              regexp.MustCompile(`s3 gets a gateway endpoint[\s\S]*takes no subnet_ids`),
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.empty(),
				ConfigStateChecks:        []statecheck.StateCheck{expectVPCEndpoints{tg: tg, vpcID: net.VPCID}},
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(ctx, tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d gateway and %d interface endpoints left (%v)", gw, iface, err)
	}
}

// TestAccModulePrivateNetwork_policyOverride adopts an S3 gateway endpoint that has a custom policy into
// the module with an import block. Without a per-endpoint policy, the plan resets the policy to full
// access; with var.endpoints["s3"].policy it keeps it: the import changes nothing, EC2 still has the
// custom policy, the next plan is empty, and a new policy in the override reaches EC2.
func TestAccModulePrivateNetwork_policyOverride(t *testing.T) { //nolint:paralleltest // sets TF_ACC_PROVIDER_NAMESPACE
	tg := acctest.New(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "vpce-dev")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)
	m := newModuleRoots(t)
	readOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
	getOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
	id := testAccCreateEndpointInput(t, tg, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".s3"),
		VpcEndpointType: ec2types.VpcEndpointTypeGateway, PolicyDocument: aws.String(readOnly),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVpcEndpoint,
			Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String("pn-s3")}}}},
	})
	const addr = `module.pn.vpce_gateway_endpoint.this["s3"]`
	imp := fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", addr, id)
	args := func(endpoints string) string {
		return fmt.Sprintf(`  name            = "pn"
  vpc_id          = %[1]q
  route_table_ids = [%[2]q]
  services        = ["s3"]
%[3]s`, net.VPCID, net.RouteTableIDs[0], endpoints)
	}
	override := func(policy string) string {
		return fmt.Sprintf("  endpoints = {\n    s3 = {\n      policy = %q\n    }\n  }", policy)
	}
	withPolicy := m.root(args(override(readOnly)), imp)
	ec2Policy := func(policy string) statecheck.StateCheck {
		return ec2Check{tg: tg, vpcID: net.VPCID, check: checkEndpoints(map[string]wantEndpoint{
			"s3": {typ: ec2types.VpcEndpointTypeGateway, routeTables: net.RouteTableIDs[:1], policy: policy},
		})}
	}

	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				// No override: adopting the endpoint would reset its policy to full access.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.root(args(""), imp),
				PlanOnly:                 true,
				ExpectNonEmptyPlan:       true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					expectPlannedPolicy{addr: addr, policy: readOnly, kept: false},
				}},
			},
			{
				// The override: the import keeps the policy. (The plan still updates the endpoint in place:
				// an imported gateway owns its route tables until the configuration leaves
				// route_table_ids unset, as the module does, which drops that ownership in state only.)
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          withPolicy,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectPlannedPolicy{addr: addr, policy: readOnly, kept: true},
					plancheck.ExpectResourceAction(`module.pn.vpce_route_table_association.this["s3/`+net.RouteTableIDs[0]+`"]`, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValueAtPath("by_service", tfjsonpath.New("s3").AtMapKey("id"), knownvalue.StringExact(id)),
					ec2Policy(readOnly),
				},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          withPolicy,
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The override is the policy: a new one is applied in place.
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.root(args(override(getOnly)), imp),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{ec2Policy(getOnly)},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          m.empty(),
				ConfigStateChecks:        []statecheck.StateCheck{expectVPCEndpoints{tg: tg, vpcID: net.VPCID}},
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(ctx, tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d gateway and %d interface endpoints left (%v)", gw, iface, err)
	}
}

// expectPlannedPolicy is a plan check of a gateway endpoint being imported: its policy before the plan
// is the equivalent of policy, and the plan keeps it (kept) or changes it (!kept).
type expectPlannedPolicy struct {
	addr   string
	policy string
	kept   bool
}

func (c expectPlannedPolicy) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		if b, _ := before["policy"].(string); !acctest.PoliciesEquivalent(b, c.policy) {
			resp.Error = fmt.Errorf("%s: policy before the plan = %q, want the equivalent of %s", c.addr, b, c.policy)
			return
		}
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		a, _ := after["policy"].(string)
		kept := unknown["policy"] != true && acctest.PoliciesEquivalent(a, c.policy)
		if kept != c.kept {
			resp.Error = fmt.Errorf("%s: planned policy = %q (unknown: %v); kept = %t, want %t", c.addr, a, unknown["policy"], kept, c.kept)
		}
		return
	}
	resp.Error = fmt.Errorf("no planned change for %s", c.addr)
}
