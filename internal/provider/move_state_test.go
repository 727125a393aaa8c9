package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// testAccAWSState is a state as the `aws` provider writes it (its aws_vpc_endpoint and association
// attributes), for the endpoints and associations given, under this CLI's registry host.
func testAccAWSState(t *testing.T, resources ...map[string]any) []byte {
	t.Helper()
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = h
	}
	for _, r := range resources {
		r["mode"] = "managed"
		r["provider"] = fmt.Sprintf("provider[%q]", host+"/hashicorp/aws")
	}
	b, err := json.Marshal(map[string]any{
		"version": 4, "terraform_version": "1.5.7", "serial": 3, "lineage": "6f0c2f5e-3b0e-4c37-9a51-0f5f2ad3c1a7",
		"outputs": map[string]any{}, "resources": resources, "check_results": nil,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testAccAWSEndpointState is one aws_vpc_endpoint instance in the aws provider's format.
func testAccAWSEndpointState(name string, e ec2types.VpcEndpoint) map[string]any {
	groups := []string{}
	for _, g := range e.Groups {
		groups = append(groups, aws.ToString(g.GroupId))
	}
	dns := []map[string]any{}
	for _, d := range e.DnsEntries {
		dns = append(dns, map[string]any{"dns_name": aws.ToString(d.DnsName), "hosted_zone_id": aws.ToString(d.HostedZoneId)})
	}
	var dnsOptions []map[string]any
	if e.DnsOptions != nil {
		dnsOptions = []map[string]any{{"dns_record_ip_type": string(e.DnsOptions.DnsRecordIpType), "private_dns_only_for_inbound_resolver_endpoint": aws.ToBool(e.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint)}}
	}
	orEmpty := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return map[string]any{
		"type": "aws_vpc_endpoint", "name": name,
		"instances": []map[string]any{{
			"schema_version": 0,
			"attributes": map[string]any{
				"arn": "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/" + aws.ToString(e.VpcEndpointId), "auto_accept": nil,
				"cidr_blocks": []string{}, "dns_entry": dns, "dns_options": dnsOptions, "id": aws.ToString(e.VpcEndpointId),
				"ip_address_type": string(e.IpAddressType), "network_interface_ids": orEmpty(e.NetworkInterfaceIds),
				"owner_id": aws.ToString(e.OwnerId), "policy": aws.ToString(e.PolicyDocument), "prefix_list_id": nil,
				"private_dns_enabled": aws.ToBool(e.PrivateDnsEnabled), "requester_managed": aws.ToBool(e.RequesterManaged),
				"resource_configuration_arn": "", "route_table_ids": orEmpty(e.RouteTableIds), "security_group_ids": groups,
				"service_name": aws.ToString(e.ServiceName), "service_network_arn": "", "service_region": "us-east-1",
				"state": string(e.State), "subnet_configuration": []map[string]any{}, "subnet_ids": orEmpty(e.SubnetIds),
				"tags": map[string]string{}, "tags_all": map[string]string{}, "timeouts": nil,
				"vpc_endpoint_type": string(e.VpcEndpointType), "vpc_id": aws.ToString(e.VpcId),
			},
			"sensitive_attributes": []any{},
		}},
	}
}

func testAccSkipBelowCrossTypeMoves(t *testing.T, w *acctest.Workdir) {
	t.Helper()
	v, tofu := w.CLIVersion()
	parts := strings.SplitN(v, ".", 3)
	major, _ := strconv.Atoi(parts[0])
	minor := 0
	if len(parts) > 1 {
		minor, _ = strconv.Atoi(parts[1])
	}
	if major == 1 && minor < 8 {
		t.Skipf("%s %s has no `moved` across resource types (Terraform 1.8+, OpenTofu 1.8+); older CLIs use `import` and `removed` (the migration guide)", map[bool]string{true: "OpenTofu", false: "Terraform"}[tofu], v)
	}
}

// `moved` from aws_vpc_endpoint: a gateway and an interface endpoint and a route table association,
// in a state the `aws` provider wrote, move to this provider's resources; the plan changes nothing
// in AWS, the apply records the move, and the next plan is empty.
func TestAccEndpoints_movedFromAWS(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	gwID := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ifcID := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(gwID), AddRouteTableIds: []string{rt0, rt1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ifcID), AddSubnetIds: net.SubnetIDs[:2],
		AddSecurityGroupIds: []string{net.SecurityGroupID}, RemoveSecurityGroupIds: []string{testAccAssocDefaultGroup(t, tg, net.VPCID)}}); err != nil {
		t.Fatal(err)
	}
	// A DynamoDB gateway whose route table the aws provider managed with an association.
	ddbID := testAccCreateEndpoint(t, tg, net.VPCID, "dynamodb", ec2types.VpcEndpointTypeGateway)
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ddbID), AddRouteTableIds: []string{rt0}}); err != nil {
		t.Fatal(err)
	}
	waitAvailable := func(id string) ec2types.VpcEndpoint {
		for _, e := range testAccListEndpoints(t, tg, net.VPCID) {
			if aws.ToString(e.VpcEndpointId) == id {
				return e
			}
		}
		t.Fatalf("endpoint %s not found", id)
		return ec2types.VpcEndpoint{}
	}
	for _, id := range []string{gwID, ifcID, ddbID} {
		if _, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, id, 5*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	gw, ifc, ddb := waitAvailable(gwID), waitAvailable(ifcID), waitAvailable(ddbID)
	groupsBefore := len(ifc.Groups)

	w := tg.NewWorkdirWithAWSStandIn(t)
	testAccSkipBelowCrossTypeMoves(t, w)
	w.WriteState(testAccAWSState(t, testAccAWSEndpointState("gw", gw), testAccAWSEndpointState("ifc", ifc),
		testAccAWSEndpointState("ddb", ddb), map[string]any{
			"type": "aws_vpc_endpoint_route_table_association", "name": "ddb_rt0",
			"instances": []map[string]any{{"schema_version": 0, "sensitive_attributes": []any{}, "attributes": map[string]any{
				"id": "a-" + ddbID + "3000000000", "region": "us-east-1", "route_table_id": rt0, "vpc_endpoint_id": ddbID}}},
		}))
	w.SetConfig(fmt.Sprintf(`
moved {
  from = aws_vpc_endpoint.gw
  to   = vpce_gateway_endpoint.gw
}

moved {
  from = aws_vpc_endpoint.ifc
  to   = vpce_interface_endpoint.ifc
}

moved {
  from = aws_vpc_endpoint.ddb
  to   = vpce_gateway_endpoint.ddb
}

moved {
  from = aws_vpc_endpoint_route_table_association.ddb_rt0
  to   = vpce_route_table_association.ddb_rt0
}

resource "vpce_gateway_endpoint" "gw" {
  vpc_id          = %[1]q
  service         = "s3"
  route_table_ids = [%[2]q, %[3]q]
}

resource "vpce_gateway_endpoint" "ddb" {
  vpc_id  = %[1]q
  service = "dynamodb"
}

resource "vpce_route_table_association" "ddb_rt0" {
  vpc_endpoint_id = vpce_gateway_endpoint.ddb.id
  route_table_id  = %[2]q
}

resource "vpce_interface_endpoint" "ifc" {
  vpc_id              = %[1]q
  service             = "ssm"
  subnet_ids          = [%[4]q, %[5]q]
  security_group_ids  = [%[6]q]
  private_dns_enabled = false # the aws provider's default; this provider's is true
}
`, net.VPCID, rt0, rt1, net.SubnetIDs[0], net.SubnetIDs[1], net.SecurityGroupID))
	// The DynamoDB endpoint's route tables go to its association: its route_table_ids turn null, in
	// the state only (an update with no AWS call).
	testAccApplyMoves(t, tg, w, map[string]string{"vpce_gateway_endpoint.ddb": "update"}, -1)
	if e := waitAvailable(ifcID); len(e.Groups) != groupsBefore || len(e.SubnetIds) != 2 {
		t.Errorf("the interface endpoint changed: %+v", e)
	}
}

