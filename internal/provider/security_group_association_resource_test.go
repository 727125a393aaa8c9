package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

const securityGroupAssociationName = "vpce_security_group_association.test"

func TestAccSecurityGroupAssociation_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ep := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	def := testAccAssocDefaultGroup(t, tg, net.VPCID)
	config := testAccSecurityGroupAssociationConfig(ep, net.SecurityGroupID, "")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{ // the default group stays alongside
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(securityGroupAssociationName, "vpc_endpoint_id", ep),
					resource.TestCheckResourceAttr(securityGroupAssociationName, "security_group_id", net.SecurityGroupID),
					resource.TestCheckResourceAttr(securityGroupAssociationName, "replace_default_security_group", "false"),
					resource.TestCheckNoResourceAttr(securityGroupAssociationName, "id"),
					testAccCheckAssocEndpointGroups(tg, ep, def, net.SecurityGroupID),
				),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			testAccAssociationImportStep(securityGroupAssociationName, "security_group_id"),
			{
				ResourceName:  securityGroupAssociationName,
				ImportState:   true,
				ImportStateId: "sg-0123/" + ep,
				ExpectError:   regexp.MustCompile(`(?s)Expected <vpc-endpoint-id>/<security-group-id>, such as\s+vpce-0123456789abcdef0/sg-0123456789abcdef0`),
			},
		},
	})
}

// replace_default_security_group swaps the default group out in one modify; deleting the last
// association puts it back.
func TestAccSecurityGroupAssociation_replaceDefault(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ep := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	def := testAccAssocDefaultGroup(t, tg, net.VPCID)
	before := tg.Calls(t, "ModifyVpcEndpoint")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: testAccSecurityGroupAssociationConfig(ep, net.SecurityGroupID, "replace_default_security_group = true"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(securityGroupAssociationName, "replace_default_security_group", "true"),
					testAccCheckAssocEndpointGroups(tg, ep, net.SecurityGroupID),
					func(*terraform.State) error {
						if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 1 {
							return fmt.Errorf("ModifyVpcEndpoint calls = %d, want 1 (add and remove in one call)", n)
						}
						return nil
					},
				),
			},
			{ // removing the only group's association restores the default
				Config: "# nothing\n",
				Check:  testAccCheckAssocEndpointGroups(tg, ep, def),
			},
		},
	})
}

func TestAccSecurityGroupAssociation_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	ep := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	config := testAccSecurityGroupAssociationConfig(ep, net.SecurityGroupID, "")
	e := ec2types.VpcEndpoint{VpcEndpointId: aws.String(ep)}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: tg.ProviderFactories(),
		CheckDestroy:             testAccCheckAssociationsDestroy(tg),
		Steps: []resource.TestStep{
			{ // removed out of band
				Config:             config,
				Check:              testAccModifyEndpoint(tg, &e, func(in *ec2.ModifyVpcEndpointInput) { in.RemoveSecurityGroupIds = []string{net.SecurityGroupID} }),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(securityGroupAssociationName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccSecurityGroupAssociation_planTimeFailures(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	other, err := seed.Demo(acctest.Context(t), tg.EC2, acctest.RandomName("tf-acc-other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = seed.Destroy(context.Background(), tg.EC2, other) })
	iface := testAccCreateEndpoint(t, tg, net.VPCID, "ssm", ec2types.VpcEndpointTypeInterface)
	gw := testAccCreateEndpoint(t, tg, net.VPCID, "s3", ec2types.VpcEndpointTypeGateway)
	before := tg.Calls(t, "ModifyVpcEndpoint")

	for name, tc := range map[string]struct {
		endpoint, group, want string
	}{
		"groupOfAnotherVPC": {iface, other.SecurityGroupID, `(?s)Security group in another VPC \[P10\].*` + regexp.QuoteMeta(other.VPCID)},
		"gatewayEndpoint":   {gw, net.SecurityGroupID, `(?s)Association of the wrong endpoint type \[P11\].*Security\s+group\s+IDs\s+are\s+only\s+supported\s+for\s+Interface`},
		"groupDoesNotExist": {iface, "sg-0123456789abcdef0", `(?s)Security group not found \[P10\]`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: tg.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      testAccSecurityGroupAssociationConfig(tc.endpoint, tc.group, ""),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := tg.Calls(t, "ModifyVpcEndpoint") - before; n != 0 {
		t.Errorf("ModifyVpcEndpoint calls = %d, want 0: every failure must be caught at plan", n)
	}
}

func testAccAssocDefaultGroup(t *testing.T, tg *acctest.Target, vpcID string) string {
	t.Helper()
	out, err := tg.EC2.DescribeSecurityGroups(acctest.Context(t), &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("group-name"), Values: []string{"default"}},
	}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("finding the default security group of %s: %v", vpcID, err)
	}
	return aws.ToString(out.SecurityGroups[0].GroupId)
}

// testAccCheckAssocEndpointGroups checks the endpoint's security groups, in any order.
func testAccCheckAssocEndpointGroups(tg *acctest.Target, id string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		e, err := awsclient.FindVPCEndpointByID(context.Background(), tg.EC2, id)
		if err != nil {
			return err
		}
		var got []string
		for _, g := range e.Groups {
			got = append(got, aws.ToString(g.GroupId))
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			return fmt.Errorf("%s security groups = %v, want %v", id, got, w)
		}
		return nil
	}
}

func testAccSecurityGroupAssociationConfig(endpointID, groupID, extra string) string {
	return fmt.Sprintf(`
resource "vpce_security_group_association" "test" {
  vpc_endpoint_id   = %[1]q
  security_group_id = %[2]q
  %[3]s
}
`, endpointID, groupID, extra)
}
