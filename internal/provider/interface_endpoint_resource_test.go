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
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

const interfaceResourceName = "vpce_interface_endpoint.test"

func TestAccInterfaceEndpoint_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	subnets := net.SubnetIDs[:2]

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(subnets...)+testAccGroups(net.SecurityGroupID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("private_dns_enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("private_dns_name"), knownvalue.StringExact("ssm."+tg.Region+".amazonaws.com")),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("ip_address_type"), knownvalue.StringExact("ipv4")),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("dns_options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"dns_record_ip_type":                             knownvalue.StringExact("ipv4"),
							"private_dns_only_for_inbound_resolver_endpoint": knownvalue.Null(),
						})),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("availability_zones"), knownvalue.SetSizeExact(2)),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestMatchResourceAttr(interfaceResourceName, "id", regexp.MustCompile(`^vpce-[0-9a-f]+$`)),
					resource.TestMatchResourceAttr(interfaceResourceName, "arn", regexp.MustCompile(`^arn:aws:ec2:`+tg.Region+`:\d{12}:vpc-endpoint/vpce-[0-9a-f]+$`)),
					resource.TestCheckResourceAttr(interfaceResourceName, "service", "ssm"),
					resource.TestCheckResourceAttr(interfaceResourceName, "service_name", "com.amazonaws."+tg.Region+".ssm"),
					resource.TestCheckNoResourceAttr(interfaceResourceName, "service_region"),
					resource.TestCheckResourceAttr(interfaceResourceName, "vpc_id", net.VPCID),
					resource.TestCheckResourceAttr(interfaceResourceName, "state", "available"),
					resource.TestMatchResourceAttr(interfaceResourceName, "owner_id", regexp.MustCompile(`^\d{12}$`)),
					resource.TestCheckResourceAttr(interfaceResourceName, "requester_managed", "false"),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "true"),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_name", "ssm."+tg.Region+".amazonaws.com"),
					resource.TestCheckResourceAttr(interfaceResourceName, "ip_address_type", "ipv4"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.dns_record_ip_type", "ipv4"),
					resource.TestCheckNoResourceAttr(interfaceResourceName, "dns_options.private_dns_only_for_inbound_resolver_endpoint"),
					resource.TestCheckResourceAttr(interfaceResourceName, "subnet_ids.#", "2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_subnet_ids.#", "2"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_subnet_ids.*", subnets[0]),
					resource.TestCheckResourceAttr(interfaceResourceName, "security_group_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_security_group_ids.*", net.SecurityGroupID),
					resource.TestCheckResourceAttr(interfaceResourceName, "availability_zones.#", "2"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "availability_zones.*", net.AvailabilityZones[0]),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "availability_zones.*", net.AvailabilityZones[1]),
					resource.TestCheckResourceAttr(interfaceResourceName, "network_interface_ids.#", "2"),
					// regional name, one per zone, and the private DNS name
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_entries.#", "4"),
					resource.TestMatchResourceAttr(interfaceResourceName, "dns_entries.0.dns_name", regexp.MustCompile(`^vpce-[0-9a-f]+-[0-9a-z]+\.ssm\.`+tg.Region+`\.vpce\.amazonaws\.com$`)),
					resource.TestMatchResourceAttr(interfaceResourceName, "dns_entries.0.hosted_zone_id", regexp.MustCompile(`^Z[0-9A-Z]+$`)),
					resource.TestCheckTypeSetElemNestedAttrs(interfaceResourceName, "dns_entries.*", map[string]string{"dns_name": "ssm." + tg.Region + ".amazonaws.com"}),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags.%", "0"),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags_all.%", "0"),
					resource.TestCheckNoResourceAttr(interfaceResourceName, "auto_accept"),
					testAccCheckInterfaceENIs(tg, &endpoint, subnets...),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("policy"), knownvalue.StringRegexp(regexp.MustCompile(`"Principal":\s*"\*"`))),
				},
			},
			{ // nothing changed: an empty plan, no "known after apply"
				Config: testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(subnets...)+testAccGroups(net.SecurityGroupID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      interfaceResourceName,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccInterfaceEndpoint_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	config := testAccInterfaceEndpointConfig(net.VPCID, "ssm", testAccSubnets(net.SubnetIDs[0]))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointDisappears(tg, &endpoint),
				),
				ExpectNonEmptyPlan: true,
			},
			{ // the next plan creates it again (the private DNS name held a moment longer is retried)
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionCreate)},
				},
				Check: testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
			},
		},
	})
}