// `moved` from the aws provider's subnet and security group associations: an interface endpoint
// whose membership the aws provider managed with an aws_vpc_endpoint_subnet_association and an
// aws_vpc_endpoint_security_group_association moves, with them, to vpce_interface_endpoint (its
// subnet_ids and security_group_ids unset) and this provider's two associations, with no AWS change.
func TestAccEndpoints_movedFromAWSSubnetAndGroupAssociations(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)
	ifcID := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ifcID), AddSubnetIds: net.SubnetIDs[1:2],
		AddSecurityGroupIds: []string{net.SecurityGroupID}}); err != nil {
		t.Fatal(err)
	}
	ifc, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, ifcID, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	subnetsBefore, groupsBefore := len(ifc.SubnetIds), len(ifc.Groups)
	if subnetsBefore == 0 || groupsBefore < 1 {
		t.Fatalf("the endpoint has %d subnets and %d groups before the move", subnetsBefore, groupsBefore)
	}

	w := tg.NewWorkdirWithAWSStandIn(t)
	testAccSkipBelowCrossTypeMoves(t, w)
	w.WriteState(testAccAWSState(t, testAccAWSEndpointState("ifc", *ifc), map[string]any{
		"type": "aws_vpc_endpoint_subnet_association", "name": "s1",
		"instances": []map[string]any{{"schema_version": 0, "sensitive_attributes": []any{}, "attributes": map[string]any{
			"id": "a-" + ifcID + "1234567890", "region": "us-east-1", "subnet_id": net.SubnetIDs[1], "vpc_endpoint_id": ifcID, "timeouts": nil}}},
	}, map[string]any{
		"type": "aws_vpc_endpoint_security_group_association", "name": "sg",
		"instances": []map[string]any{{"schema_version": 0, "sensitive_attributes": []any{}, "attributes": map[string]any{
			"id": ifcID + "-" + net.SecurityGroupID, "region": "us-east-1", "security_group_id": net.SecurityGroupID, "vpc_endpoint_id": ifcID,
			"replace_default_association": nil}}},
	}))
	w.SetConfig(fmt.Sprintf(`
moved {
  from = aws_vpc_endpoint.ifc
  to   = vpce_interface_endpoint.ifc
}

moved {
  from = aws_vpc_endpoint_subnet_association.s1
  to   = vpce_subnet_association.s1
}

moved {
  from = aws_vpc_endpoint_security_group_association.sg
  to   = vpce_security_group_association.sg
}

resource "vpce_interface_endpoint" "ifc" {
  vpc_id              = %[1]q
  service             = "ssm"
  private_dns_enabled = false
}

resource "vpce_subnet_association" "s1" {
  vpc_endpoint_id = vpce_interface_endpoint.ifc.id
  subnet_id       = %[2]q
}

resource "vpce_security_group_association" "sg" {
  vpc_endpoint_id   = vpce_interface_endpoint.ifc.id
  security_group_id = %[3]q
}
`, net.VPCID, net.SubnetIDs[1], net.SecurityGroupID))
	// The endpoint's subnets and groups leave its own attributes for the associations: in the state
	// only (an update with no AWS call), as for the gateway's route tables above.
	testAccApplyMoves(t, tg, w, map[string]string{"vpce_interface_endpoint.ifc": "update"}, -1)
	after, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, ifcID, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.SubnetIds) != subnetsBefore || len(after.Groups) != groupsBefore {
		t.Errorf("the move changed the endpoint: subnets %v (had %d), groups %v (had %d)", after.SubnetIds, subnetsBefore, after.Groups, groupsBefore)
	}
	inState := map[string]bool{}
	for _, in := range w.State() {
		inState[in.Address] = true
	}
	for _, addr := range []string{"vpce_interface_endpoint.ifc", "vpce_subnet_association.s1", "vpce_security_group_association.sg"} {
		if !inState[addr] {
			t.Errorf("%s is not in the state after the move: %v", addr, inState)
		}
	}
}

