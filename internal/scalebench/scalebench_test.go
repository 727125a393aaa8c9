package scalebench

import (
	"strings"
	"testing"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

func testNets(n int) []*seed.Network {
	var nets []*seed.Network
	for i := range n {
		id := string(rune('a' + i))
		nets = append(nets, &seed.Network{VPCID: "vpc-" + id, SubnetIDs: []string{"subnet-" + id + "1", "subnet-" + id + "2", "subnet-" + id + "3"},
			RouteTableIDs: []string{"rtb-" + id + "1", "rtb-" + id + "2"}, SecurityGroupID: "sg-" + id})
	}
	return nets
}

// Endpoints go round-robin over the VPCs, with distinct services in each VPC.
func TestNewSpec(t *testing.T) {
	t.Parallel()
	nets := testNets(2)
	s, err := NewSpec(Layout{Interface: 5, Gateway: 3, VPCs: 2}, nets)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, e := range s.Interfaces {
		if e.VPCID != nets[i%2].VPCID || len(e.Subnets) != 3 || e.Group != nets[i%2].SecurityGroupID {
			t.Errorf("interface %d: %+v", i, e)
		}
		if k := e.VPCID + "/" + e.Service; seen[k] {
			t.Errorf("service %s twice in %s", e.Service, e.VPCID)
		} else {
			seen[k] = true
		}
	}
	if g := s.Gateways[2]; g.VPCID != "vpc-a" || g.Service != "dynamodb" || g.RouteTable != "rtb-a1" {
		t.Errorf("third gateway: %+v", g)
	}
	added := s.AddInterface(nets)
	if added.Key != "i0005" || added.VPCID != "vpc-b" {
		t.Errorf("added %+v", added)
	}
	cfg := s.Render(`provider "vpce" {}`)
	for _, want := range []string{`provider "vpce" {}`, `i0005 = { vpc = "vpc-b"`, `g0002 = { vpc = "vpc-a", service = "dynamodb", route_table = "rtb-a1" }`,
		`resource "vpce_interface_endpoint" "this"`, `resource "vpce_gateway_endpoint" "this"`} {
		if !strings.Contains(cfg, want) {
			t.Errorf("configuration lacks %q:\n%s", want, cfg)
		}
	}
}

func TestLayoutCheck(t *testing.T) {
	t.Parallel()
	for _, l := range []Layout{{Interface: 1}, {Interface: 20, VPCs: 1}, {Gateway: 3, VPCs: 1}, {Interface: -1, VPCs: 1}} {
		if err := l.Check(); err == nil {
			t.Errorf("%+v accepted", l)
		}
	}
	if _, err := NewSpec(Layout{Interface: 1, VPCs: 2}, testNets(1)); err == nil {
		t.Error("two VPCs with one network accepted")
	}
}
