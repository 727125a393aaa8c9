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
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

const subnetAssociationName = "vpce_subnet_association.test"

func TestAccSubnetAssociation_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ep := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	config := testAccSubnetAssociationConfig(ep, net.SubnetIDs[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(subnetAssociationName, "vpc_endpoint_id", ep),
					resource.TestCheckResourceAttr(subnetAssociationName, "subnet_id", net.SubnetIDs[0]),
					resource.TestCheckNoResourceAttr(subnetAssociationName, "id"),
					testAccCheckEndpointMembers(tg, ep, func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds }, 1),
					testAccCheckEndpointMembers(tg, ep, func(e *ec2types.VpcEndpoint) []string { return e.NetworkInterfaceIds }, 1),
				),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			testAccAssociationImportStep(subnetAssociationName, "subnet_id"),
			{
				ResourceName:  subnetAssociationName,
				ImportState:   true,
				ImportStateId: ep + ":" + net.SubnetIDs[0],
				ExpectError:   regexp.MustCompile(`(?s)Expected <vpc-endpoint-id>/<subnet-id>, such as\s+vpce-0123456789abcdef0/subnet-0123456789abcdef0`),
			},
		},
	})
}

// _disappears and drift: the subnet is removed from the endpoint out of band; the next plan
// associates it again.
func TestAccSubnetAssociation_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ep := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	sn := net.SubnetIDs[1]
	config := testAccSubnetAssociationConfig(ep, sn)
	e := ec2types.VpcEndpoint{VpcEndpointId: aws.String(ep)}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{
				Config:             config,
				Check:              testAccModifyEndpoint(tg, &e, func(in *ec2.ModifyVpcEndpointInput) { in.RemoveSubnetIds = []string{sn} }),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(subnetAssociationName, plancheck.ResourceActionCreate),
				}},
				Check: testAccCheckEndpointMembers(tg, ep, func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds }, 1),
			},
		},
	})
}

// Plan-time failures: each is caught before any ModifyVpcEndpoint call.
func TestAccSubnetAssociation_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	ctx := acctest.Context(t)
	net := tg.NewNetwork(t)
	other, err := seed.Demo(ctx, tg.EC2, acctest.RandomName("tf-acc-other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = seed.Destroy(context.Background(), tg.EC2, other) })
	// ecs is not offered in us-east-1e.
	out, err := tg.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(net.VPCID),
		CidrBlock: aws.String("10.0.50.0/24"), AvailabilityZone: aws.String(tg.Region + "e")})
	if err != nil {
		t.Fatal(err)
	}
	zoneE := aws.ToString(out.Subnet.SubnetId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSubnet(context.Background(), &ec2.DeleteSubnetInput{SubnetId: aws.String(zoneE)})
	})
	out, err = tg.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(net.VPCID),
		CidrBlock: aws.String("10.0.51.0/24"), AvailabilityZone: aws.String(net.AvailabilityZones[0])})
	if err != nil {
		t.Fatal(err)
	}
	sameZone := aws.ToString(out.Subnet.SubnetId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSubnet(context.Background(), &ec2.DeleteSubnetInput{SubnetId: aws.String(sameZone)})
	})

	ecs := testAccCreateEndpoint(t, tg, net.VPCID, "ecs", ec2types.VpcEndpointTypeInterface)
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	if _, err := tg.EC2.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ecs), AddSubnetIds: net.SubnetIDs[:1]}); err != nil {
		t.Fatal(err)
	}
	before := tg.Calls(t, "ModifyVpcEndpoint")

	for name, tc := range map[string]struct {
		endpoint, subnet, want string
	}{
		"unsupportedZone":      {ecs, zoneE, `(?s)Subnet in unsupported Availability Zone \[P2\].*` + regexp.QuoteMeta(zoneE) + `.*us-east-1e`},
		"zoneAlreadyUsed":      {ecs, sameZone, `(?s)Availability Zone already used by the endpoint \[P2\].*` + regexp.QuoteMeta(net.SubnetIDs[0])},
		"subnetOfAnotherVPC":   {ecs, other.SubnetIDs[1], `(?s)Subnet in another VPC \[P10\].*` + regexp.QuoteMeta(other.VPCID)},
		"gatewayEndpoint":      {gw, net.SubnetIDs[1], `(?s)Association of the wrong endpoint type \[P11\].*Gateway.*Subnet\s+IDs\s+are\s+only\s+supported\s+for\s+Interface`},
		"subnetDoesNotExist":   {ecs, "subnet-0123456789abcdef0", `(?s)Subnet not found \[P10\]`},
		"endpointDoesNotExist": {"vpce-0123456789abcdef0", net.SubnetIDs[1], `(?s)VPC endpoint not found`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      testAccSubnetAssociationConfig(tc.endpoint, tc.subnet),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 0 {
		t.Errorf("ModifyVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

func testAccSubnetAssociationConfig(endpointID, subnetID string) string {
	return fmt.Sprintf(`
resource "vpce_subnet_association" "test" {
  vpc_endpoint_id = %[1]q
  subnet_id       = %[2]q
}
`, endpointID, subnetID)
}
