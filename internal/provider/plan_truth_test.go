package provider_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// The plan is the truth: what `terraform plan` shows is what apply does, whatever the order of
// operations and whatever fails on the way. Each test here reproduces a way the plan once lied.

// testAccS3PairConfig is the pair the interface endpoint's docs show: an S3 gateway endpoint and an S3
// interface endpoint with private DNS that depends on it, created in one apply in a VPC without either.
func testAccS3PairConfig(net *acctest.Network) string {
	return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = %[1]q
  service         = "s3"
  route_table_ids = [%[2]q]
}

resource "vpce_interface_endpoint" "s3" {
  vpc_id              = vpce_gateway_endpoint.s3.vpc_id
  service             = "s3"
  subnet_ids          = [%[3]q]
  private_dns_enabled = true
}
`, net.VPCID, net.RouteTableIDs[0], net.SubnetIDs[0])
}

// The inbound-resolver option of an S3 interface endpoint depends on a gateway that the same apply
// creates: the plan says it is decided at create and why, the apply decides it (true: the gateway
// exists by then), and the next plan is empty.
func TestAccInterfaceEndpoint_s3PairOneApply(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	w := tg.NewWorkdir(t)
	w.SetConfig(testAccS3PairConfig(net))

	plan := w.Plan("")
	if plan.Err != nil {
		t.Fatalf("plan: %s\n%s", plan.Err, plan.Output)
	}
	if !acctest.HasDiagnostic(plan.Diagnostics, "warning", "[P5]", "decided when the endpoint is created", net.VPCID) {
		t.Errorf("the plan does not say that private_dns_only_for_inbound_resolver_endpoint is decided at create: %v", plan.Diagnostics)
	}
	apply := w.Apply("")
	if apply.Err != nil {
		t.Fatalf("one apply must create the pair: %s\n%v", apply.Err, apply.Diagnostics)
	}
	for _, d := range apply.Diagnostics {
		if strings.Contains(d.Summary, "inconsistent") {
			t.Errorf("apply: %s", d)
		}
	}
	after := w.Plan("")
	if after.Err != nil || after.HasChanges() {
		t.Errorf("the plan after the apply is not empty: %v %v", after.Err, after.Changes)
	}
	if len(after.Warnings()) > 0 {
		t.Errorf("the plan after the apply warns: %v", after.Warnings())
	}
	eps := testAccListEndpoints(t, tg, net.VPCID)
	for _, e := range eps {
		if e.VpcEndpointType != ec2types.VpcEndpointTypeInterface {
			continue
		}
		if e.DnsOptions == nil || !aws.ToBool(e.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint) {
			t.Errorf("the interface endpoint %s was created without the inbound-resolver option although its gateway existed", aws.ToString(e.VpcEndpointId))
		}
	}
	if d := w.Destroy(); d.Err != nil {
		t.Fatalf("destroy: %s", d.Err)
	}
}

// Without a gateway, the provider sends the option as false: AWS's default (true) would fail.
func TestAccInterfaceEndpoint_s3WithoutGateway(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0])+"  private_dns_enabled = true\n"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(interfaceResourceName, tfjsonpath.New("dns_options").AtMapKey("private_dns_only_for_inbound_resolver_endpoint")),
			}},
			Check: resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "false"),
		}},
	})
}

// A describe call that fails during the apply-time re-plan never turns a value the plan knew into an
// unknown one: the apply stops with a diagnostic that names the call and its cause, before creating
// anything, and the next apply succeeds.
func TestAccInterfaceEndpoint_factFailureDuringApply(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	w := tg.NewWorkdir(t)
	w.SetConfig(`
