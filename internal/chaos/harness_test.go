package chaos_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/chaos"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func endpoint(id, vpc, service string, typ ec2types.VpcEndpointType, state string) ec2types.VpcEndpoint {
	return ec2types.VpcEndpoint{VpcEndpointId: aws.String(id), VpcId: aws.String(vpc), ServiceName: aws.String("com.amazonaws.us-east-1." + service),
		VpcEndpointType: typ, State: ec2types.State(state)}
}

// The audit finds each kind of loss: an endpoint no state knows, two endpoints of one VPC, type and
// service, a state instance without its endpoint, tainted and deposed objects. Deleted endpoints
// are not live.
func TestAuditEndpoints(t *testing.T) {
	t.Parallel()
	gw, ifc := ec2types.VpcEndpointTypeGateway, ec2types.VpcEndpointTypeInterface
	listed := []ec2types.VpcEndpoint{
		endpoint("vpce-1", "vpc-a", "s3", gw, "available"),
		endpoint("vpce-2", "vpc-a", "ssm", ifc, "available"),
		endpoint("vpce-3", "vpc-a", "ssm", ifc, "pending"),   // a second ssm interface in vpc-a, in no state
		endpoint("vpce-4", "vpc-b", "ssm", ifc, "available"), // another VPC: not a duplicate
		endpoint("vpce-5", "vpc-a", "s3", gw, "deleted"),     // gone
		endpoint("vpce-6", "vpc-b", "s3", gw, "available"),   // deposed in state
	}
	state := []acctest.StateInstance{
		{Address: `vpce_gateway_endpoint.gw["a-s3"]`, ID: "vpce-1"},
		{Address: `vpce_interface_endpoint.if["a-ssm"]`, ID: "vpce-2", Tainted: true},
		{Address: `vpce_interface_endpoint.if["b-ssm"]`, ID: "vpce-4"},
		{Address: `vpce_gateway_endpoint.gw["b-s3"]`, ID: "vpce-6", Deposed: "00000001"},
		{Address: `vpce_gateway_endpoint.gw["c-s3"]`, ID: "vpce-5"}, // its endpoint was deleted
	}
	a := chaos.AuditEndpoints(listed, state)
	if a.Live != 5 || strings.Join(a.Orphans, ",") != "vpce-3" || len(a.Duplicates) != 1 ||
		!strings.Contains(a.Duplicates[0], "vpc-a Interface com.amazonaws.us-east-1.ssm ×2") ||
		len(a.Missing) != 1 || !strings.Contains(a.Missing[0], "vpce-5") ||
		strings.Join(a.Tainted, ",") != `vpce_interface_endpoint.if["a-ssm"]` || len(a.Deposed) != 1 || a.Clean() {
		t.Fatalf("%s", a)
	}
	clean := chaos.AuditEndpoints(listed[:2], state[:2])
	if clean.Clean() { // vpce-2 is tainted
		t.Fatalf("a tainted instance passes: %s", clean)
	}
	state[1].Tainted = false
	if clean = chaos.AuditEndpoints(listed[:2], state[:2]); !clean.Clean() || clean.Live != 2 {
		t.Fatalf("%s", clean)
	}
}