// A move to the resource of the other endpoint type is an error naming the right resource.
func TestAccEndpoints_movedFromAWSWrongType(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ifcID := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	var ifc ec2types.VpcEndpoint
	for _, e := range testAccListEndpoints(t, tg, net.VPCID) {
		ifc = e
	}
	w := tg.NewWorkdirWithAWSStandIn(t)
	testAccSkipBelowCrossTypeMoves(t, w)
	w.WriteState(testAccAWSState(t, testAccAWSEndpointState("ifc", ifc)))
	w.SetConfig(fmt.Sprintf(`
moved {
  from = aws_vpc_endpoint.ifc
  to   = vpce_gateway_endpoint.ifc
}

resource "vpce_gateway_endpoint" "ifc" {
  vpc_id  = %[1]q
  service = "s3"
}
`, net.VPCID))
	p := w.Plan("")
	if p.Err == nil || !acctest.HasDiagnostic(p.Errors(), "error", "Wrong resource type", ifcID, "vpce_interface_endpoint") {
		t.Fatalf("want an error naming vpce_interface_endpoint: %v", p.Diagnostics)
	}
	// Nothing moved: the state still holds the aws provider's resource, which the stand-in cannot
	// destroy, so the directory's cleanup must not try.
	if err := os.Remove(filepath.Join(w.Dir, "terraform.tfstate")); err != nil {
		t.Fatal(err)
	}
}

