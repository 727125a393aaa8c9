package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// TestAccEndpointsDataSource_forEach: the list is known at plan, so it drives a for_each: one route
// table association per gateway endpoint of the VPC, and one vpce_endpoint per interface endpoint.
func TestAccEndpointsDataSource_forEach(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	gateway := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ssm := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	logs := testAccCreateEndpoint(t, tg, net.VPCID, "logs", ec2types.VpcEndpointTypeInterface)
	rtb := net.RouteTableIDs[0]
	prefix := "com.amazonaws." + tg.Region + "."
	association := fmt.Sprintf("vpce_route_table_association.test[%q]", gateway)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "vpce_endpoints" "gateways" {
  vpc_id = %[1]q
  type   = "Gateway"
}

data "vpce_endpoints" "interfaces" {
  vpc_id = %[1]q
  type   = "Interface"
}

resource "vpce_route_table_association" "test" {
  for_each = toset(data.vpce_endpoints.gateways.ids)

  vpc_endpoint_id = each.value
  route_table_id  = %[2]q
}

data "vpce_endpoint" "each" {
  for_each = toset(data.vpce_endpoints.interfaces.ids)

  id = each.value
}

output "interface_services" {
  value = { for id, e in data.vpce_endpoint.each : id => e.service_name }
}
`, net.VPCID, rtb),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(association, plancheck.ResourceActionCreate),
						expectPlannedInstances("vpce_route_table_association", 1),
						plancheck.ExpectKnownOutputValue("interface_services", knownvalue.MapExact(map[string]knownvalue.Check{
							ssm:  knownvalue.StringExact(prefix + "ssm"),
							logs: knownvalue.StringExact(prefix + "logs"),
						})),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(association, tfjsonpath.New("route_table_id"), knownvalue.StringExact(rtb)),
					checkEC2(testAccCheckEndpointMembers(tg, gateway, func(e *ec2types.VpcEndpoint) []string { return e.RouteTableIds }, 1)),
				},
			},
			// Dropping the for_each detaches the route table (and leaves a state the framework's
			// final destroy can read).
			{
				Config: fmt.Sprintf("data \"vpce_endpoints\" \"gateways\" {\n  vpc_id = %q\n  type   = \"Gateway\"\n}\n", net.VPCID),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.vpce_endpoints.gateways", "ids.#", "1"),
					resource.TestCheckResourceAttr("data.vpce_endpoints.gateways", "ids.0", gateway),
					testAccCheckEndpointMembers(tg, gateway, func(e *ec2types.VpcEndpoint) []string { return e.RouteTableIds }, 0),
				),
			},
		},
	})
}

// TestAccEndpointsDataSource_filters: the VPC, service, type, state, tags and filter-block criteria,
// alone and together; endpoints being deleted appear only when a state is asked for.
func TestAccEndpointsDataSource_filters(t *testing.T) {
	t.Parallel()
	tg := acctest.NewWithOptions(t, emulator.Options{DeletedRetention: 10 * time.Minute})
	tg.RequireEmulator(t) // a pendingAcceptance endpoint needs the local EC2 API's customer service
	net := tg.NewNetwork(t)
	gateway := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	ssm := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	logs := testAccCreateEndpoint(t, tg, net.VPCID, "logs", ec2types.VpcEndpointTypeInterface)
	testAccTagEndpoint(t, tg, gateway, map[string]string{"team": "net"})
	testAccTagEndpoint(t, tg, ssm, map[string]string{"team": "data", "env": "dev"})
	testAccTagEndpoint(t, tg, logs, map[string]string{"team": "data", "env": "prod"})
	_, acceptOther, _ := emulator.CustomerServiceNames(tg.Region)
	pending := testAccCreateEndpointNoWait(t, tg, &ec2.CreateVpcEndpointInput{VpcId: aws.String(net.VPCID), ServiceName: aws.String(acceptOther),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: net.SubnetIDs[:1]})
	deleted := testAccCreateEndpoint(t, tg, net.VPCID, "dynamodb", ec2types.VpcEndpointTypeGateway)
	if _, err := tg.EC2.DeleteVpcEndpoints(acctest.Context(t), &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{deleted}}); err != nil {
		t.Fatal(err)
	}

	ids := func(name string, want ...string) resource.TestCheckFunc {
		sort.Strings(want)
		checks := []resource.TestCheckFunc{resource.TestCheckResourceAttr("data.vpce_endpoints."+name, "ids.#", fmt.Sprint(len(want)))}
		for i, id := range want {
			checks = append(checks, resource.TestCheckResourceAttr("data.vpce_endpoints."+name, fmt.Sprintf("ids.%d", i), id))
		}
		return resource.ComposeAggregateTestCheckFunc(checks...)
	}
	byID := map[string]int{}
	all := []string{gateway, ssm, logs, pending}
	sort.Strings(all)
	for i, id := range all {
		byID[id] = i
	}
	const allName = "data.vpce_endpoints.all"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "vpce_endpoints" "all" {
  vpc_id = %[1]q
}

data "vpce_endpoints" "team_data" {
  vpc_id = %[1]q
  tags = {
    team = "data"
  }
}

data "vpce_endpoints" "data_dev" {
  vpc_id = %[1]q
  tags = {
    team = "data"
    env  = "dev"
  }
}

data "vpce_endpoints" "available" {
  vpc_id = %[1]q
  state  = "available"
}

data "vpce_endpoints" "pending" {
  vpc_id = %[1]q
  state  = "PendingAcceptance"
}

data "vpce_endpoints" "being_deleted" {
  vpc_id = %[1]q
  filter {
    name   = "vpc-endpoint-state"
    values = ["deleting", "deleted"]
  }
}

data "vpce_endpoints" "s3" {
  vpc_id  = %[1]q
  service = "s3"
}

data "vpce_endpoints" "interface_prod" {
  type = "Interface"
  filter {
    name   = "vpc-id"
    values = [%[1]q]
  }
  filter {
    name   = "tag:env"
    values = ["prod", "staging"]
  }
}

data "vpce_endpoints" "nobody" {
  vpc_id = %[1]q
  tags = {
    team = "nobody"
  }
}
`, net.VPCID),
			Check: resource.ComposeAggregateTestCheckFunc(
				ids("all", all...),
				ids("team_data", ssm, logs),
				ids("data_dev", ssm),
				ids("available", gateway, ssm, logs),
				ids("pending", pending),
				ids("being_deleted", deleted),
				ids("s3", gateway),
				ids("interface_prod", logs),
				ids("nobody"),
				resource.TestCheckResourceAttr(allName, "endpoints.#", "4"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.id", byID[ssm]), ssm),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.service_name", byID[ssm]), "com.amazonaws."+tg.Region+".ssm"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.vpc_endpoint_type", byID[ssm]), "Interface"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.state", byID[ssm]), "available"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.vpc_id", byID[ssm]), net.VPCID),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.tags.%%", byID[ssm]), "2"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.tags.env", byID[ssm]), "dev"),
				resource.TestMatchResourceAttr(allName, fmt.Sprintf("endpoints.%d.arn", byID[ssm]), regexp.MustCompile(`:vpc-endpoint/`+ssm+`$`)),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.vpc_endpoint_type", byID[gateway]), "Gateway"),
				resource.TestCheckResourceAttr(allName, fmt.Sprintf("endpoints.%d.state", byID[pending]), "pendingAcceptance"),
				resource.TestCheckResourceAttr("data.vpce_endpoints.being_deleted", "endpoints.0.service_name", "com.amazonaws."+tg.Region+".dynamodb"),
			),
		}},
	})
}