func TestAccInterfaceEndpoint_subnetIDs(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	s0, s1 := net.SubnetIDs[0], net.SubnetIDs[1]
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(s0)),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "network_interface_ids.#", "1"),
					testAccCheckInterfaceENIs(tg, &endpoint, s0),
				),
			},
			{ // add a subnet: updated in place, a network interface follows
				Config: testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(s0, s1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("associated_subnet_ids"), knownvalue.SetSizeExact(2)),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "subnet_ids.#", "2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "network_interface_ids.#", "2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "availability_zones.#", "2"),
					testAccCheckInterfaceENIs(tg, &endpoint, s0, s1),
				),
			},
			{ // remove s0, keep s1
				Config: testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(s1)),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "subnet_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "subnet_ids.*", s1),
					resource.TestCheckResourceAttr(interfaceResourceName, "availability_zones.#", "1"),
					testAccCheckInterfaceENIs(tg, &endpoint, s1),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_securityGroupIDs(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	defaultSG := testAccDefaultSecurityGroup(t, tg, net.VPCID)
	sg2 := testAccCreateSecurityGroup(t, tg, net.VPCID)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{ // unset: AWS attaches the VPC's default group, and the plan says so
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sqs", testAccSubnets(net.SubnetIDs[0])),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("associated_security_group_ids"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(defaultSG)})),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckNoResourceAttr(interfaceResourceName, "security_group_ids.#"),
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_security_group_ids.#", "1"),
					resource.TestCheckTypeSetElemAttr(interfaceResourceName, "associated_security_group_ids.*", defaultSG),
				),
			},
			{ // set: the resource owns the groups
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sqs", testAccSubnets(net.SubnetIDs[0])+testAccGroups(net.SecurityGroupID, sg2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "security_group_ids.#", "2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "associated_security_group_ids.#", "2"),
					testAccCheckEndpointGroups(&endpoint, net.SecurityGroupID, sg2),
				),
			},
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sqs", testAccSubnets(net.SubnetIDs[0])+testAccGroups(sg2)),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "security_group_ids.#", "1"),
					testAccCheckEndpointGroups(&endpoint, sg2),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_privateDNS(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	config := func(enabled bool) string {
		return testAccInterfaceEndpointConfig(net.VPCID, "kms", testAccSubnets(net.SubnetIDs[0])+fmt.Sprintf("  private_dns_enabled = %t\n", enabled))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config(false),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "false"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_entries.#", "2"),
				),
			},
			{ // on in place
				Config: config(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "true"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_entries.#", "3"),
					testAccCheckEndpointPrivateDNS(&endpoint, true),
				),
			},
			{ // off in place
				Config: config(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "false"),
					testAccCheckEndpointPrivateDNS(&endpoint, false),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_dnsOptions(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	subnets := testAccSubnets(net.SubnetIDs[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sns", subnets),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(interfaceResourceName, "ip_address_type", "ipv4"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.dns_record_ip_type", "ipv4"),
				),
			},
			{ // dualstack: the record type follows when unset
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sns", subnets+"  ip_address_type = \"dualstack\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("dns_options").AtMapKey("dns_record_ip_type"), knownvalue.StringExact("dualstack")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "ip_address_type", "dualstack"),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.dns_record_ip_type", "dualstack"),
				),
			},
			{ // an explicit record type
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sns", subnets+"  ip_address_type = \"dualstack\"\n  dns_options = {\n    dns_record_ip_type = \"ipv4\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "dns_options.dns_record_ip_type", "ipv4"),
					func(*terraform.State) error {
						if got := endpoint.DnsOptions.DnsRecordIpType; got != ec2types.DnsRecordIpTypeIpv4 {
							return fmt.Errorf("DnsRecordIpType = %s, want ipv4", got)
						}
						return nil
					},
				),
			},
			{ // removing the options keeps what the endpoint has: no diff
				Config: testAccInterfaceEndpointConfig(net.VPCID, "sns", subnets+"  ip_address_type = \"dualstack\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccInterfaceEndpoint_policy(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	policyConfig := func(policy string) string {
		return testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0])+"  private_dns_enabled = false\n  policy = <<-EOT\n"+policy+"\nEOT\n")
	}
	noPolicy := testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0])+"  private_dns_enabled = false\n")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: policyConfig(testAccPolicyCompact),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccPolicyCompact),
				),
			},
			{
				Config: policyConfig(testAccPolicyReformatted),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: policyConfig(testAccPolicyChanged),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccPolicyChanged),
				),
			},
			{ // removing the policy resets the endpoint to full access
				Config: noPolicy,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("policy"), knownvalue.StringRegexp(regexp.MustCompile(`"Action":"\*"`))),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					testAccCheckEndpointPolicy(&endpoint, testAccFullAccessPolicy),
				),
			},
			{
				Config: noPolicy,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccInterfaceEndpoint_tags(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	var endpoint ec2types.VpcEndpoint
	config := func(tags string) string {
		return `
provider "vpce" {
  default_tags {
    tags = {
      team = "net"
    }
  }
}
` + testAccInterfaceEndpointConfig(net.VPCID, "sts", "  tags = {\n    "+tags+"\n  }\n")
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config(`Name = "one"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags.%", "1"),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags_all.%", "2"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "one", "team": "net"}),
				),
			},
			{
				Config: config("Name = \"two\"\n    team = \"app\""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags.%", "2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags_all.team", "app"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"Name": "two", "team": "app"}),
				),
			},
			{
				Config: config(""),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "tags.%", "0"),
					testAccCheckEndpointTags(&endpoint, map[string]string{"team": "net"}),
				),
			},
		},
	})
}

func TestAccInterfaceEndpoint_import(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ctx := acctest.Context(t)

	// A gateway endpoint made outside Terraform cannot be imported as an interface endpoint.
	out, err := tg.EC2.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId:           aws.String(net.VPCID),
		ServiceName:     aws.String("com.amazonaws." + tg.Region + ".dynamodb"),
		VpcEndpointType: ec2types.VpcEndpointTypeGateway,
	})
	if err != nil {
		t.Fatalf("creating a gateway endpoint: %s", err)
	}
	gatewayID := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteVpcEndpoints(context.Background(), &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{gatewayID}})
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, "com.amazonaws."+tg.Region+".ecr.api",
					testAccSubnets(net.SubnetIDs...)+testAccGroups(net.SecurityGroupID)+
						"  private_dns_enabled = false\n  ip_address_type = \"dualstack\"\n  policy = "+fmt.Sprintf("%q", testAccPolicyCompact)+"\n  tags = {\n    Name = \"imported\"\n  }\n"),
			},
			{
				ResourceName:      interfaceResourceName,
				ImportState:       true,
				ImportStateVerify: true,
				// Import cannot know how the configuration spelt the service: it reads the short name.
				ImportStateVerifyIgnore: []string{"service"},
			},
			{
				ResourceName:  interfaceResourceName,
				ImportState:   true,
				ImportStateId: gatewayID,
				ExpectError:   regexp.MustCompile(`(?s)not an Interface endpoint.*vpce_gateway_endpoint`),
			},
			{
				ResourceName:  interfaceResourceName,
				ImportState:   true,
				ImportStateId: "subnet-0123",
				ExpectError:   regexp.MustCompile(`Expected a VPC endpoint ID`),
			},
		},
	})
}

func TestAccInterfaceEndpoint_acceptance(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	own, other, _ := emulator.CustomerServiceNames(tg.Region)
	var endpoint ec2types.VpcEndpoint

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{ // another account's service: accepting is not ours to do, caught at plan
				Config:      testAccInterfaceEndpointConfig(net.VPCID, other, testAccSubnets(net.SubnetIDs[0])+"  auto_accept = true\n"),
				ExpectError: regexp.MustCompile(`(?s)Cannot accept a connection to another account's service.*auto_accept = false`),
			},
			{ // our own service: accepted, available
				Config: testAccInterfaceEndpointConfig(net.VPCID, own, testAccSubnets(net.SubnetIDs[0])+"  auto_accept = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(interfaceResourceName, tfjsonpath.New("private_dns_enabled"), knownvalue.Bool(false)),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "state", "available"),
					resource.TestCheckResourceAttr(interfaceResourceName, "service", own),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_name", ""),
				),
			},
			{ // another account's service without auto_accept: waits for its owner, and says so
				Config: testAccInterfaceEndpointConfig(net.VPCID, other, testAccSubnets(net.SubnetIDs[0])),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &endpoint),
					resource.TestCheckResourceAttr(interfaceResourceName, "state", "pendingAcceptance"),
				),
			},
			{
				Config: testAccInterfaceEndpointConfig(net.VPCID, other, testAccSubnets(net.SubnetIDs[0])),
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

func TestAccInterfaceEndpoint_replacePrivateDNS(t *testing.T) {
	t.Parallel()
	// The private DNS name stays reserved for a while after its endpoint is deleted.
	tg := acctest.NewWithOptions(t, emulator.Options{DNSReservationWindow: 15 * time.Second})
	net := tg.NewNetwork(t)
	var first, second, third ec2types.VpcEndpoint
	named := func(name string) string {
		return strings.Replace(testAccInterfaceEndpointConfig(net.VPCID, "secretsmanager", testAccSubnets(net.SubnetIDs[0])),
			`"vpce_interface_endpoint" "test"`, fmt.Sprintf("%q %q", "vpce_interface_endpoint", name), 1)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: named("test"),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &first),
					resource.TestCheckResourceAttr(interfaceResourceName, "private_dns_enabled", "true"),
				),
			},
			{ // -replace: destroyed first, then created while the old name is still reserved
				Config: named("test"),
				Taint:  []string{interfaceResourceName},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, interfaceResourceName, &second),
					testAccCheckEndpointReplaced(&first, &second),
					testAccCheckEndpointPrivateDNS(&second, true),
				),
			},
			{ // renamed without a moved block: the new one is created while the old one is deleted
				Config: named("renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(interfaceResourceName, plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction("vpce_interface_endpoint.renamed", plancheck.ResourceActionCreate),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckGatewayEndpointExists(tg, "vpce_interface_endpoint.renamed", &third),
					testAccCheckEndpointReplaced(&second, &third),
					testAccCheckEndpointPrivateDNS(&third, true),
				),
			},
		},
	})
	// Each create after the first met the reserved name at least once and retried.
	if n := tg.Calls(t, "CreateVpcEndpoint"); n < 5 {
		t.Errorf("CreateVpcEndpoint calls = %d, want at least 5 (3 endpoints, retries while the name was reserved)", n)
	}
}