provider "vpce" {
  max_retries = 1
}
` + testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[:2]...)))

	planFile := filepath.Join(w.Dir, "tfplan")
	if p := w.Plan(planFile); p.Err != nil || !p.HasChanges() {
		t.Fatalf("plan: %v %v\n%s", p.Err, p.Changes, p.Output)
	}
	tg.Emulator.InjectError("DescribeSubnets", "InternalError", 1000)
	apply := w.Apply(planFile)
	tg.Emulator.InjectError("DescribeSubnets", "InternalError", 0)
	if apply.Err == nil {
		t.Fatal("the apply succeeded although every DescribeSubnets failed")
	}
	for _, d := range apply.Diagnostics {
		if strings.Contains(d.Summary, "inconsistent") {
			t.Errorf("apply: %s", d)
		}
	}
	if !acctest.HasDiagnostic(apply.Diagnostics, "error", "DescribeSubnets", "InternalError") {
		t.Errorf("no error naming the failed call and its cause: %v", apply.Diagnostics)
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 0 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 0", n)
	}
	if a := w.Apply(""); a.Err != nil {
		t.Fatalf("the next apply: %s", a.Err)
	}
	if p := w.Plan(""); p.Err != nil || p.HasChanges() {
		t.Errorf("the plan after the apply is not empty: %v %v", p.Err, p.Changes)
	}
	if d := w.Destroy(); d.Err != nil {
		t.Fatalf("destroy: %s", d.Err)
	}
}

// security_group_ids = [] (what distinct(concat(var.groups, ...)) passes) means "AWS's default": the
// plan shows the VPC's default group, which AWS attaches, and the result is consistent.
func TestAccInterfaceEndpoint_emptySecurityGroups(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	def := testAccDefaultSecurityGroup(t, tg, net.VPCID)
	config := testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])+"  security_group_ids = []\n")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("associated_security_group_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(def)})),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(interfaceResourceName, "security_group_ids.#", "0"),
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_security_group_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_security_group_ids.*", def),
				),
			},
			{ // from a group of its own back to []: the group is swapped for the default one
				Config: testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])+testAccGroups(net.SecurityGroupID)),
				Check:  resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_security_group_ids.*", net.SecurityGroupID),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("associated_security_group_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(def)})),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_security_group_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_security_group_ids.*", def),
				),
			},
		},
	})
}

// Hostile inputs are stopped at validate (or, for facts only AWS knows, at plan), naming the
// attribute, and nothing is created.
func TestAccEndpoints_hostileInputs(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	long := strings.Repeat("k", 129)
	manyTags := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "    t%02d = \"v\"\n", i)
		}
		return b.String()
	}
	gateway := func(extra string) string {
		return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
%[2]s}
`, net.VPCID, extra)
	}
	iface := func(extra string) string {
		return testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])+extra)
	}
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"null route table":       {gateway(fmt.Sprintf("  route_table_ids = [null, %q]\n", net.RouteTableIDs[0])), `(?s)route_table_ids.*null`},
		"null subnet":            {testAccInterfaceEndpointConfig(net.VPCID, "ssm", "  subnet_ids = [null]\n"), `(?s)subnet_ids.*null`},
		"null security group":    {iface("  security_group_ids = [null]\n"), `(?s)security_group_ids.*null`},
		"null tag value":         {gateway("  tags = {\n    Name = null\n  }\n"), `(?s)tags.*null`},
		"zero timeout":           {gateway("  timeouts = {\n    create = \"0s\"\n  }\n"), `(?s)timeouts\.create.*at least`},
		"negative timeout":       {iface("  timeouts = {\n    delete = \"-5m\"\n  }\n"), `(?s)timeouts\.delete.*at least`},
		"malformed timeout":      {iface("  timeouts = {\n    update = \"soon\"\n  }\n"), `(?s)timeouts\.update`},
		"aws: tag key":           {gateway("  tags = {\n    \"aws:owner\" = \"x\"\n  }\n"), `(?s)tags.*aws:.*reserved`},
		"empty tag key":          {gateway("  tags = {\n    \"\" = \"x\"\n  }\n"), `(?s)tags.*1 to 128`},
		"long tag key":           {gateway(fmt.Sprintf("  tags = {\n    %s = \"x\"\n  }\n", long)), `(?s)tags.*1 to 128`},
		"long tag value":         {gateway(fmt.Sprintf("  tags = {\n    k = %q\n  }\n", strings.Repeat("v", 257))), `(?s)tags.*256`},
		"51 tags":                {gateway("  tags = {\n" + manyTags(51) + "  }\n"), `(?s)tags.*50`},
		"50 with default_tags":   {"provider \"vpce\" {\n  default_tags {\n    tags = {\n      team = \"net\"\n    }\n  }\n}\n" + gateway("  tags = {\n"+manyTags(49)+"  }\n"), `(?s)tags.*50.*default_tags`},
		"missing VPC":            {testAccInterfaceEndpointConfig("vpc-0000000000000dead", "ssm", ""), `(?s)\[P10\].*vpc-0000000000000dead`},
		"missing VPC (gateway)":  {strings.Replace(gateway(""), net.VPCID, "vpc-0000000000000dead", 1), `(?s)\[P10\].*vpc-0000000000000dead`},
		"subnets on a gateway":   {gateway(fmt.Sprintf("  subnet_ids = [%q]\n", net.SubnetIDs[0])), `(?s)subnet_ids.*vpce_interface_endpoint`},
		"route tables on iface":  {iface(fmt.Sprintf("  route_table_ids = [%q]\n", net.RouteTableIDs[0])), `(?s)route_table_ids.*vpce_gateway_endpoint`},
		"private DNS on gateway": {gateway("  private_dns_enabled = true\n"), `(?s)private_dns_enabled.*vpce_interface_endpoint`},
		"gateway typo":           {strings.Replace(gateway(""), `"s3"`, `"s3s"`, 1), `(?is)Unknown service.*did you mean .s3.`},
		"interface typo":         {testAccInterfaceEndpointConfig(net.VPCID, "secretmanager", testAccSubnets(net.SubnetIDs[0])), `(?is)\[P1\].*did you mean .secretsmanager.`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 0 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 0", n)
	}
}

