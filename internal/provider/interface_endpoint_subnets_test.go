package provider_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// testAccAddSubnet creates one more subnet in the network's VPC through EC2 (deleted with the VPC's
// other fixtures when the test ends).
func testAccAddSubnet(t *testing.T, tg *acctest.Target, vpcID, zone string, n int) string {
	t.Helper()
	out, err := tg.EC2.CreateSubnet(acctest.Context(t), &ec2.CreateSubnetInput{
		VpcId: aws.String(vpcID), AvailabilityZone: aws.String(zone), CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", 100+n)),
	})
	if err != nil {
		t.Fatalf("creating a subnet in %s: %s", zone, err)
	}
	id := aws.ToString(out.Subnet.SubnetId)
	t.Cleanup(func() {
		_, _ = tg.EC2.DeleteSubnet(acctest.Context(t), &ec2.DeleteSubnetInput{SubnetId: aws.String(id)})
	})
	return id
}

// Candidate subnets in six zones for a service offered in four: the plan picks one per offered zone
// and says which it dropped, the apply places the endpoint there, the next plan is empty and makes no
// DescribeSubnets call, and a new candidate in a zone already served does not move the endpoint.
func TestAccInterfaceEndpoint_candidateSubnets(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t) // us-east-1a, b, c
	zoneOf := map[string]string{}
	for i, id := range net.SubnetIDs {
		zoneOf[id] = net.AvailabilityZones[i]
	}
	six := slices.Clone(net.SubnetIDs)
	for i, zone := range []string{"us-east-1d", "us-east-1e", "us-east-1f"} {
		id := testAccAddSubnet(t, tg, net.VPCID, zone, i)
		zoneOf[id] = zone
		six = append(six, id)
	}
	config := func(candidates []string) string {
		return testAccInterfaceEndpointConfig(net.VPCID, "ecs", // offered in a–d only
			"  candidate_subnet_ids = "+testAccHCLList(candidates)+"\n  private_dns_enabled = false\n")
	}
	w := tg.NewWorkdir(t)
	w.SetConfig(config(six))
	p := w.Plan("")
	if p.Err != nil {
		t.Fatalf("plan: %v", p.Errors())
	}
	var dropped []string
	for id, zone := range zoneOf {
		if zone == "us-east-1e" || zone == "us-east-1f" {
			dropped = append(dropped, id)
		}
	}
	if !acctest.HasDiagnostic(p.Warnings(), "warning", append([]string{"Candidate subnets dropped", "us-east-1e", "us-east-1f"}, dropped...)...) {
		t.Fatalf("no warning naming the dropped candidates %v: %v", dropped, p.Diagnostics)
	}
	if a := w.Apply(""); a.Err != nil {
		t.Fatalf("apply: %v", a.Errors())
	}
	eps := testAccListEndpoints(t, tg, net.VPCID)
	if len(eps) != 1 {
		t.Fatalf("endpoints: %+v", eps)
	}
	got := slices.Clone(eps[0].SubnetIds)
	var zones []string
	for _, id := range got {
		zones = append(zones, zoneOf[id])
	}
	slices.Sort(zones)
	if want := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}; !slices.Equal(zones, want) {
		t.Fatalf("the endpoint's subnets are in %v, want one in each of %v", zones, want)
	}

	before := tg.Calls(t, "DescribeSubnets")
	if p := w.Plan(""); p.Err != nil || p.HasChanges() {
		t.Fatalf("the next plan must be empty: %v %v", p.Errors(), p.Changes)
	}
	if n := tg.Calls(t, "DescribeSubnets") - before; n != 0 {
		t.Errorf("a plan with unchanged candidates made %d DescribeSubnets calls, want 0", n)
	}

	// A second candidate in us-east-1a: the subnet in use there stays.
	extra := testAccAddSubnet(t, tg, net.VPCID, "us-east-1a", 9)
	w.SetConfig(config(append(slices.Clone(six), extra)))
	if a := w.Apply(""); a.Err != nil {
		t.Fatalf("apply with a new candidate: %v", a.Errors())
	}
	after := testAccListEndpoints(t, tg, net.VPCID)[0].SubnetIds
	slices.Sort(after)
	slices.Sort(got)
	if !slices.Equal(after, got) {
		t.Fatalf("a new candidate moved the endpoint: subnets %v, were %v", after, got)
	}
	if p := w.Plan(""); p.Err != nil || p.HasChanges() {
		t.Fatalf("the plan after the new candidate must be empty: %v %v", p.Errors(), p.Changes)
	}

	// subnet_ids and candidate_subnet_ids together stop at validate.
	bad := tg.NewWorkdir(t)
	bad.SetConfig(testAccInterfaceEndpointConfig(net.VPCID, "ecs", testAccSubnets(net.SubnetIDs[0])+
		"  candidate_subnet_ids = "+testAccHCLList(six)+"\n"))
	r := bad.Plan("")
	if r.Err == nil || !acctest.HasDiagnostic(r.Errors(), "error", "candidate_subnet_ids") {
		t.Fatalf("subnet_ids with candidate_subnet_ids: %v", r.Diagnostics)
	}
}

// The private-network module with candidate subnets in six zones: ecs (offered in four) gets one per
// offered zone, ssm (offered in all six) one per zone, and the next plan is empty.
func TestAccModulePrivateNetwork_candidateSubnets(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	six := slices.Clone(net.SubnetIDs)
	for i, zone := range []string{"us-east-1d", "us-east-1e", "us-east-1f"} {
		six = append(six, testAccAddSubnet(t, tg, net.VPCID, zone, i))
	}
	w := tg.NewWorkdir(t)
	copyDir(t, filepath.Join("..", "..", "examples", "modules", "private-network"), filepath.Join(w.Dir, "private-network"))
	w.SetConfig(fmt.Sprintf(`
module "pn" {
  source               = "./private-network"
  vpc_id               = %[1]q
  services             = ["ecs", "ssm"]
  candidate_subnet_ids = %[2]s
  security_group_ids   = [%[3]q]
}
`, net.VPCID, testAccHCLList(six), net.SecurityGroupID))
	if a := w.Apply(""); a.Err != nil {
		t.Fatalf("apply: %v", a.Errors())
	}
	bySubnets := map[string]int{}
	for _, e := range testAccListEndpoints(t, tg, net.VPCID) {
		bySubnets[aws.ToString(e.ServiceName)] = len(e.SubnetIds)
	}
	if got := bySubnets["com.amazonaws."+tg.Region+".ecs"]; got != 4 {
		t.Errorf("ecs has %d subnets, want 4 (one per offered zone)", got)
	}
	if got := bySubnets["com.amazonaws."+tg.Region+".ssm"]; got != 6 {
		t.Errorf("ssm has %d subnets, want 6", got)
	}
	if p := w.Plan(""); p.Err != nil || p.HasChanges() {
		t.Fatalf("the next plan must be empty: %v %v", p.Errors(), p.Changes)
	}
}
