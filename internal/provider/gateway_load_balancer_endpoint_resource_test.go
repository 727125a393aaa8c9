package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

const gwlbResourceName = "vpce_gateway_load_balancer_endpoint.test"

// Create (the connection accepted by auto_accept, the service being this account's), import,
// update of tags with default_tags, drift of tags changed out of band, and destroy (CheckDestroy).
func TestAccGatewayLoadBalancerEndpoint_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	own, _ := emulator.GatewayLoadBalancerServiceNames(tg.Region)
	var endpoint ec2types.VpcEndpoint
	autoAccept := "  auto_accept = true\n"

	// An interface endpoint made outside Terraform cannot be imported as a Gateway Load Balancer one.
	out, err := tg.EC2.CreateVpcEndpoint(acctest.Context(t), &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: net.SubnetIDs[:1],
	})
	if err != nil {
		t.Fatalf("creating an interface endpoint: %s", err)
	}
	interfaceID := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() { // before the network's destruction: its network interface must be released first
		ctx := context.Background()
		if _, err := tg.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{interfaceID}}); err == nil {
			_ = awsclient.WaitVPCEndpointDeleted(ctx, tg.EC2, interfaceID, time.Minute)
		}
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGWLBConfig(`team = "net"`, net.VPCID, own, net.SubnetIDs[0], autoAccept+"  tags = {\n    Name = \"inspect-a\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionCreate),
						// Known at plan: the subnet's zone, the default address type, the tags.
						plancheck.ExpectKnownValue(gwlbResourceName, tfjsonpath.New("availability_zone"), knownvalue.StringExact(net.AvailabilityZones[0])),
						plancheck.ExpectKnownValue(gwlbResourceName, tfjsonpath.New("ip_address_type"), knownvalue.StringExact("ipv4")),
						plancheck.ExpectKnownValue(gwlbResourceName, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
							"Name": knownvalue.StringExact("inspect-a"), "team": knownvalue.StringExact("net"),
						})),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gwlbResourceName, &endpoint),
					resource.TestMatchResourceAttr(gwlbResourceName, "id", regexp.MustCompile(`^vpce-[0-9a-f]+$`)),
					resource.TestMatchResourceAttr(gwlbResourceName, "arn", regexp.MustCompile(`^arn:aws:ec2:`+tg.Region+`:\d{12}:vpc-endpoint/vpce-[0-9a-f]+$`)),
					resource.TestCheckResourceAttr(gwlbResourceName, "service", own),
					resource.TestCheckResourceAttr(gwlbResourceName, "vpc_id", net.VPCID),
					resource.TestCheckResourceAttr(gwlbResourceName, "subnet_id", net.SubnetIDs[0]),
					resource.TestCheckResourceAttr(gwlbResourceName, "availability_zone", net.AvailabilityZones[0]),
					resource.TestCheckResourceAttr(gwlbResourceName, "state", "available"),
					resource.TestCheckResourceAttr(gwlbResourceName, "ip_address_type", "ipv4"),
					resource.TestCheckResourceAttr(gwlbResourceName, "network_interface_ids.#", "1"),
					resource.TestCheckResourceAttr(gwlbResourceName, "owner_id", emulator.DefaultAccountID),
					resource.TestCheckResourceAttr(gwlbResourceName, "tags.%", "1"),
					resource.TestCheckResourceAttr(gwlbResourceName, "tags_all.%", "2"),
					testAccCheckGWLBEndpoint(&endpoint, net.SubnetIDs[0]),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "inspect-a", "team": "net"}),
				),
			},
			{
				ResourceName:            gwlbResourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"auto_accept"},
			},
			{
				ResourceName:  gwlbResourceName,
				ImportState:   true,
				ImportStateId: interfaceID,
				ExpectError:   errorRE("not a GatewayLoadBalancer endpoint", "vpce_interface_endpoint"),
			},
			{
				ResourceName:  gwlbResourceName,
				ImportState:   true,
				ImportStateId: "subnet-0123",
				ExpectError:   regexp.MustCompile(`Expected a VPC endpoint ID`),
			},
			{ // update: tags change in place, the endpoint stays
				Config: testAccGWLBConfig(`team = "net"`, net.VPCID, own, net.SubnetIDs[0], autoAccept+"  tags = {\n    Name = \"inspect-b\"\n    team = \"sec\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(gwlbResourceName, tfjsonpath.New("state"), knownvalue.StringExact("available")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGWLBSameEndpoint(tg, &endpoint),
					resource.TestCheckResourceAttr(gwlbResourceName, "tags_all.team", "sec"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "inspect-b", "team": "sec"}),
				),
			},
			{ // drift: tags changed out of band; the refresh shows them, the plan repairs them
				Config: testAccGWLBConfig(`team = "net"`, net.VPCID, own, net.SubnetIDs[0], autoAccept+"  tags = {\n    Name = \"inspect-b\"\n    team = \"sec\"\n  }\n"),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccTagOutOfBand(tg, &endpoint, "Name", "changed-in-console"),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccGWLBConfig(`team = "net"`, net.VPCID, own, net.SubnetIDs[0], autoAccept+"  tags = {\n    Name = \"inspect-b\"\n    team = \"sec\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(gwlbResourceName, tfjsonpath.New("tags").AtMapKey("Name"), knownvalue.StringExact("inspect-b")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGWLBSameEndpoint(tg, &endpoint),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "inspect-b", "team": "sec"}),
				),
			},
			{
				Config: testAccGWLBConfig(`team = "net"`, net.VPCID, own, net.SubnetIDs[0], autoAccept+"  tags = {\n    Name = \"inspect-b\"\n    team = \"sec\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if n := tg.Calls(t, "AcceptVpcEndpointConnections"); n != 1 {
		t.Errorf("AcceptVpcEndpointConnections calls = %d, want 1", n)
	}
}