// A full service name on an endpoint imported (or created) with the short one is the same service:
// no diff and no replacement.
func TestAccEndpoints_serviceSpellings(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	full := "com.amazonaws." + tg.Region + ".s3"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0])},
			{
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, full, net.RouteTableIDs[0]),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // an update of something else keeps the spelling in state
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, full, net.RouteTableIDs...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])),
			},
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "com.amazonaws."+tg.Region+".ssm", testAccSubnets(net.SubnetIDs[0])),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// Removing a member from the resource's own set, or replacing the endpoint, is not reported as
// detaching a member "associated outside this resource".
func TestAccEndpoints_noFalseOwnershipWarnings(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	other := tg.NewNetwork(t)
	w := tg.NewWorkdir(t)
	both := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs...) +
		testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[:2]...))
	w.SetConfig(both)
	if a := w.Apply(""); a.Err != nil {
		t.Fatalf("apply: %s", a.Err)
	}

	w.SetConfig(testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]) +
		testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(net.SubnetIDs[0])))
	p := w.Plan("")
	if len(p.Warnings()) > 0 {
		t.Errorf("removing own members warns: %v", p.Warnings())
	}
	if a := w.Apply(""); a.Err != nil || len(a.Warnings()) > 0 {
		t.Fatalf("apply: %v %v", a.Err, a.Warnings())
	}

	// Replacement: both endpoints move to another VPC.
	w.SetConfig(testAccGatewayEndpointConfig_routeTables(other.VPCID, "s3", other.RouteTableIDs[0]) +
		testAccInterfaceEndpointConfig(other.VPCID, "logs", testAccSubnets(other.SubnetIDs[0])))
	p = w.Plan("")
	if len(p.Warnings()) > 0 {
		t.Errorf("replacing the endpoints warns: %v", p.Warnings())
	}
	if a := w.Apply(""); a.Err != nil || len(a.Warnings()) > 0 {
		t.Fatalf("apply: %v %v", a.Err, a.Warnings())
	}
	if d := w.Destroy(); d.Err != nil {
		t.Fatalf("destroy: %s", d.Err)
	}
}

