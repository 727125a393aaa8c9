// Package chaos is the fault campaign of "never lose an endpoint": a fleet of gateway and interface
// endpoints in several VPCs is applied, planned, updated and destroyed with the real Terraform CLI
// against the local EC2 API while it throttles calls, fails them with server errors, drops the
// answers of committed changes and hides new endpoints for a consistency window. After every phase
// the EC2 API's own listing is compared with the Terraform state: no endpoint may exist that no state
// knows (an orphan), no resource may have two endpoints (a duplicate), and no resource may be tainted.
//
// This file is the harness: the fleet and its configuration, the audit of the listing against the
// state, and the per-phase figures. The tests (chaos_test.go) drive it; `make chaos` runs the
// full-size campaign (VPCE_CHAOS_SIZE=full) and prints the figures.
package chaos

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// Size is the shape of a fleet: in each of VPCs networks, an S3 and a DynamoDB gateway endpoint and
// InterfacesPerVPC interface endpoints, each of another service.
type Size struct {
	VPCs             int
	InterfacesPerVPC int
}

// Endpoints is the number of endpoints of the fleet.
func (s Size) Endpoints() int { return s.VPCs * (len(GatewayServices) + s.InterfacesPerVPC) }

// Fleet sizes: Reduced for the acceptance tests, Full for `make chaos`.
var (
	Reduced = Size{VPCs: 3, InterfacesPerVPC: 12} // 42 endpoints
	Full    = Size{VPCs: 8, InterfacesPerVPC: 19} // 168 endpoints
)

// GatewayServices and InterfaceServices are the services of a VPC's endpoints, in order. The
// interface services offer a private DNS name and are offered in the first three zones (the
// networks' subnets); S3 and DynamoDB interfaces are left out, as their private DNS depends on the
// gateway.
var (
	GatewayServices   = []string{"s3", "dynamodb"}
	InterfaceServices = []string{
		"ec2", "ec2messages", "ecr.api", "ecr.dkr", "ecs", "elasticloadbalancing", "execute-api", "kms", "lambda",
		"logs", "monitoring", "secretsmanager", "sns", "sqs", "ssm", "ssmmessages", "sts", "athena", "glue",
	}
)

// Rates are the fault rates of a campaign, as fractions of all calls (Drop: of the successful
// mutating ones).
type Rates struct {
	Throttle float64 // RequestLimitExceeded before the call runs
	Error    float64 // InternalError before the call runs
	Drop     float64 // committed, then the connection closed without an answer
}

// CampaignRates are the rates of issue 12: 30 % throttled, 10 % InternalError, 10 % of the mutating
// answers dropped after the commit.
var CampaignRates = Rates{Throttle: 0.3, Error: 0.1, Drop: 0.1}

// ActionFaults are the emulator's fault knobs for the rates.
func (r Rates) ActionFaults() emulator.ActionFaults {
	return emulator.ActionFaults{ThrottleRate: r.Throttle, ErrorRate: r.Error, ErrorCode: "InternalError", DropRate: r.Drop}
}

// Faults applies the rates to every action.
func (r Rates) Faults(seed int64) emulator.Faults {
	return emulator.Faults{Seed: seed, All: r.ActionFaults()}
}

// Endpoint is one endpoint of the fleet.
type Endpoint struct {
	Key         string // the for_each key: "v0-s3", "v2-ecr.api"
	Type        ec2types.VpcEndpointType
	VPC         string
	Service     string // short name
	ServiceName string // full name: com.amazonaws.<region>.<service>
	// Members are the route tables (gateway) or subnets (interface) by revision: revision 1 has
	// the first, revision 2 one more.
	Members [2][]string
	Group   string // interface: the security group
}

// Address is the endpoint's resource address in Config's configuration.
func (e Endpoint) Address() string {
	if e.Type == ec2types.VpcEndpointTypeGateway {
		return fmt.Sprintf("vpce_gateway_endpoint.gw[%q]", e.Key)
	}
	return fmt.Sprintf("vpce_interface_endpoint.if[%q]", e.Key)
}

