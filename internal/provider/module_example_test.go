package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// TestAccModuleExample_privateNetwork applies examples/modules/private-network, copied into a
// temporary directory and called from a root configuration, against the local EC2 API: two gateways
// (s3, dynamodb, each with one route-table association per route table) and four interface endpoints;
// the second plan is empty. The security group the module takes (443 from the VPC) is made through
// EC2 calls, as the module's README asks the caller to.
func TestAccModuleExample_privateNetwork(t *testing.T) { //nolint:paralleltest // sets TF_ACC_PROVIDER_NAMESPACE
	tg := acctest.New(t)
	// The module requires vpce-dev/vpce: serve the provider under that address.
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "vpce-dev")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)

	sgID := testAccHTTPSSecurityGroup(t, tg, net.VPCID)

	module := filepath.Join(t.TempDir(), "private-network")
	copyDir(t, filepath.Join("..", "..", "examples", "modules", "private-network"), module)
	cfg := fmt.Sprintf(`
terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

module "pn" {
  source = %[1]q

  vpc_id             = %[2]q
  route_table_ids    = [%[3]s]
  subnet_ids         = [%[4]s]
  security_group_ids = [%[5]q]
  services           = ["s3", "dynamodb", "ssm", "ssmmessages", "ec2messages", "logs"]
}

output "endpoint_types" {
  value = module.pn.endpoint_types
}

output "endpoints" {
  value = module.pn.endpoints
}
`, module, net.VPCID, quoteJoin(net.RouteTableIDs), quoteJoin(net.SubnetIDs), sgID)

	// A configuration directory, not Config: terraform-plugin-testing runs `terraform init` (which
	// installs the module) on the step's files only for ConfigDirectory steps with their own providers.
	root := filepath.Join(t.TempDir(), "root")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	// The last step removes the module, so that the framework's final destroy (which cannot read a
	// state holding modules) finds an empty state.
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "main.tf"), []byte("terraform {\n  required_providers {\n    vpce = {\n      source = \"vpce-dev/vpce\"\n    }\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          config.StaticDirectory(root),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("endpoint_types", knownvalue.MapExact(map[string]knownvalue.Check{
						"s3":          knownvalue.StringExact("Gateway"),
						"dynamodb":    knownvalue.StringExact("Gateway"),
						"ssm":         knownvalue.StringExact("Interface"),
						"ssmmessages": knownvalue.StringExact("Interface"),
						"ec2messages": knownvalue.StringExact("Interface"),
						"logs":        knownvalue.StringExact("Interface"),
					})),
					statecheck.ExpectKnownOutputValue("endpoints", knownvalue.MapSizeExact(6)),
					expectVPCEndpoints{tg: tg, vpcID: net.VPCID, gateways: 2, interfaces: 4, routeTables: len(net.RouteTableIDs)},
				},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          config.StaticDirectory(root),
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          config.StaticDirectory(empty),
				ConfigStateChecks:        []statecheck.StateCheck{expectVPCEndpoints{tg: tg, vpcID: net.VPCID}},
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(ctx, tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d gateway and %d interface endpoints left (%v)", gw, iface, err)
	}
}

// vpcEndpointCount counts the live gateway and interface endpoints of a VPC in EC2.
func vpcEndpointCount(ctx context.Context, tg *acctest.Target, vpcID string) (gateways, interfaces int, err error) {
	eps, err := awsclient.FindVPCEndpoints(ctx, tg.EC2, &ec2.DescribeVpcEndpointsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}},
	})
	if err != nil && !awsclient.IsNotFound(err) {
		return 0, 0, err
	}
	for _, e := range eps {
		if strings.EqualFold(string(e.State), "deleted") || strings.EqualFold(string(e.State), "deleting") {
			continue
		}
		if e.VpcEndpointType == ec2types.VpcEndpointTypeGateway {
			gateways++
		} else {
			interfaces++
		}
	}
	return gateways, interfaces, nil
}

// expectVPCEndpoints is a state check of what EC2 holds (the legacy Check functions cannot read a
// state with for_each instances).
type expectVPCEndpoints struct {
	tg                   *acctest.Target
	vpcID                string
	gateways, interfaces int
	routeTables          int // of each gateway
}