// testAccListEndpoints lists the endpoints of a VPC through EC2.
func testAccListEndpoints(t *testing.T, tg *acctest.Target, vpcID string) []ec2types.VpcEndpoint {
	t.Helper()
	out, err := tg.EC2.DescribeVpcEndpoints(acctest.Context(t), &ec2.DescribeVpcEndpointsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.VpcEndpoints
}

// A configuration walked through create, every in-place update and destroy: after each step the next
// plan is empty, and no step shows a warning it did not cause.
func TestAccEndpoints_walkEveryUpdate(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	sg2 := testAccCreateSecurityGroup(t, tg, net.VPCID)
	w := tg.NewWorkdir(t)
	s3Policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
	config := func(rtbs, subnets, groups []string, privateDNS, policy, tags string) string {
		return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = %[1]q
  service         = "s3"
  route_table_ids = %[2]s
%[6]s%[7]s}

resource "vpce_interface_endpoint" "ssm" {
  vpc_id              = %[1]q
  service             = "ssm"
  subnet_ids          = %[3]s
  security_group_ids  = %[4]s
  private_dns_enabled = %[5]s
%[7]s}
`, net.VPCID, testAccHCLList(rtbs), testAccHCLList(subnets), testAccHCLList(groups), privateDNS, policy, tags)
	}
	policy := fmt.Sprintf("  policy = %q\n", s3Policy)
	tags := "  tags = {\n    Name = \"walk\"\n  }\n"
	tags2 := "  tags = {\n    Name = \"walk\"\n    team = \"net\"\n  }\n"
	rt, sn, sg := net.RouteTableIDs, net.SubnetIDs, net.SecurityGroupID
	steps := []struct{ name, config string }{
		{"create", config(rt[:1], sn[:1], []string{sg}, "true", "", "")},
		{"add a route table", config(rt, sn[:1], []string{sg}, "true", "", "")},
		{"add a subnet", config(rt, sn[:2], []string{sg}, "true", "", "")},
		{"swap the security group", config(rt, sn[:2], []string{sg2}, "true", "", "")},
		{"two security groups", config(rt, sn[:2], []string{sg, sg2}, "true", "", "")},
		{"private DNS off", config(rt, sn[:2], []string{sg, sg2}, "false", "", "")},
		{"private DNS on", config(rt, sn[:2], []string{sg, sg2}, "true", "", "")},
		{"custom policy", config(rt, sn[:2], []string{sg, sg2}, "true", policy, "")},
		{"tags", config(rt, sn[:2], []string{sg, sg2}, "true", policy, tags)},
		{"tags changed", config(rt, sn[:2], []string{sg, sg2}, "true", policy, tags2)},
		{"policy removed", config(rt, sn[:2], []string{sg, sg2}, "true", "", tags2)},
		{"remove a route table, a subnet and a group", config(rt[:1], sn[:1], []string{sg}, "true", "", tags2)},
		{"tags removed", config(rt[:1], sn[:1], []string{sg}, "true", "", "")},
	}
	for i, step := range steps {
		w.SetConfig(step.config)
		a := w.Apply("")
		if a.Err != nil {
			t.Fatalf("step %d (%s): apply: %s\n%v", i, step.name, a.Err, a.Diagnostics)
		}
		if ws := a.Warnings(); len(ws) > 0 {
			t.Errorf("step %d (%s): the apply warns: %v", i, step.name, ws)
		}
		p := w.Plan("")
		if p.Err != nil || p.HasChanges() {
			t.Errorf("step %d (%s): the plan after the apply is not empty: %v %v", i, step.name, p.Err, p.Changes)
		}
		if ws := p.Warnings(); len(ws) > 0 {
			t.Errorf("step %d (%s): the plan after the apply warns: %v", i, step.name, ws)
		}
		if i > 0 && tg.Emulator != nil && tg.Emulator.Calls("CreateVpcEndpoint") != 2 {
			t.Fatalf("step %d (%s): CreateVpcEndpoint calls = %d, want 2: an in-place update replaced an endpoint", i, step.name, tg.Emulator.Calls("CreateVpcEndpoint"))
		}
	}
	d := w.Destroy()
	if d.Err != nil || len(d.Warnings()) > 0 {
		t.Fatalf("destroy: %v %v", d.Err, d.Warnings())
	}
	if eps := testAccListEndpoints(t, tg, net.VPCID); len(eps) != 0 {
		for _, e := range eps {
			if e.State != ec2types.StateDeleted && !strings.EqualFold(string(e.State), "deleted") {
				t.Errorf("endpoint %s left in state %s after destroy", aws.ToString(e.VpcEndpointId), e.State)
			}
		}
	}
}

// A tag whose value comes from another resource is unknown at plan: tags_all is planned unknown and
// the apply tags the endpoint with the value.
func TestAccEndpoints_tagValueUnknownAtPlan(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	config := fmt.Sprintf(`
resource "terraform_data" "stamp" {
  input = "2026-12-02"
}

resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  tags = {
    Name    = "stamped"
    Created = terraform_data.stamp.output
  }
}

resource "vpce_interface_endpoint" "test" {
  vpc_id     = %[1]q
  service    = "logs"
  subnet_ids = [%[2]q]
  tags = {
    Created = terraform_data.stamp.output
  }
}
`, net.VPCID, net.SubnetIDs[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(gatewayResourceName, tfjsonpath.New("tags_all")),
				plancheck.ExpectUnknownValue(interfaceResourceName, tfjsonpath.New("tags_all")),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.Created", "2026-12-02"),
				resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.Name", "stamped"),
				resource.TestCheckResourceAttr(interfaceResourceName, "tags.Created", "2026-12-02"),
			),
		}},
	})
}