// testAccInterfaceEndpointConfig is an interface endpoint with extra attribute lines.
func testAccInterfaceEndpointConfig(vpcID, service, extra string) string {
	return fmt.Sprintf(`
resource "vpce_interface_endpoint" "test" {
  vpc_id  = %[1]q
  service = %[2]q
%[3]s}
`, vpcID, service, extra)
}

func testAccSubnets(ids ...string) string {
	return "  subnet_ids = " + testAccHCLList(ids) + "\n"
}

func testAccGroups(ids ...string) string {
	return "  security_group_ids = " + testAccHCLList(ids) + "\n"
}

func testAccHCLList(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	slices.Sort(quoted)
	return "[" + strings.Join(quoted, ", ") + "]"
}

// testAccCheckInterfaceENIs checks that the endpoint has one network interface in each subnet, as
// DescribeNetworkInterfaces reports them.
func testAccCheckInterfaceENIs(tg *acctest.Target, e *ec2types.VpcEndpoint, subnets ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if len(e.NetworkInterfaceIds) == 0 {
			if len(subnets) == 0 {
				return nil
			}
			return fmt.Errorf("endpoint %s has no network interfaces, want %d", aws.ToString(e.VpcEndpointId), len(subnets))
		}
		enis, err := awsclient.FindNetworkInterfaces(context.Background(), tg.EC2, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: e.NetworkInterfaceIds})
		if err != nil {
			return err
		}
		var got []string
		for _, n := range enis {
			got = append(got, aws.ToString(n.SubnetId))
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(subnets))
		if !slices.Equal(got, want) {
			return fmt.Errorf("network interfaces of %s are in subnets %v, want %v", aws.ToString(e.VpcEndpointId), got, want)
		}
		return nil
	}
}

