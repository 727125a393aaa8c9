// Package scalebench measures what the provider costs at scale: EC2 calls by action, calls per
// endpoint, wall time against the floor AWS itself imposes, and the provider's memory. The
// acceptance test TestAccScale_callBudget (run by `make test`) holds a small configuration to exact
// call budgets; the command cmd/vpce-bench-scale (`make bench-scale`) runs the real Terraform CLI and
// the provider binary against the local EC2 API in a separate process, at 10, 50 and 200 endpoints
// and more, and prints the figures of each phase.
//
// Both use the configuration written by Config: interface endpoints spread over the VPCs round-robin
// (distinct services within a VPC, each with three subnets and the VPC's security group, private DNS
// as the service defaults it), and gateway endpoints (s3, then dynamodb) on one route table each.
package scalebench

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

// InterfaceServices are the interface services the configuration uses, in order; a VPC holds at most
// this many interface endpoints of the configuration (one per service, as private DNS allows).
var InterfaceServices = []string{
	"ssm", "ssmmessages", "ec2messages", "kms", "logs", "monitoring", "sts", "secretsmanager", "sqs", "sns",
	"ecr.api", "ecr.dkr", "ec2", "elasticloadbalancing", "execute-api", "lambda", "ecs", "athena", "glue",
}

// gatewayServices are the gateway services, one endpoint of each per VPC at most.
var gatewayServices = []string{"s3", "dynamodb"}

// Layout is the size of a configuration.
type Layout struct {
	Interface int // interface endpoints
	Gateway   int // gateway endpoints
	VPCs      int // VPCs they are spread over
}

// Endpoints is the number of endpoints of the layout.
func (l Layout) Endpoints() int { return l.Interface + l.Gateway }

// Check reports a layout the configuration cannot hold.
func (l Layout) Check() error {
	switch {
	case l.VPCs < 1:
		return fmt.Errorf("layout %+v: at least one VPC", l)
	case l.Interface < 0 || l.Gateway < 0:
		return fmt.Errorf("layout %+v: negative count", l)
	case l.Interface > l.VPCs*len(InterfaceServices):
		return fmt.Errorf("layout %+v: at most %d interface endpoints per VPC", l, len(InterfaceServices))
	case l.Gateway > l.VPCs*len(gatewayServices):
		return fmt.Errorf("layout %+v: at most %d gateway endpoints per VPC", l, len(gatewayServices))
	}
	return nil
}

// Interface is one interface endpoint of the configuration.
type Interface struct {
	Key     string // the for_each key, e.g. "i0007"
	VPCID   string
	Service string
	Subnets []string
	Group   string
}

// Gateway is one gateway endpoint of the configuration.
type Gateway struct {
	Key        string
	VPCID      string
	Service    string
	RouteTable string
}

// Spec is the configuration's endpoints, before rendering; a test or bench edits it between phases.
type Spec struct {
	Interfaces []Interface
	Gateways   []Gateway
}

// NewSpec spreads the layout's endpoints over the networks (len(nets) must be l.VPCs).
func NewSpec(l Layout, nets []*seed.Network) (*Spec, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	if len(nets) != l.VPCs {
		return nil, fmt.Errorf("layout %+v: %d networks", l, len(nets))
	}
	s := &Spec{}
	for i := range l.Interface {
		s.Interfaces = append(s.Interfaces, interfaceAt(i, nets))
	}
	for i := range l.Gateway {
		v := i % len(nets)
		s.Gateways = append(s.Gateways, Gateway{
			Key: fmt.Sprintf("g%04d", i), VPCID: nets[v].VPCID, Service: gatewayServices[i/len(nets)],
			RouteTable: nets[v].RouteTableIDs[0],
		})
	}
	return s, nil
}

// interfaceAt is the i-th interface endpoint of a configuration over nets: round-robin over the VPCs,
// the next service in each.
func interfaceAt(i int, nets []*seed.Network) Interface {
	v, slot := i%len(nets), i/len(nets)
	return Interface{
		Key: fmt.Sprintf("i%04d", i), VPCID: nets[v].VPCID,
		Service: InterfaceServices[(v+slot)%len(InterfaceServices)],
		Subnets: append([]string(nil), nets[v].SubnetIDs...),
		Group:   nets[v].SecurityGroupID,
	}
}

// AddInterface adds the next interface endpoint of the round-robin and returns it.
func (s *Spec) AddInterface(nets []*seed.Network) Interface {
	e := interfaceAt(len(s.Interfaces), nets)
	s.Interfaces = append(s.Interfaces, e)
	return e
}

// Render writes the configuration: providerBlock (may be ""), then locals and two for_each resources.
func (s *Spec) Render(providerBlock string) string {
	var b strings.Builder
	if providerBlock != "" {
		b.WriteString(providerBlock)
		b.WriteString("\n")
	}
	b.WriteString("locals {\n  interface = {\n")
	ifs := append([]Interface(nil), s.Interfaces...)
	sort.Slice(ifs, func(i, j int) bool { return ifs[i].Key < ifs[j].Key })
	for _, e := range ifs {
		fmt.Fprintf(&b, "    %s = { vpc = %q, service = %q, subnets = %s, group = %q }\n",
			e.Key, e.VPCID, e.Service, hclList(e.Subnets), e.Group)
	}
	b.WriteString("  }\n  gateway = {\n")
	gws := append([]Gateway(nil), s.Gateways...)
	sort.Slice(gws, func(i, j int) bool { return gws[i].Key < gws[j].Key })
	for _, g := range gws {
		fmt.Fprintf(&b, "    %s = { vpc = %q, service = %q, route_table = %q }\n", g.Key, g.VPCID, g.Service, g.RouteTable)
	}
	b.WriteString("  }\n}\n")
	b.WriteString(resources)
	return b.String()
}

const resources = `
resource "vpce_interface_endpoint" "this" {
  for_each = local.interface

  vpc_id             = each.value.vpc
  service            = each.value.service
  subnet_ids         = each.value.subnets
  security_group_ids = [each.value.group]
  tags               = { Name = each.key }
}

resource "vpce_gateway_endpoint" "this" {
  for_each = local.gateway

  vpc_id          = each.value.vpc
  service         = each.value.service
  route_table_ids = [each.value.route_table]
  tags            = { Name = each.key }
}
`

func hclList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
