package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

func TestAccEndpointDataSource_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	config := testAccGatewayEndpointConfig_routeTables(net.VPCID, "s3", net.RouteTableIDs[0]) + fmt.Sprintf(`
data "vpce_endpoint" "by_id" {
  id = vpce_gateway_endpoint.test.id
}

data "vpce_endpoint" "by_service" {
  vpc_id  = %[1]q
  service = "ssm"
}
`, net.VPCID)
	const byID, bySvc = "data.vpce_endpoint.by_id", "data.vpce_endpoint.by_service"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(byID, "id", gatewayResourceName, "id"),
					resource.TestCheckResourceAttrPair(byID, "arn", gatewayResourceName, "arn"),
					resource.TestCheckResourceAttrPair(byID, "owner_id", gatewayResourceName, "owner_id"),
					resource.TestCheckResourceAttr(byID, "vpc_id", net.VPCID),
					resource.TestCheckResourceAttr(byID, "service_name", "com.amazonaws."+tg.Region+".s3"),
					resource.TestCheckResourceAttr(byID, "vpc_endpoint_type", "Gateway"),
					resource.TestCheckResourceAttr(byID, "state", "available"),
					resource.TestCheckResourceAttr(byID, "route_table_ids.#", "1"),
					resource.TestCheckResourceAttr(byID, "subnet_ids.#", "0"),
					resource.TestCheckResourceAttr(byID, "private_dns_enabled", "false"),
					resource.TestCheckResourceAttrSet(byID, "policy"),
					resource.TestCheckResourceAttr(bySvc, "id", iface),
					resource.TestCheckResourceAttr(bySvc, "vpc_endpoint_type", "Interface"),
					resource.TestCheckResourceAttr(bySvc, "security_group_ids.#", "1"),
					resource.TestCheckResourceAttr(bySvc, "route_table_ids.#", "0"),
					resource.TestMatchResourceAttr(bySvc, "dns_entries.#", regexp.MustCompile(`^\d+$`)),
					resource.TestCheckResourceAttr(bySvc, "tags.%", "0"),
				),
			},
		},
	})
}