func testAccCheckEndpointGroups(e *ec2types.VpcEndpoint, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, g := range e.Groups {
			got = append(got, aws.ToString(g.GroupId))
		}
		slices.Sort(got)
		if w := slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
			return fmt.Errorf("endpoint security groups = %v, want %v", got, w)
		}
		return nil
	}
}

func testAccCheckEndpointPrivateDNS(e *ec2types.VpcEndpoint, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := aws.ToBool(e.PrivateDnsEnabled); got != want {
			return fmt.Errorf("endpoint %s private DNS = %t, want %t", aws.ToString(e.VpcEndpointId), got, want)
		}
		return nil
	}
}

func testAccCheckEndpointReplaced(before, after *ec2types.VpcEndpoint) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if aws.ToString(before.VpcEndpointId) == aws.ToString(after.VpcEndpointId) {
			return fmt.Errorf("endpoint %s was not replaced", aws.ToString(before.VpcEndpointId))
		}
		return nil
	}
}

func testAccDefaultSecurityGroup(t *testing.T, tg *acctest.Target, vpcID string) string {
	t.Helper()
	out, err := tg.EC2.DescribeSecurityGroups(acctest.Context(t), &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("group-name"), Values: []string{"default"}},
	}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("finding the default security group of %s: %v (%d found)", vpcID, err, len(out.SecurityGroups))
	}
	return aws.ToString(out.SecurityGroups[0].GroupId)
}