// An endpoint deleted out of band is removed from state with a warning, and the next apply creates
// it again.
func TestAccGatewayLoadBalancerEndpoint_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	_, noAccept := emulator.GatewayLoadBalancerServiceNames(tg.Region)
	var endpoint ec2types.VpcEndpoint
	config := testAccGWLBConfig("", net.VPCID, noAccept, net.SubnetIDs[1], "")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gwlbResourceName, &endpoint),
					// No acceptance required: available at once, without accepting.
					resource.TestCheckResourceAttr(gwlbResourceName, "state", "available"),
					testAccCheckEndpointDisappears(tg, &endpoint),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionCreate)},
				},
				Check: testAccCheckGatewayEndpointExists(tg, gwlbResourceName, &endpoint),
			},
		},
	})
	if n := tg.Calls(t, "AcceptVpcEndpointConnections"); n != 0 {
		t.Errorf("AcceptVpcEndpointConnections calls = %d, want 0", n)
	}
}

// Acceptance: without auto_accept the endpoint waits for the owner, and says so; turning auto_accept
// on accepts it in place. Changing ip_address_type replaces the endpoint.
func TestAccGatewayLoadBalancerEndpoint_acceptanceAndReplace(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	own, _ := emulator.GatewayLoadBalancerServiceNames(tg.Region)
	var endpoint, first ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[2], `  ip_address_type = "dualstack"`+"\n"),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gwlbResourceName, &first),
					resource.TestCheckResourceAttr(gwlbResourceName, "state", "pendingAcceptance"),
					resource.TestCheckResourceAttr(gwlbResourceName, "ip_address_type", "dualstack"),
				),
			},
			{ // auto_accept turned on: accepted in place
				Config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[2], `  ip_address_type = "dualstack"`+"\n  auto_accept = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(gwlbResourceName, tfjsonpath.New("state")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGWLBSameEndpoint(tg, &first),
					resource.TestCheckResourceAttr(gwlbResourceName, "state", "available"),
				),
			},
			{ // ip_address_type changed: a new endpoint
				Config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[2], "  auto_accept = true\n  ip_address_type = \"ipv4\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gwlbResourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, gwlbResourceName, &endpoint),
					resource.TestCheckResourceAttr(gwlbResourceName, "ip_address_type", "ipv4"),
					resource.TestCheckResourceAttr(gwlbResourceName, "state", "available"),
					func(*terraform.State) error {
						if aws.ToString(endpoint.VpcEndpointId) == aws.ToString(first.VpcEndpointId) {
							return fmt.Errorf("endpoint %s was not replaced", aws.ToString(first.VpcEndpointId))
						}
						return nil
					},
				),
			},
			{ // ip_address_type removed: the endpoint keeps what it has, no change
				Config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[2], "  auto_accept = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Every rule the planner checks fails the plan, before any CreateVpcEndpoint, with the fix.
func TestAccGatewayLoadBalancerEndpoint_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other := tg.NewNetwork(t)
	own, noAccept := emulator.GatewayLoadBalancerServiceNames(tg.Region)
	acceptOwn, _, _ := emulator.CustomerServiceNames(tg.Region)

	for name, tc := range map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"interfaceServiceGivenHere": { // P1
			config: testAccGWLBConfig("", net.VPCID, acceptOwn, net.SubnetIDs[0], ""),
			want: errorRE("[P1]", "offers Interface endpoints, not Gateway Load Balancer endpoints",
				"Endpoint type (GatewayLoadBalancer) does not match available service types ([Interface]).", "Use vpce_interface_endpoint"),
		},
		"awsServiceGivenHere": { // P1, static
			config: testAccGWLBConfig("", net.VPCID, "s3", net.SubnetIDs[0], ""),
			want:   errorRE("[P1]", "is an AWS service", "Use vpce_gateway_endpoint (free) or vpce_interface_endpoint"),
		},
		"serviceNotFound": { // P1
			config: testAccGWLBConfig("", net.VPCID, "com.amazonaws.vpce."+tg.Region+".vpce-svc-0123456789abcdef0", net.SubnetIDs[0], ""),
			want:   errorRE("[P1]", "does not exist"),
		},
		"gwlbServiceGivenToInterface": { // P1 on the interface resource names this one
			config: testAccInterfaceEndpointConfig(net.VPCID, own, testAccSubnets(net.SubnetIDs[0])),
			want:   errorRE("[P1]", "([GatewayLoadBalancer])", "Use vpce_gateway_load_balancer_endpoint"),
		},
		"gwlbServiceGivenToGateway": { // P1 on the gateway resource names this one
			config: fmt.Sprintf("resource \"vpce_gateway_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = %q\n}\n", net.VPCID, own),
			want:   errorRE("[P1]", "vpce_gateway_load_balancer_endpoint"),
		},
		"zoneNotOffered": { // P2: the no-acceptance service is offered in zones a and b only
			config: testAccGWLBConfig("", net.VPCID, noAccept, net.SubnetIDs[2], ""),
			want: errorRE("[P2]", net.SubnetIDs[2], net.AvailabilityZones[2],
				"does not support the availability zone of the subnet: "+net.SubnetIDs[2]+"."),
		},
		"subnetOfAnotherVPC": { // P10
			config: testAccGWLBConfig("", net.VPCID, own, other.SubnetIDs[0], ""),
			want:   errorRE("[P10]", other.SubnetIDs[0], "belongs to "+other.VPCID),
		},
		"dualstackOnIPv4Service": { // P8
			config: testAccGWLBConfig("", net.VPCID, noAccept, net.SubnetIDs[0], `  ip_address_type = "dualstack"`+"\n"),
			want:   errorRE("Service does not support IPv6 [P8]", "supports only ipv4"),
		},
		"ipv6": { // P8, static
			config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[0], `  ip_address_type = "ipv6"`+"\n"),
			want:   errorRE("[P8]", "cannot be IPv6-only"),
		},
		"subnetIDs": { // P11: exactly one subnet
			config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[0], "  subnet_ids = "+testAccHCLList(net.SubnetIDs[:2])+"\n"),
			want:   errorRE("[P11]", "exactly one subnet", "one vpce_gateway_load_balancer_endpoint per Availability Zone"),
		},
		"securityGroups": { // P11
			config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[0], "  security_group_ids = ["+fmt.Sprintf("%q", net.SecurityGroupID)+"]\n"),
			want:   errorRE("[P11]", "Security group IDs are only supported for Interface type VPC Endpoint"),
		},
		"privateDNS": { // P11
			config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[0], "  private_dns_enabled = true\n"),
			want:   errorRE("[P11]", "Private DNS is only supported for Interface type VPC Endpoint"),
		},
		"policy": { // P11
			config: testAccGWLBConfig("", net.VPCID, own, net.SubnetIDs[0], "  policy = "+fmt.Sprintf("%q", testAccPolicyCompact)+"\n"),
			want:   errorRE("[P11]", "no endpoint policy"),
		},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 0 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

