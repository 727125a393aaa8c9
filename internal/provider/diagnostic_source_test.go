package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpce-dev/terraform-provider-vpce/internal/acctest"
)

// A plan-time diagnostic points at the attribute it is about, so that Terraform shows that line of
// the configuration (the nested DNS option, the subnets, the service, the service region), and
// quotes the rejection AWS would answer, with its message where it is known.
func TestAccEndpoints_diagnosticsPointAtTheAttribute(t *testing.T) {
	t.Parallel()
	tg := acctest.New(t)
	net := tg.NewNetwork(t)
	subnets := testAccSubnets(net.SubnetIDs...)
	for _, c := range []struct {
		name, config, summary, source string
		detail                        string // a fragment of the detail, when checked
	}{
		{"nested DNS option", testAccInterfaceEndpointConfig(net.VPCID, "ssm", subnets+
			"  dns_options = {\n    dns_record_ip_type = \"ipv4\"\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n"),
			"DNS option applies only to S3", "private_dns_only_for_inbound_resolver_endpoint = true",
			"PrivateDnsOnlyForInboundResolverEndpoint not supported for this service."},
		{"service region", testAccInterfaceEndpointConfig(net.VPCID, "ssm", subnets+
			fmt.Sprintf("  service_region = %q\n", tg.Region)), "Service region equals the provider region", "service_region", "InvalidServiceName"},
		{"gateway service", fmt.Sprintf("resource \"vpce_gateway_endpoint\" \"test\" {\n  vpc_id  = %q\n  service = \"s3s\"\n}\n", net.VPCID),
			"Unknown service", `service = "s3s"`, ""},
		{"interface argument on a gateway endpoint", fmt.Sprintf("resource \"vpce_gateway_endpoint\" \"test\" {\n  vpc_id     = %q\n  service    = \"s3\"\n  subnet_ids = [%q]\n}\n", net.VPCID, net.SubnetIDs[0]),
			"Argument of interface endpoints", "subnet_ids",
			"InvalidParameter: Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints."},
		{"gateway argument on an interface endpoint", testAccInterfaceEndpointConfig(net.VPCID, "ssm", subnets+
			fmt.Sprintf("  route_table_ids = [%q]\n", net.RouteTableIDs[0])), "Argument of gateway endpoints", "route_table_ids",
			"Route table IDs are only supported for Gateway type VPC Endpoint."},
	} {
		t.Run(c.name, func(t *testing.T) {
			diags := tg.PlanDiagnostics(t, c.config)
			found := false
			for _, d := range diags {
				if d.Severity != "error" || !strings.Contains(d.Summary, c.summary) {
					continue
				}
				found = true
				if !strings.Contains(d.Source, c.source) {
					t.Errorf("%q points at %q, want the line with %q", d.Summary, d.Source, c.source)
				}
				if !strings.Contains(d.Detail, c.detail) {
					t.Errorf("%q: detail %q does not quote AWS's %q", d.Summary, d.Detail, c.detail)
				}
			}
			if !found {
				t.Fatalf("no error %q; diagnostics: %+v", c.summary, diags)
			}
		})
	}
}