func (c expectVPCEndpoints) CheckState(ctx context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	gw, iface, err := vpcEndpointCount(ctx, c.tg, c.vpcID)
	if err != nil {
		resp.Error = err
		return
	}
	eps, err := awsclient.FindVPCEndpoints(ctx, c.tg.EC2, &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{c.vpcID}},
		{Name: aws.String("vpc-endpoint-type"), Values: []string{"Gateway"}},
	}})
	if err != nil {
		resp.Error = err
		return
	}
	for _, e := range eps {
		if len(e.RouteTableIds) != c.routeTables {
			resp.Error = fmt.Errorf("gateway %s has route tables %v, want %d", aws.ToString(e.VpcEndpointId), e.RouteTableIds, c.routeTables)
			return
		}
	}
	if gw != c.gateways || iface != c.interfaces {
		resp.Error = fmt.Errorf("VPC %s has %d gateway and %d interface endpoints, want %d and %d", c.vpcID, gw, iface, c.gateways, c.interfaces)
	}
}

// copyDir copies the regular files of src into dst (no subdirectories: a module's own files).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// testAccHTTPSSecurityGroup creates, through EC2 calls, the group the private-network module asks its
// caller for: HTTPS from the VPC.
func testAccHTTPSSecurityGroup(t *testing.T, tg *acctest.Target, vpcID string) string {
	t.Helper()
	ctx := acctest.Context(t)
	sg, err := tg.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		VpcId: aws.String(vpcID), GroupName: aws.String(acctest.RandomName("endpoints")),
		Description: aws.String("HTTPS from the VPC to its interface endpoints"),
	})
	if err != nil {
		t.Fatal(err)
	}
	sgID := aws.ToString(sg.GroupId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSecurityGroup(context.Background(), &ec2.DeleteSecurityGroupInput{GroupId: aws.String(sgID)})
	})
	if _, err := tg.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(sgID),
		IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}},
	}); err != nil {
		t.Fatal(err)
	}
	return sgID
}

// TestAccModuleExample_extraRouteTables applies examples/modules/private-network-extra-route-tables
// from its own directory (copied beside the module it calls): the module's gateways get the app tier
// through the module's associations and the data tier through associations made outside it, and the
// two never fight: the second plan is empty.
func TestAccModuleExample_extraRouteTables(t *testing.T) { //nolint:paralleltest // sets TF_ACC_PROVIDER_NAMESPACE
	tg := acctest.New(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "vpce-dev")
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)
	sgID := testAccHTTPSSecurityGroup(t, tg, net.VPCID)

	modules := t.TempDir()
	for _, m := range []string{"private-network", "private-network-extra-route-tables"} {
		copyDir(t, filepath.Join("..", "..", "examples", "modules", m), filepath.Join(modules, m))
	}
	// terraform-plugin-testing runs the directory from a copy of its own: make the module source absolute.
	rootDir := filepath.Join(modules, "private-network-extra-route-tables")
	mainTF := filepath.Join(rootDir, "main.tf")
	b, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	abs := strings.Replace(string(b), `source = "../private-network"`, fmt.Sprintf("source = %q", filepath.Join(modules, "private-network")), 1)
	if abs == string(b) {
		t.Fatal(`the example no longer calls source = "../private-network"`)
	}
	if err := os.WriteFile(mainTF, []byte(abs), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := config.StaticDirectory(rootDir)
	vars := config.Variables{
		"vpc_id":               config.StringVariable(net.VPCID),
		"app_route_table_ids":  config.ListVariable(config.StringVariable(net.RouteTableIDs[0])),
		"data_route_table_ids": config.ListVariable(config.StringVariable(net.RouteTableIDs[1])),
		"subnet_ids":           config.ListVariable(config.StringVariable(net.SubnetIDs[0]), config.StringVariable(net.SubnetIDs[1])),
		"security_group_ids":   config.ListVariable(config.StringVariable(sgID)),
	}
	empty := filepath.Join(t.TempDir(), "empty")
	copyDir(t, filepath.Join(modules, "private-network-extra-route-tables"), empty)
	if err := os.WriteFile(filepath.Join(empty, "main.tf"), []byte("terraform {\n  required_providers {\n    vpce = {\n      source = \"vpce-dev/vpce\"\n    }\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(empty, "outputs.tf")); err != nil {
		t.Fatal(err)
	}

	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          dir,
				ConfigVariables:          vars,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("endpoints", knownvalue.MapSizeExact(6)),
					// Each gateway: the app tier (module) and the data tier (outside it).
					expectVPCEndpoints{tg: tg, vpcID: net.VPCID, gateways: 2, interfaces: 4, routeTables: 2},
				},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          dir,
				ConfigVariables:          vars,
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				ConfigDirectory:          config.StaticDirectory(empty),
				ConfigVariables:          vars,
				ConfigStateChecks:        []statecheck.StateCheck{expectVPCEndpoints{tg: tg, vpcID: net.VPCID}},
			},
		},
	})
	if gw, iface, err := vpcEndpointCount(ctx, tg, net.VPCID); err != nil || gw+iface != 0 {
		t.Errorf("after destroy: %d gateway and %d interface endpoints left (%v)", gw, iface, err)
	}
}