// With plan_time_validation = false the plan passes, and the local EC2 API rejects the endpoint as
// AWS does: a subnet in a zone the service is not offered in.
func TestAccGatewayLoadBalancerEndpoint_planTimeValidationOff(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	_, noAccept := emulator.GatewayLoadBalancerServiceNames(tg.Region)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config:      "provider \"vpce\" {\n  plan_time_validation = false\n}\n" + testAccGWLBConfig("", net.VPCID, noAccept, net.SubnetIDs[2], ""),
			ExpectError: errorRE("creating VPC endpoint", "InvalidParameter", "does not support the availability zone of the subnet: "+net.SubnetIDs[2]),
		}},
	})
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 1 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 1: with plan_time_validation off the plan does not stop it", n)
	}
}

// The vpce_service data source describes a Gateway Load Balancer endpoint service and points to
// this resource.
func TestAccGatewayLoadBalancerEndpoint_serviceDataSource(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	_, noAccept := emulator.GatewayLoadBalancerServiceNames(tg.Region)
	name := "data.vpce_service.inspection"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("data \"vpce_service\" \"inspection\" {\n  service        = %q\n  reachable_from = [\"transit_gateway\"]\n}\n", noAccept),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(name, "service_types.#", "1"),
				resource.TestCheckResourceAttr(name, "service_types.0", "GatewayLoadBalancer"),
				resource.TestCheckResourceAttr(name, "preferred_type", "GatewayLoadBalancer"),
				resource.TestMatchResourceAttr(name, "preferred_type_reason", regexp.MustCompile(`vpce_gateway_load_balancer_endpoint`)),
				resource.TestCheckResourceAttr(name, "acceptance_required", "false"),
				resource.TestCheckResourceAttr(name, "availability_zones.#", "2"),
				resource.TestCheckResourceAttr(name, "gateway_supported", "false"),
				resource.TestCheckResourceAttr(name, "interface_supported", "false"),
			),
		}},
	})
}

