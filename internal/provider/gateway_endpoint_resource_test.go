package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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
)

const gatewayResourceName = "vpce_gateway_endpoint.test"

func TestAccGatewayEndpoint_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestMatchResourceAttr(gatewayResourceName, "id", regexp.MustCompile(`^vpce-[0-9a-f]+$`)),
					resource.TestMatchResourceAttr(gatewayResourceName, "arn", regexp.MustCompile(`^arn:aws:ec2:`+tg.Region+`:\d{12}:vpc-endpoint/vpce-[0-9a-f]+$`)),
					resource.TestCheckResourceAttr(gatewayResourceName, "service", "s3"),
					resource.TestCheckResourceAttr(gatewayResourceName, "service_name", "com.amazonaws."+tg.Region+".s3"),
					resource.TestCheckResourceAttr(gatewayResourceName, "vpc_id", net.VPCID),
					resource.TestCheckResourceAttr(gatewayResourceName, "state", "available"),
					resource.TestMatchResourceAttr(gatewayResourceName, "prefix_list_id", regexp.MustCompile(`^pl-[0-9a-f]+$`)),
					resource.TestMatchResourceAttr(gatewayResourceName, "cidr_blocks.#", regexp.MustCompile(`^[1-9]\d*$`)),
					resource.TestMatchResourceAttr(gatewayResourceName, "owner_id", regexp.MustCompile(`^\d{12}$`)),
					resource.TestCheckResourceAttr(gatewayResourceName, "route_table_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(gatewayResourceName, "route_table_ids.*", net.RouteTableIDs[0]),
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(gatewayResourceName, "associated_route_table_ids.*", net.RouteTableIDs[0]),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags.%", "0"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.%", "0"),
					resource.TestCheckResourceAttrSet(gatewayResourceName, "policy"),
					testAccCheckRouteTableRoutesTo(tg, net.RouteTableIDs[0], &endpoint, true),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gatewayResourceName, tfjsonpath.New("policy"), knownvalue.StringRegexp(regexp.MustCompile(`"Principal":\s*"\*"`))),
				},
			},
			{
				ResourceName:      gatewayResourceName,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccGatewayEndpoint_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "dynamodb", net.RouteTableIDs[0]),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointDisappears(tg, &endpoint),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				// The next plan creates it again, and the apply succeeds.
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "dynamodb", net.RouteTableIDs[0]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionCreate)},
				},
				Check: testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
			},
		},
	})
}

func TestAccGatewayEndpoint_routeTableIDs(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	rt0, rt1 := net.RouteTableIDs[0], net.RouteTableIDs[1]
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "route_table_ids.#", "1"),
					testAccCheckRouteTableRoutesTo(tg, rt0, &endpoint, true),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, false),
				),
			},
			{ // add a member
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt0, rt1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "route_table_ids.#", "2"),
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "2"),
					testAccCheckRouteTableRoutesTo(tg, rt0, &endpoint, true),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, true),
				),
			},
			{ // replace the members: remove rt0, keep rt1
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", rt1),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "route_table_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(gatewayResourceName, "route_table_ids.*", rt1),
					testAccCheckRouteTableRoutesTo(tg, rt0, &endpoint, false),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, true),
				),
			},
			{ // remove every member
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3"),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "route_table_ids.#", "0"),
					resource.TestCheckResourceAttr(gatewayResourceName, "associated_route_table_ids.#", "0"),
					testAccCheckRouteTableRoutesTo(tg, rt1, &endpoint, false),
				),
			},
		},
	})
}

const testAccPolicyCompact = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`

// Same policy: reformatted, keys and actions reordered.
const testAccPolicyReformatted = `{
  "Statement": [
    {
      "Resource": "*",
      "Action": ["s3:PutObject", "s3:GetObject"],
      "Principal": "*",
      "Effect": "Allow"
    }
  ],
  "Version": "2012-10-17"
}`

const testAccPolicyChanged = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`

