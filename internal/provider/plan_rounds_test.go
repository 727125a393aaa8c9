package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// A plan reads the facts its rules need together, not one after another: creating an interface
// endpoint costs one round of calls for the service, its subnets, its security groups and the
// VPC's endpoints, then one for the VPC's two DNS attributes (read only when the VPC's endpoints
// leave them open); a gateway endpoint one round in all. Each call is held 300 ms by a proxy, so
// calls made one after another fall into rounds of their own.
func TestAccEndpoints_factsInOneRound(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	tg.RequireEmulator(t)
	net := tg.NewNetwork(t)
	rounds := acctest.NewCallRounds(300 * time.Millisecond)
	tg.RouteEC2Through(t, rounds.Hold)

	for _, c := range []struct {
		name, config string
		want         [][]string
	}{
		{
			name: "interface",
			config: fmt.Sprintf(`
resource "vpce_interface_endpoint" "test" {
  vpc_id             = %q
  service            = "ssm"
  subnet_ids         = [%q, %q]
  security_group_ids = [%q]
}
`, net.VPCID, net.SubnetIDs[0], net.SubnetIDs[1], net.SecurityGroupID),
			want: [][]string{
				{"DescribeSecurityGroups", "DescribeSubnets", "DescribeVpcEndpointServices", "DescribeVpcEndpoints"},
				{"DescribeVpcAttribute", "DescribeVpcAttribute"},
			},
		},
		{
			name: "gateway",
			config: fmt.Sprintf(`
resource "vpce_gateway_endpoint" "test" {
  vpc_id          = %q
  service         = "s3"
  route_table_ids = [%q]
}
`, net.VPCID, net.RouteTableIDs[0]),
			want: [][]string{
				{"DescribePrefixLists", "DescribeRouteTables", "DescribeVpcEndpointServices", "DescribeVpcEndpoints"},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := tg.NewWorkdir(t)
			w.SetConfig(c.config)
			rounds.Reset()
			if p := w.Plan(""); p.Err != nil {
				t.Fatalf("plan: %s %v", p.Err, p.Errors())
			}
			got := rounds.Rounds()
			if !slices.EqualFunc(got, c.want, slices.Equal[[]string]) {
				t.Errorf("rounds of EC2 calls in the plan:\n%s\nwant:\n%s", renderRounds(got), renderRounds(c.want))
			}
		})
	}
}

func renderRounds(rounds [][]string) string {
	var b strings.Builder
	for i, r := range rounds {
		fmt.Fprintf(&b, "  %d: %s\n", i+1, strings.Join(r, " "))
	}
	return b.String()
}