// NewFleet lays the fleet out over the networks (one network per VPC of size).
func NewFleet(nets []*acctest.Network, size Size) []Endpoint {
	var fleet []Endpoint
	for i, n := range nets[:size.VPCs] {
		for _, svc := range GatewayServices {
			fleet = append(fleet, Endpoint{Key: fmt.Sprintf("v%d-%s", i, svc), Type: ec2types.VpcEndpointTypeGateway, VPC: n.VPCID, Service: svc,
				ServiceName: "com.amazonaws." + n.Region + "." + svc,
				Members:     [2][]string{n.RouteTableIDs[:1], n.RouteTableIDs[:2]}})
		}
		for _, svc := range InterfaceServices[:size.InterfacesPerVPC] {
			fleet = append(fleet, Endpoint{Key: fmt.Sprintf("v%d-%s", i, svc), Type: ec2types.VpcEndpointTypeInterface, VPC: n.VPCID, Service: svc,
				ServiceName: "com.amazonaws." + n.Region + "." + svc,
				Members:     [2][]string{n.SubnetIDs[:2], n.SubnetIDs[:3]}, Group: n.SecurityGroupID})
		}
	}
	return fleet
}

// Config is the configuration of the fleet at revision 1 or 2: revision 2 adds a member (a route
// table, a subnet) to every endpoint and changes every endpoint's tags.
func Config(fleet []Endpoint, revision int) string {
	var gw, ifc strings.Builder
	for _, e := range fleet {
		members := hclList(e.Members[revision-1])
		if e.Type == ec2types.VpcEndpointTypeGateway {
			fmt.Fprintf(&gw, "    %q = { vpc = %q, service = %q, route_tables = %s }\n", e.Key, e.VPC, e.Service, members)
		} else {
			fmt.Fprintf(&ifc, "    %q = { vpc = %q, service = %q, subnets = %s, group = %q }\n", e.Key, e.VPC, e.Service, members, e.Group)
		}
	}
	return fmt.Sprintf(`
locals {
  revision = "%d"
  gateways = {
%s  }
  interfaces = {
%s  }
}

resource "vpce_gateway_endpoint" "gw" {
  for_each        = local.gateways
  vpc_id          = each.value.vpc
  service         = each.value.service
  route_table_ids = each.value.route_tables
  tags = {
    Name     = "chaos-${each.key}"
    revision = local.revision
  }
}

resource "vpce_interface_endpoint" "if" {
  for_each           = local.interfaces
  vpc_id             = each.value.vpc
  service            = each.value.service
  subnet_ids         = each.value.subnets
  security_group_ids = [each.value.group]
  tags = {
    Name     = "chaos-${each.key}"
    revision = local.revision
  }
}
`, revision, gw.String(), ifc.String())
}

func hclList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// ListEndpoints returns every endpoint the EC2 API describes, all pages.
func ListEndpoints(ctx context.Context, conn *ec2.Client) ([]ec2types.VpcEndpoint, error) {
	var out []ec2types.VpcEndpoint
	p := ec2.NewDescribeVpcEndpointsPaginator(conn, &ec2.DescribeVpcEndpointsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.VpcEndpoints...)
	}
	return out, nil
}

// Audit is the comparison of the EC2 API's endpoints with the state.
type Audit struct {
	Live       int      // endpoints EC2 describes, but those deleted
	Orphans    []string // live endpoints no state instance knows
	Duplicates []string // VPC/type/service with more than one live endpoint: "vpc-1 Interface ssm ×2"
	Missing    []string // state instances whose endpoint EC2 does not describe (or describes deleted)
	Tainted    []string // tainted state instances, by address
	Deposed    []string // deposed state objects (replaced, not yet destroyed), by address
}

// Clean reports whether nothing is wrong: no orphan, duplicate, missing, tainted or deposed object.
func (a Audit) Clean() bool {
	return len(a.Orphans)+len(a.Duplicates)+len(a.Missing)+len(a.Tainted)+len(a.Deposed) == 0
}

func (a Audit) String() string {
	return fmt.Sprintf("live %d, orphans %v, duplicates %v, missing %v, tainted %v, deposed %v",
		a.Live, a.Orphans, a.Duplicates, a.Missing, a.Tainted, a.Deposed)
}

// AuditEndpoints compares the endpoints EC2 lists with the state's instances. An endpoint in state
// "deleted" is gone (EC2 describes deleted endpoints for a while); every other is live.
func AuditEndpoints(listed []ec2types.VpcEndpoint, state []acctest.StateInstance) Audit {
	var a Audit
	known := map[string]bool{}
	for _, in := range state {
		known[in.ID] = true
		if in.Tainted {
			a.Tainted = append(a.Tainted, in.Address)
		}
		if in.Deposed != "" {
			a.Deposed = append(a.Deposed, in.Address+" (deposed "+in.Deposed+")")
		}
	}
	live := map[string]bool{}
	groups := map[string]int{}
	for _, e := range listed {
		if strings.EqualFold(string(e.State), "deleted") {
			continue
		}
		id := aws.ToString(e.VpcEndpointId)
		live[id] = true
		a.Live++
		if !known[id] {
			a.Orphans = append(a.Orphans, id)
		}
		groups[fmt.Sprintf("%s %s %s", aws.ToString(e.VpcId), e.VpcEndpointType, aws.ToString(e.ServiceName))]++
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		if groups[k] > 1 {
			a.Duplicates = append(a.Duplicates, fmt.Sprintf("%s ×%d", k, groups[k]))
		}
	}
	for _, in := range state {
		if in.Deposed == "" && !live[in.ID] {
			a.Missing = append(a.Missing, fmt.Sprintf("%s (%s)", in.Address, in.ID))
		}
	}
	sort.Strings(a.Orphans)
	return a
}