func TestAccGatewayEndpoint_policy(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_policy(net.VPCID, testAccPolicyCompact),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccPolicyCompact),
				),
			},
			{ // reformatting and reordering never shows a diff
				Config: testAccGatewayEndpointConfig_policy(net.VPCID, testAccPolicyReformatted),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // a real change is updated in place
				Config: testAccGatewayEndpointConfig_policy(net.VPCID, testAccPolicyChanged),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccPolicyChanged),
				),
			},
			{ // removing the policy resets the endpoint to full access
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(gatewayResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(gatewayResourceName, tfjsonpath.New("policy"), knownvalue.StringRegexp(regexp.MustCompile(`"Action":"\*"`))),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccFullAccessPolicy),
				),
			},
			{
				Config: testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

const testAccFullAccessPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

func TestAccGatewayEndpoint_tags(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_tags(net.VPCID, `team = "net"`, `Name = "one"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags.%", "1"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags.Name", "one"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.%", "2"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.team", "net"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "one", "team": "net"}),
				),
			},
			{ // change a tag, add one; the resource's own tag wins over the default
				Config: testAccGatewayEndpointConfig_tags(net.VPCID, `team = "net"`, "Name = \"two\"\n    team = \"app\""),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags.%", "2"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.%", "2"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.team", "app"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "two", "team": "app"}),
				),
			},
			{ // remove the resource's tags: only the default remains
				Config: testAccGatewayEndpointConfig_tags(net.VPCID, `team = "net"`, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gatewayResourceName, &endpoint),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags.%", "0"),
					resource.TestCheckResourceAttr(gatewayResourceName, "tags_all.%", "1"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"team": "net"}),
				),
			},
		},
	})
}

func TestAccGatewayEndpoint_import(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)

	// An interface endpoint made outside Terraform cannot be imported as a gateway.
	out, err := tg.EC2.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId:           aws.String(net.VPCID),
		ServiceName:     aws.String("com.amazonaws." + tg.Region + ".ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface,
		SubnetIds:       net.SubnetIDs[:1],
	})
	if err != nil {
		t.Fatalf("creating an interface endpoint: %s", err)
	}
	interfaceID := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteVpcEndpoints(context.Background(), &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{interfaceID}})
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGatewayEndpointConfig_policy(net.VPCID, testAccPolicyCompact) + fmt.Sprintf(`
resource "vpce_gateway_endpoint" "imported" {
  vpc_id          = %[1]q
  service         = "dynamodb"
  route_table_ids = [%[2]q]
  tags = {
    Name = "imported"
  }
}
`, net.VPCID, net.RouteTableIDs[1]),
			},
			{
				ResourceName:      gatewayResourceName,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:      "vpce_gateway_endpoint.imported",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:  "vpce_gateway_endpoint.imported",
				ImportState:   true,
				ImportStateId: interfaceID,
				ExpectError:   regexp.MustCompile(`(?s)not a Gateway endpoint.*vpce_interface_endpoint`),
			},
			{
				ResourceName:  "vpce_gateway_endpoint.imported",
				ImportState:   true,
				ImportStateId: "rtb-0123",
				ExpectError:   regexp.MustCompile(`Expected a VPC endpoint ID`),
			},
		},
	})
}

func testAccCheckGatewayEndpointExists(tg *acctest.Target, name string, out *ec2types.VpcEndpoint) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("not found in state: %s", name)
		}
		e, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, rs.Primary.ID)
		if err != nil {
			return err
		}
		*out = *e
		return nil
	}
}

func testAccCheckGatewayEndpointDestroy(tg *acctest.Target) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "vpce_gateway_endpoint" && rs.Type != "vpce_interface_endpoint" {
				continue
			}
			_, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, rs.Primary.ID)
			if awsclient.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("VPC endpoint %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

// testAccCheckEndpointDisappears deletes the endpoint out of band and waits until it is gone.
func testAccCheckEndpointDisappears(tg *acctest.Target, e *ec2types.VpcEndpoint) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx := context.Background()
		id := aws.ToString(e.VpcEndpointId)
		if _, err := tg.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}}); err != nil {
			return err
		}
		return awsclient.WaitVPCEndpointDeleted(ctx, tg.EC2, id, 5*time.Minute)
	}
}

// testAccCheckRouteTableRoutesTo checks whether a route table has (or lacks) a route through e.
func testAccCheckRouteTableRoutesTo(tg *acctest.Target, rtbID string, e *ec2types.VpcEndpoint, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := tg.EC2.DescribeRouteTables(context.Background(), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtbID}})
		if err != nil {
			return err
		}
		got := false
		for _, rt := range out.RouteTables {
			for _, r := range rt.Routes {
				if aws.ToString(r.GatewayId) == aws.ToString(e.VpcEndpointId) && aws.ToString(r.DestinationPrefixListId) != "" {
					got = true
				}
			}
		}
		if got != want {
			return fmt.Errorf("route table %s routes through %s: %t, want %t", rtbID, aws.ToString(e.VpcEndpointId), got, want)
		}
		return nil
	}
}

func testAccCheckEndpointPolicy(e *ec2types.VpcEndpoint, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if !acctest.PoliciesEquivalent(aws.ToString(e.PolicyDocument), want) {
			return fmt.Errorf("endpoint policy = %s, want the equivalent of %s", aws.ToString(e.PolicyDocument), want)
		}
		return nil
	}
}

func testAccCheckEndpointTags(e *ec2types.VpcEndpoint, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[string]string{}
		marker := false
		for _, t := range e.Tags {
			if strings.HasPrefix(aws.ToString(t.Key), awsclient.InternalTagPrefix) {
				// The provider's own tags (the creation marker) are not the user's.
				marker = marker || aws.ToString(t.Key) == awsclient.CreateTokenTagKey
				continue
			}
			got[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		if !marker {
			return fmt.Errorf("endpoint %s has no creation marker tag %s", aws.ToString(e.VpcEndpointId), awsclient.CreateTokenTagKey)
		}
		if len(got) != len(want) {
			return fmt.Errorf("endpoint tags = %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("endpoint tags = %v, want %v", got, want)
			}
		}
		return nil
	}
}

func testAccGatewayEndpointConfig_routeTables(vpcID, service string, rtbIDs ...string) string {
	quoted := make([]string, len(rtbIDs))
	for i, id := range rtbIDs {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	slices.Sort(quoted)
	return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id          = %[1]q
  service         = %[2]q
  route_table_ids = [%[3]s]
}
`, vpcID, service, strings.Join(quoted, ", "))
}

func testAccGatewayEndpointConfig_policy(vpcID, policy string) string {
	return fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  policy  = <<-EOT
%[2]s
EOT
}
`, vpcID, policy)
}

func testAccGatewayEndpointConfig_tags(vpcID, defaultTags, tags string) string {
	return fmt.Sprintf(`
provider "vpce" {
  default_tags {
    tags = {
      %[2]s
    }
  }
}

resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  tags = {
    %[3]s
  }
}
`, vpcID, defaultTags, tags)
}