// The migration guide's worked example (examples/guides/migrating-from-aws), applied as written to
// a state the aws provider wrote: only moves, no AWS change, and the next plan is empty.
func TestAccGuide_migratingFromAWS(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	w := tg.NewWorkdirWithAWSStandIn(t)
	testAccSkipBelowCrossTypeMoves(t, w)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)
	s3 := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ssm := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(s3), AddRouteTableIds: net.RouteTableIDs}); err != nil {
		t.Fatal(err)
	}
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ssm), AddSubnetIds: net.SubnetIDs,
		AddSecurityGroupIds: []string{net.SecurityGroupID}, RemoveSecurityGroupIds: []string{testAccAssocDefaultGroup(t, tg, net.VPCID)}}); err != nil {
		t.Fatal(err)
	}
	states := map[string]map[string]any{}
	for _, id := range []string{s3, ssm} {
		if _, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, id, 5*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range testAccListEndpoints(t, tg, net.VPCID) {
		name := map[string]string{s3: "s3", ssm: "ssm"}[aws.ToString(e.VpcEndpointId)]
		states[name] = testAccAWSEndpointState(name, e)
	}
	w.WriteState(testAccAWSState(t, states["s3"], states["ssm"]))

	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "guides", "migrating-from-aws", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	w.WriteFile("main.tf", example)
	vars, _ := json.Marshal(map[string]any{
		"vpc_id": net.VPCID, "route_table_ids": net.RouteTableIDs, "subnet_ids": net.SubnetIDs, "security_group_ids": []string{net.SecurityGroupID},
	})
	w.WriteFile("terraform.tfvars.json", vars)

	testAccApplyMoves(t, tg, w, nil, 2)
}

// testAccApplyMoves plans the directory's moves, checks that the plan holds only moves (but for the
// changes allowed, by address; and exactly count changes when count >= 0), applies the plan with no
// EC2 call that changes anything, and checks that the next plan is empty.
func testAccApplyMoves(t *testing.T, tg *acctest.Target, w *acctest.Workdir, allowed map[string]string, count int) {
	t.Helper()
	before := tg.Emulator.CallCounts()
	p := w.Plan("move.tfplan")
	if p.Err != nil {
		t.Fatalf("plan: %v", p.Errors())
	}
	if count >= 0 && len(p.Changes) != count {
		t.Errorf("planned changes %v, want %d", p.Changes, count)
	}
	for _, c := range p.Changes {
		if c.Action != "move" && allowed[c.Address] != c.Action {
			t.Errorf("planned change %s: %s, want only moves\n%s", c.Address, c.Action, w.ShowPlan("move.tfplan"))
		}
	}
	if a := w.Apply("move.tfplan"); a.Err != nil {
		t.Fatalf("apply: %v", a.Errors())
	}
	after := tg.Emulator.CallCounts()
	for _, action := range []string{"CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints", "CreateTags", "DeleteTags"} {
		if after[action] != before[action] {
			t.Errorf("the move made %d %s calls, want 0", after[action]-before[action], action)
		}
	}
	if p := w.Plan(""); p.Err != nil || p.HasChanges() {
		t.Fatalf("the plan after the move must be empty: %v %v", p.Errors(), p.Changes)
	}
}

// `moved` from an aws_vpc_endpoint of type GatewayLoadBalancer to vpce_gateway_load_balancer_endpoint.
func TestAccEndpoints_movedFromAWSGatewayLoadBalancer(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	w := tg.NewWorkdirWithAWSStandIn(t)
	testAccSkipBelowCrossTypeMoves(t, w)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)
	_, service := emulator.GatewayLoadBalancerServiceNames(tg.Region) // no acceptance, zones a and b
	out, err := tg.EC2.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String(service), VpcEndpointType: ec2types.VpcEndpointTypeGatewayLoadBalancer,
		SubnetIds: []string{net.SubnetIDs[0]},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteVpcEndpoints(context.Background(), &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		_ = awsclient.WaitVPCEndpointDeleted(context.Background(), tg.EC2, id, 5*time.Minute)
	})
	e, err := awsclient.WaitVPCEndpointAvailable(ctx, tg.EC2, id, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteState(testAccAWSState(t, testAccAWSEndpointState("gwlb", *e)))
	w.SetConfig(`
moved {
  from = aws_vpc_endpoint.gwlb
  to   = vpce_gateway_load_balancer_endpoint.test
}
` + testAccGWLBConfig("", net.VPCID, service, net.SubnetIDs[0], ""))
	testAccApplyMoves(t, tg, w, nil, 1)
}