// CheckRevision reports how the live endpoints differ from the fleet at revision: each fleet
// endpoint has exactly one live endpoint with its members and its revision tag.
func CheckRevision(listed []ec2types.VpcEndpoint, fleet []Endpoint, revision int) []string {
	type key struct {
		vpc, service string
		typ          ec2types.VpcEndpointType
	}
	byKey := map[key][]ec2types.VpcEndpoint{}
	for _, e := range listed {
		if strings.EqualFold(string(e.State), "deleted") {
			continue
		}
		k := key{aws.ToString(e.VpcId), aws.ToString(e.ServiceName), e.VpcEndpointType}
		byKey[k] = append(byKey[k], e)
	}
	var problems []string
	for _, f := range fleet {
		eps := byKey[key{f.VPC, f.ServiceName, f.Type}]
		if len(eps) != 1 {
			problems = append(problems, fmt.Sprintf("%s: %d live endpoints", f.Address(), len(eps)))
			continue
		}
		e := eps[0]
		members := e.SubnetIds
		if f.Type == ec2types.VpcEndpointTypeGateway {
			members = e.RouteTableIds
		}
		want := f.Members[revision-1]
		if !sameSet(members, want) {
			problems = append(problems, fmt.Sprintf("%s (%s): members %v, want %v", f.Address(), aws.ToString(e.VpcEndpointId), members, want))
		}
		if got := tagValue(e.Tags, "revision"); got != fmt.Sprint(revision) {
			problems = append(problems, fmt.Sprintf("%s (%s): tag revision %q, want %q", f.Address(), aws.ToString(e.VpcEndpointId), got, fmt.Sprint(revision)))
		}
		if !strings.EqualFold(string(e.State), "available") {
			problems = append(problems, fmt.Sprintf("%s (%s): state %s", f.Address(), aws.ToString(e.VpcEndpointId), e.State))
		}
	}
	return problems
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func tagValue(tags []ec2types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// Phase is the figures of one phase of a campaign.
type Phase struct {
	Name      string // apply, plan, update, destroy…
	Calls     int    // EC2 calls that reached the API (STS calls are not counted)
	Throttled int    // of which throttled (RequestLimitExceeded)
	Errors    int    // of which failed with an injected error
	Dropped   int    // committed, their answer dropped
	Slowed    int    // answered late
	Wall      time.Duration
	Audit     Audit
}

// stsActions are the calls a Phase does not count as EC2 calls.
var stsActions = map[string]bool{"GetCallerIdentity": true, "AssumeRole": true, "AssumeRoleWithWebIdentity": true}

// Measure fills the call and fault figures from the emulator's counters.
func (p *Phase) Measure(calls map[string]int, faults map[string]emulator.FaultCount) {
	for action, n := range calls {
		if !stsActions[action] {
			p.Calls += n
		}
	}
	for action, c := range faults {
		if stsActions[action] {
			continue
		}
		p.Throttled += c.Throttled
		p.Errors += c.Errors
		p.Dropped += c.Dropped
		p.Slowed += c.Slowed
	}
}

// ThrottledShare is the fraction of the phase's calls that were throttled.
func (p Phase) ThrottledShare() float64 {
	if p.Calls == 0 {
		return 0
	}
	return float64(p.Throttled) / float64(p.Calls)
}

// Table renders the phases' figures as a text table.
func Table(phases []Phase) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "phase\tEC2 calls\tthrottled\tshare\terrors\tdropped\twall\torphans\tduplicates\ttainted\t")
	for _, p := range phases {
		fmt.Fprintf(w, "%s\t%d\t%d\t%.1f %%\t%d\t%d\t%s\t%d\t%d\t%d\t\n", p.Name, p.Calls, p.Throttled, 100*p.ThrottledShare(),
			p.Errors, p.Dropped, p.Wall.Round(100*time.Millisecond), len(p.Audit.Orphans), len(p.Audit.Duplicates), len(p.Audit.Tainted))
	}
	_ = w.Flush()
	return b.String()
}