// testAccCreateSecurityGroup creates a security group in the VPC, deleted when the test ends.
func testAccCreateSecurityGroup(t *testing.T, tg *acctest.Target, vpcID string) string {
	t.Helper()
	name := acctest.RandomName("tf-acc-sg")
	out, err := tg.EC2.CreateSecurityGroup(acctest.Context(t), &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(name), Description: aws.String(name), VpcId: aws.String(vpcID),
	})
	if err != nil {
		t.Fatalf("creating a security group: %s", err)
	}
	id := aws.ToString(out.GroupId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSecurityGroup(context.Background(), &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
	})
	return id
}

// testAccCreateSubnet creates a subnet in the VPC and zone, deleted when the test ends.
func testAccCreateSubnet(t *testing.T, tg *acctest.Target, vpcID, cidr, zone string) string {
	t.Helper()
	out, err := tg.EC2.CreateSubnet(acctest.Context(t), &ec2.CreateSubnetInput{
		VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zone),
	})
	if err != nil {
		t.Fatalf("creating a subnet in %s: %s", zone, err)
	}
	id := aws.ToString(out.Subnet.SubnetId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSubnet(context.Background(), &ec2.DeleteSubnetInput{SubnetId: aws.String(id)})
	})
	return id
}

func TestAccInterfaceEndpoint_serviceRegion(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	config := testAccInterfaceEndpointConfig(net.VPCID, "s3", testAccSubnets(net.SubnetIDs[0])+"  service_region = \"us-west-2\"\n  private_dns_enabled = false\n")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(interfaceResourceName, "service_name", "com.amazonaws.us-west-2.s3"),
					resource.TestCheckResourceAttr(interfaceResourceName, "service_region", "us-west-2"),
					resource.TestCheckResourceAttr(interfaceResourceName, "state", "available"),
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Destroying an interface endpoint waits until its network interfaces are released, so the subnet
// can be deleted right after (as Terraform does when the subnet is destroyed in the same apply):
// no DependencyViolation.
func TestAccInterfaceEndpoint_subnetDeletableAfterDestroy(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	subnet := testAccCreateSubnet(t, tg, net.VPCID, "10.0.20.0/24", net.AvailabilityZones[0])
	config := testAccInterfaceEndpointConfig(net.VPCID, "logs", testAccSubnets(subnet))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(
			testAccCheckGatewayEndpointDestroy(tg),
			func(*terraform.State) error {
				// Immediately after the destroy: the endpoint's ENIs are gone, so the subnet goes.
				_, err := tg.EC2.DeleteSubnet(context.Background(), &ec2.DeleteSubnetInput{SubnetId: aws.String(subnet)})
				if err != nil {
					return fmt.Errorf("deleting subnet %s right after the endpoint's destroy: %w", subnet, err)
				}
				return nil
			},
		),
		Steps: []resource.TestStep{{
			Config: config,
			Check:  resource.TestCheckResourceAttr(interfaceResourceName, "network_interface_ids.#", "1"),
		}},
	})
}
