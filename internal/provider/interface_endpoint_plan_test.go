package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

// Drift: each out-of-band change is reported by the next plan and repaired by the next apply.

func TestAccInterfaceEndpoint_driftSubnetRemoved(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	s0, s1 := net.SubnetIDs[0], net.SubnetIDs[1]
	var endpoint ec2types.VpcEndpoint
	config := testAccInterfaceEndpointConfig(net.VPCID, "monitoring", testAccSubnets(s0, s1))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.RemoveSubnetIds = []string{s1} }),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_subnet_ids.#", "2"),
					testAccCheckInterfaceENIs(tg, &endpoint, s0, s1),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_driftSecurityGroupSwapped(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	sg2 := testAccCreateSecurityGroup(t, tg, net.VPCID)
	var endpoint ec2types.VpcEndpoint
	config := testAccInterfaceEndpointConfig(net.VPCID, "monitoring", testAccSubnets(net.SubnetIDs[0])+testAccGroups(net.SecurityGroupID))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) {
						in.AddSecurityGroupIds, in.RemoveSecurityGroupIds = []string{sg2}, []string{net.SecurityGroupID}
					}),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointGroups(&endpoint, net.SecurityGroupID),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_driftPrivateDNSOff(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	// private_dns_enabled unset: the service's default (true) is planned, so drift shows.
	config := testAccInterfaceEndpointConfig(net.VPCID, "ecr.dkr", testAccSubnets(net.SubnetIDs[0]))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointPrivateDNS(&endpoint, true),
					testAccModifyEndpoint(tg, &endpoint, func(in *ec2.ModifyVpcEndpointInput) { in.PrivateDnsEnabled = aws.Bool(false) }),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("private_dns_enabled"), knownvalue.Bool(true)),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointPrivateDNS(&endpoint, true),
				),
			},
		},
	})
}

// Plan-time failures: each is caught before any CreateVpcEndpoint call.

func TestAccInterfaceEndpoint_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other, err := seed.Demo(acctest.Context(t), tg.EC2, acctest.RandomName("tf-acc-other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = seed.Destroy(context.Background(), tg.EC2, other) })
	subnetE := testAccCreateSubnet(t, tg, net.VPCID, "10.0.10.0/24", tg.Region+"e")
	subnetA2 := testAccCreateSubnet(t, tg, net.VPCID, "10.0.11.0/24", net.AvailabilityZones[0])

	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"subnetInUnsupportedZone": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ecs", testAccSubnets(net.SubnetIDs[0], subnetE)),
			want:   `(?s)Subnet in unsupported Availability Zone \[P2\].*` + regexp.QuoteMeta(subnetE),
		},
		"twoSubnetsInOneZone": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0], subnetA2)),
			want:   `(?s)Several subnets in one Availability Zone \[P2\]`,
		},
		"subnetOfAnotherVPC": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(other.SubnetIDs[0])),
			want:   `(?s)Subnet in another VPC \[P10\].*` + regexp.QuoteMeta(other.VPCID),
		},
		"securityGroupOfAnotherVPC": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])+testAccGroups(other.SecurityGroupID)),
			want:   `(?s)Security group in another VPC \[P10\].*` + regexp.QuoteMeta(other.VPCID),
		},
		"unknownService": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "nosuchservice", testAccSubnets(net.SubnetIDs[0])),
			want:   `(?s)\[P1\].*nosuchservice`,
		},
		"ipv6ForIPv4OnlyService": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ecs", testAccSubnets(net.SubnetIDs[0])+"  ip_address_type = \"ipv6\"\n"),
			want:   `(?s)Service does not support IPv6 \[P8\]`,
		},
		"policyNotSupported": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ec2messages", testAccSubnets(net.SubnetIDs[0])+fmt.Sprintf("  policy = %q\n", testAccPolicyCompact)),
			want:   `(?s)\[P6\]`,
		},
		"inboundResolverOnNonS3": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])+"  dns_options = {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n"),
			want:   `(?s)DNS option applies only to S3 with private DNS \[P5\]`,
		},
		"serviceRegionNotOffered": {
			config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])+"  service_region = \"us-west-2\"\n"),
			want:   `(?s)\[P(1|9)\]`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "CreateVpcEndpoint"); n != 0 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

// Plan-time warnings do not block the plan (another resource may fix the fact in the same apply);
// when the fact still holds at apply, AWS's error is translated to the rule.

func TestAccInterfaceEndpoint_warningVPCDNSHostnames(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	if _, err := tg.EC2.ModifyVpcAttribute(acctest.Context(t), &ec2.ModifyVpcAttributeInput{
		VpcId: aws.String(net.VPCID), EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(false)},
	}); err != nil {
		t.Fatal(err)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config:      testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])),
			ExpectError: regexp.MustCompile(`(?s)creating VPC endpoint: Private DNS needs VPC DNS support and hostnames \[P3\].*enableDnsHostnames`),
		}},
	})
	if tg.Emulator != nil && tg.Calls(t, "CreateVpcEndpoint") != 1 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 1: a warning must not block the plan", tg.Calls(t, "CreateVpcEndpoint"))
	}
}

func TestAccInterfaceEndpoint_warningConflictingPrivateDNS(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	out, err := tg.EC2.CreateVpcEndpoint(acctest.Context(t), &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(net.VPCID), ServiceName: aws.String("com.amazonaws." + tg.Region + ".ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: net.SubnetIDs[1:2], PrivateDnsEnabled: aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	otherID := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteVpcEndpoints(context.Background(), &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{otherID}})
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config:      testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0])),
			ExpectError: regexp.MustCompile(`(?s)creating VPC endpoint: Private DNS name already used in the VPC \[P4\].*conflicting DNS domain`),
		}},
	})
}

func TestAccInterfaceEndpoint_warningInboundResolverWithoutGateway(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0])+
				"  dns_options = {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n"),
			ExpectError: regexp.MustCompile(`(?s)creating VPC endpoint: Inbound-resolver-only private DNS needs a gateway endpoint \[P5\]`),
		}},
	})
}

// The S3 gateway twin: the inbound-resolver option is decided when the endpoint is created (the plan
// shows it as known after apply: a gateway may be created or destroyed in the same apply); with the
// gateway in the VPC it becomes true.
func TestAccInterfaceEndpoint_s3WithGateway(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	gateway := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0])
	both := gateway + `
resource "vpce_interface_endpoint" "test" {
  vpc_id     = vpce_gateway_endpoint.test.vpc_id
  service    = "s3"
  subnet_ids = [` + fmt.Sprintf("%q", net.SubnetIDs[0]) + `]
}
`

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{Config: gateway},
			{
				Config: both,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("private_dns_enabled"), knownvalue.Bool(true)),
						plancheck.ExpectUnknownValue(interfaceResourceName, tfjsonpath.New("dns_options").AtMapKey("private_dns_only_for_inbound_resolver_endpoint")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "true"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "true"),
				),
			},
			{ // the choice is kept: no diff
				Config: both,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Without the gateway, the option is decided false at create; a gateway that appears later causes no
// diff.
func TestAccInterfaceEndpoint_s3GatewayLater(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	iface := testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0]))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: iface,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(interfaceResourceName, tfjsonpath.New("dns_options").AtMapKey("private_dns_only_for_inbound_resolver_endpoint")),
					},
				},
				Check: resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "false"),
			},
			{
				Config: iface + testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionNoop)},
				},
				Check: resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.private_dns_only_for_inbound_resolver_endpoint", "false"),
			},
		},
	})
}