// TestAccEndpointsDataSource_invalidFilter: a filter name DescribeVpcEndpoints does not have is
// rejected by validation, naming the accepted names, before any EC2 call.
func TestAccEndpointsDataSource_invalidFilter(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	before := tg.Calls(t, "DescribeVpcEndpoints")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				PlanOnly: true,
				Config: `
data "vpce_endpoints" "test" {
  filter {
    name   = "endpoint-type"
    values = ["Gateway"]
  }
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid filter name.*The filter block's name\s+"endpoint-type"\s+is not a filter of\s+DescribeVpcEndpoints.*vpc-endpoint-type.*tag:<key>`),
			},
			{
				PlanOnly:    true,
				Config:      "data \"vpce_endpoints\" \"test\" {\n  state = \"gone\"\n}\n",
				ExpectError: regexp.MustCompile(`(?s)state.*value must be one of`),
			},
		},
	})
	if n := tg.Calls(t, "DescribeVpcEndpoints") - before; n != 0 {
		t.Errorf("DescribeVpcEndpoints calls = %d, want 0: a bad filter is caught before any call", n)
	}
}

// testAccCreateEndpointNoWait creates an endpoint through EC2 without waiting for it (an endpoint
// pending acceptance never becomes available), and deletes it when the test ends.
func testAccCreateEndpointNoWait(t *testing.T, tg *acctest.Target, in *ec2.CreateVpcEndpointInput) string {
	t.Helper()
	out, err := tg.EC2.CreateVpcEndpoint(acctest.Context(t), in)
	if err != nil {
		t.Fatalf("creating an endpoint: %s", err)
	}
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		_, _ = tg.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		_ = awsclient.WaitVPCEndpointDeleted(ctx, tg.EC2, id, 5*time.Minute)
	})
	return id
}

// expectPlannedInstances checks how many instances of a resource type the plan creates.
func expectPlannedInstances(resourceType string, want int) plancheck.PlanCheck {
	return plannedInstances{resourceType, want}
}

type plannedInstances struct {
	resourceType string
	want         int
}

func (c plannedInstances) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	n := 0
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type == c.resourceType && rc.Change.Actions.Create() {
			n++
		}
	}
	if n != c.want {
		resp.Error = fmt.Errorf("the plan creates %d %s instances, want %d", n, c.resourceType, c.want)
	}
}

// checkEC2 runs a check of what EC2 holds as a state check (the legacy Check functions cannot read a
// state with for_each instances).
func checkEC2(check resource.TestCheckFunc) statecheck.StateCheck { return ec2StateCheck{check} }

type ec2StateCheck struct{ check resource.TestCheckFunc }

func (c ec2StateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.check(nil)
}