// The fleet has the documented sizes, one endpoint per VPC, type and service, and its two
// revisions differ by a member and a tag on every endpoint; CheckRevision tells them apart.
func TestFleetAndRevisions(t *testing.T) {
	t.Parallel()
	if chaos.Reduced.Endpoints() < 40 || chaos.Full.Endpoints() != 168 || chaos.Full.VPCs != 8 {
		t.Fatalf("sizes: reduced %d, full %d in %d VPCs", chaos.Reduced.Endpoints(), chaos.Full.Endpoints(), chaos.Full.VPCs)
	}
	var nets []*acctest.Network
	for _, v := range []string{"vpc-a", "vpc-b", "vpc-c", "vpc-d", "vpc-e", "vpc-f", "vpc-g", "vpc-h"} {
		nets = append(nets, &acctest.Network{Region: "us-east-1", VPCID: v, SubnetIDs: []string{v + "-s1", v + "-s2", v + "-s3"},
			RouteTableIDs: []string{v + "-r1", v + "-r2"}, SecurityGroupID: v + "-sg"})
	}
	fleet := chaos.NewFleet(nets, chaos.Full)
	if len(fleet) != 168 {
		t.Fatalf("%d endpoints", len(fleet))
	}
	seen := map[string]bool{}
	for _, e := range fleet {
		k := e.VPC + " " + string(e.Type) + " " + e.ServiceName
		if seen[k] {
			t.Fatalf("two endpoints for %s", k)
		}
		seen[k] = true
		if len(e.Members[1]) != len(e.Members[0])+1 {
			t.Fatalf("%s: revision 2 does not add a member: %v", e.Key, e.Members)
		}
	}
	c1, c2 := chaos.Config(fleet, 1), chaos.Config(fleet, 2)
	if !strings.Contains(c1, `revision = "1"`) || !strings.Contains(c2, `revision = "2"`) || !strings.Contains(c2, `"vpc-h-s3"`) || strings.Contains(c1, `"vpc-h-s3"`) {
		t.Fatal("the revisions do not differ as documented")
	}

	// The live endpoints of revision 1 match revision 1 and not revision 2.
	var listed []ec2types.VpcEndpoint
	for i, e := range fleet {
		ep := endpoint("vpce-"+e.Key, e.VPC, e.Service, e.Type, "available")
		if e.Type == ec2types.VpcEndpointTypeGateway {
			ep.RouteTableIds = e.Members[0]
		} else {
			ep.SubnetIds = e.Members[0]
		}
		ep.Tags = []ec2types.Tag{{Key: aws.String("revision"), Value: aws.String("1")}}
		if i == 0 {
			ep.Tags = nil
		}
		listed = append(listed, ep)
	}
	if p := chaos.CheckRevision(listed, fleet, 1); len(p) != 1 || !strings.Contains(p[0], `tag revision ""`) {
		t.Fatalf("revision 1: %v", p)
	}
	if p := chaos.CheckRevision(listed, fleet, 2); len(p) != 2*len(fleet) {
		t.Fatalf("revision 2: %d problems, want %d (members and tag of every endpoint but one, whose tag is missing)", len(p), 2*len(fleet))
	}
	if p := chaos.CheckRevision(listed[1:], fleet, 1); len(p) != 1 || !strings.Contains(p[0], "0 live endpoints") {
		t.Fatalf("a missing endpoint: %v", p)
	}
}

// The figures count EC2 calls and faults, not STS calls, and the table shows every phase.
func TestPhaseFigures(t *testing.T) {
	t.Parallel()
	p := chaos.Phase{Name: "apply", Wall: 1500 * time.Millisecond}
	p.Measure(map[string]int{"CreateVpcEndpoint": 60, "DescribeVpcEndpoints": 40, "GetCallerIdentity": 7},
		map[string]emulator.FaultCount{"CreateVpcEndpoint": {Throttled: 20, Errors: 5, Dropped: 3}, "DescribeVpcEndpoints": {Throttled: 10}, "GetCallerIdentity": {Throttled: 7}})
	if p.Calls != 100 || p.Throttled != 30 || p.Errors != 5 || p.Dropped != 3 || p.ThrottledShare() != 0.3 {
		t.Fatalf("%+v", p)
	}
	p.Audit.Orphans = []string{"vpce-1"}
	table := chaos.Table([]chaos.Phase{p, {Name: "plan"}})
	for _, want := range []string{"EC2 calls", "30.0 %", "1.5s", "plan"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 3 || !strings.HasSuffix(strings.Fields(lines[1])[len(strings.Fields(lines[1]))-3], "1") {
		t.Errorf("the orphan column of apply is not 1:\n%s", table)
	}
}