// testAccGWLBConfig is a Gateway Load Balancer endpoint, with the provider's default_tags when
// defaultTags is not empty; extra holds more arguments, one per line.
func testAccGWLBConfig(defaultTags, vpcID, service, subnetID, extra string) string {
	provider := ""
	if defaultTags != "" {
		provider = fmt.Sprintf("provider \"vpce\" {\n  default_tags {\n    tags = {\n      %s\n    }\n  }\n}\n", defaultTags)
	}
	return provider + fmt.Sprintf(`
resource "vpce_gateway_load_balancer_endpoint" "test" {
  vpc_id    = %[1]q
  service   = %[2]q
  subnet_id = %[3]q
%[4]s}
`, vpcID, service, subnetID, extra)
}

// testAccCheckGWLBEndpoint checks what AWS says of a Gateway Load Balancer endpoint: its type, its
// one subnet and network interface, and none of the other types' parts.
func testAccCheckGWLBEndpoint(e *ec2types.VpcEndpoint, subnetID string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.VpcEndpointType != ec2types.VpcEndpointTypeGatewayLoadBalancer {
			return fmt.Errorf("endpoint type %s, want GatewayLoadBalancer", e.VpcEndpointType)
		}
		if len(e.SubnetIds) != 1 || e.SubnetIds[0] != subnetID || len(e.NetworkInterfaceIds) != 1 {
			return fmt.Errorf("subnets %v, network interfaces %v: want one, in %s", e.SubnetIds, e.NetworkInterfaceIds, subnetID)
		}
		if len(e.Groups) != 0 || len(e.RouteTableIds) != 0 || aws.ToBool(e.PrivateDnsEnabled) {
			return fmt.Errorf("groups %v, route tables %v, private DNS %v: want none", e.Groups, e.RouteTableIds, aws.ToBool(e.PrivateDnsEnabled))
		}
		return nil
	}
}

// testAccCheckGWLBSameEndpoint checks that the resource still manages the endpoint e (not a
// replacement), and refreshes e.
func testAccCheckGWLBSameEndpoint(tg *acctest.Target, e *ec2types.VpcEndpoint) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := aws.ToString(e.VpcEndpointId)
		if got := s.RootModule().Resources[gwlbResourceName].Primary.ID; got != want {
			return fmt.Errorf("endpoint %s was replaced by %s", want, got)
		}
		got, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, want)
		if err != nil {
			return err
		}
		*e = *got
		return nil
	}
}

// testAccTagOutOfBand sets a tag on the endpoint outside Terraform, as someone in the console would.
func testAccTagOutOfBand(tg *acctest.Target, e *ec2types.VpcEndpoint, key, value string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, err := tg.EC2.CreateTags(context.Background(), &ec2.CreateTagsInput{
			Resources: []string{aws.ToString(e.VpcEndpointId)},
			Tags:      []ec2types.Tag{{Key: aws.String(key), Value: aws.String(value)}},
		})
		return err
	}
}