func TestAccEndpointDataSource_errors(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)

	for name, tc := range map[string]struct{ config, want string }{
		"several":   {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"ssm\"\n}\n", net.VPCID), `(?s)Several VPC endpoints match.*2 VPC endpoints match.*Narrow the search`},
		"vpcAlone":  {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id = %q\n}\n", net.VPCID), `(?s)Several VPC endpoints match`},
		"none":      {fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"logs\"\n}\n", net.VPCID), `(?s)VPC endpoint not found.*No VPC endpoint in .* matches vpc_id`},
		"noSuchID":  {"data \"vpce_endpoint\" \"test\" {\n  id = \"vpce-0123456789abcdef0\"\n}\n", `(?s)VPC endpoint not found`},
		"neither":   {"data \"vpce_endpoint\" \"test\" {}\n", `(?s)At least one of these attributes must be configured:.*id,filter,service,tags,type,vpc_id`},
		"idAndName": {"data \"vpce_endpoint\" \"test\" {\n  id      = \"vpce-0123456789abcdef0\"\n  service = \"s3\"\n}\n", `(?s)Invalid Attribute Combination`},
		"idAndType": {"data \"vpce_endpoint\" \"test\" {\n  id   = \"vpce-0123456789abcdef0\"\n  type = \"Gateway\"\n}\n", `(?s)Invalid Attribute Combination`},
		"badFilter": {"data \"vpce_endpoint\" \"test\" {\n  filter {\n    name   = \"vpc-endpoint-typo\"\n    values = [\"Gateway\"]\n  }\n}\n", `(?s)Invalid filter name.*The filter block's name\s+"vpc-endpoint-typo"\s+is not a filter of\s+DescribeVpcEndpoints.*vpc-endpoint-type`},
		"tagNoKey":  {"data \"vpce_endpoint\" \"test\" {\n  filter {\n    name   = \"tag:\"\n    values = [\"x\"]\n  }\n}\n", `(?s)Invalid filter name.*has no tag\s+key`},
		"upperName": {"data \"vpce_endpoint\" \"test\" {\n  filter {\n    name   = \"VPC-ID\"\n    values = [\"vpc-1\"]\n  }\n}\n", `(?s)Invalid filter name.*Filter names are\s+lowercase: vpc-id`},
		"noValues":  {"data \"vpce_endpoint\" \"test\" {\n  filter {\n    name   = \"vpc-id\"\n    values = []\n  }\n}\n", `(?s)\.values set must\s+contain at least 1 elements`},
		"badType":   {"data \"vpce_endpoint\" \"test\" {\n  service = \"s3\"\n  type    = \"gateway\"\n}\n", `(?s)type.*value must be one of`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

// TestAccEndpointDataSource_s3Twins: a VPC with an S3 gateway and an S3 interface endpoint has two
// endpoints for s3; type picks each, and without it the lookup names both.
func TestAccEndpointDataSource_s3Twins(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	gateway := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeInterface)
	const gw, ifc = "data.vpce_endpoint.gateway", "data.vpce_endpoint.interface"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "vpce_endpoint" "gateway" {
  vpc_id  = %[1]q
  service = "s3"
  type    = "Gateway"
}

data "vpce_endpoint" "interface" {
  vpc_id  = %[1]q
  service = "s3"
  type    = "Interface"
}
`, net.VPCID),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(gw, "id", gateway),
					resource.TestCheckResourceAttr(gw, "vpc_endpoint_type", "Gateway"),
					resource.TestCheckResourceAttr(gw, "type", "Gateway"),
					resource.TestCheckResourceAttr(ifc, "id", iface),
					resource.TestCheckResourceAttr(ifc, "vpc_endpoint_type", "Interface"),
					resource.TestCheckResourceAttr(ifc, "service_name", "com.amazonaws."+tg.Region+".s3"),
				),
			},
			{
				Config:      fmt.Sprintf("data \"vpce_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"s3\"\n}\n", net.VPCID),
				ExpectError: regexp.MustCompile(`(?s)Several VPC endpoints match.*` + gateway + ` \(Gateway.*` + iface + ` \(Interface`),
			},
		},
	})
}

// TestAccEndpointDataSource_tagsAndFilters: tags and filter blocks narrow the search; tags then shows
// all of the endpoint's tags, the ones searched for included.
func TestAccEndpointDataSource_tagsAndFilters(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	gateway := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeInterface)
	testAccTagEndpoint(t, tg, iface, map[string]string{"team": "data", "env": "dev"})
	testAccTagEndpoint(t, tg, gateway, map[string]string{"team": "net"})
	const byTags, byFilter = "data.vpce_endpoint.by_tags", "data.vpce_endpoint.by_filter"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "vpce_endpoint" "by_tags" {
  vpc_id = %[1]q
  tags = {
    team = "data"
  }
}

data "vpce_endpoint" "by_filter" {
  filter {
    name   = "vpc-id"
    values = [%[1]q]
  }
  filter {
    name   = "tag:team"
    values = ["net", "nobody"]
  }
}
`, net.VPCID),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(byTags, "id", iface),
				resource.TestCheckResourceAttr(byTags, "tags.%", "2"),
				resource.TestCheckResourceAttr(byTags, "tags.env", "dev"),
				resource.TestCheckResourceAttr(byFilter, "id", gateway),
				resource.TestCheckResourceAttr(byFilter, "vpc_id", net.VPCID),
				resource.TestCheckResourceAttr(byFilter, "tags.team", "net"),
			),
		}},
	})
}

// testAccTagEndpoint tags an endpoint through EC2.
func testAccTagEndpoint(t *testing.T, tg *acctest.Target, id string, tags map[string]string) {
	t.Helper()
	var ts []ec2types.Tag
	for k, v := range tags {
		ts = append(ts, ec2types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if _, err := tg.EC2.CreateTags(acctest.Context(t), &ec2.CreateTagsInput{Resources: []string{id}, Tags: ts}); err != nil {
		t.Fatalf("tagging %s: %s", id, err)
	}
}

// TestAccEndpointDataSource_tagsDeferred: tags that are unknown at plan defer the read to the apply,
// which then returns all of the endpoint's tags, not only those searched for, without an
// inconsistent-result error.
func TestAccEndpointDataSource_tagsDeferred(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckGatewayEndpointDestroy(tg),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id  = %[1]q
  service = "s3"
  tags = {
    Name = "s3"
    team = "net"
  }
}

data "vpce_endpoint" "test" {
  vpc_id = %[1]q
  tags = {
    Name = vpce_gateway_endpoint.test.tags_all["Name"]
  }
}
`, net.VPCID),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.vpce_endpoint.test", "id", gatewayResourceName, "id"),
				resource.TestCheckResourceAttr("data.vpce_endpoint.test", "tags.%", "2"),
				resource.TestCheckResourceAttr("data.vpce_endpoint.test", "tags.team", "net"),
			),
		}},
	})
}
