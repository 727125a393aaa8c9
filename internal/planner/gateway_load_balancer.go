package planner

import (
	"fmt"
	"slices"
)

// TypeGatewayLoadBalancer is the endpoint type of Gateway Load Balancer endpoints, as EC2 spells it.
const TypeGatewayLoadBalancer = "GatewayLoadBalancer"

// Resource type names, for findings that name the resource to use instead.
const (
	resourceGateway             = "vpce_gateway_endpoint"
	resourceInterface           = "vpce_interface_endpoint"
	resourceGatewayLoadBalancer = "vpce_gateway_load_balancer_endpoint"
)

// attrSubnetID is the one subnet of a Gateway Load Balancer endpoint.
const attrSubnetID = "subnet_id"

// GatewayLoadBalancerIPAddressTypes are the IP address types of a Gateway Load Balancer endpoint:
// a Gateway Load Balancer is ipv4 or dualstack (no IPv6-only), and so are its endpoints.
func GatewayLoadBalancerIPAddressTypes() []string {
	return []string{IPAddressTypeIPv4, IPAddressTypeDualstack}
}

// GatewayLoadBalancerConfig is the planner's view of a vpce_gateway_load_balancer_endpoint
// configuration. A value unknown at plan time is "" (with IPAddressTypeUnknown for the one that has
// a default); rules that need it are skipped.
type GatewayLoadBalancerConfig struct {
	Region               string // the provider's region ("" at validate time)
	VPCID                string
	Service              string // the `service` argument as written
	SubnetID             string
	IPAddressType        string // "" = unset (ipv4) or unknown
	IPAddressTypeUnknown bool
	EndpointID           string // "" on create
}

// GatewayLoadBalancerFacts is what the AWS layer gathered for one Gateway Load Balancer endpoint plan.
type GatewayLoadBalancerFacts struct {
	Service *ServiceFacts // nil when DescribeVpcEndpointServices does not know the service
	// Subnets holds the subnet when it exists; nil when it was not looked up.
	Subnets     map[string]SubnetFacts
	VPCNotFound bool // DescribeVpcs says the VPC does not exist (P10)
	// ServiceCandidates: see GatewayFacts.
	ServiceCandidates []string
}

// ResourceForTypes names the resource that manages endpoints of a service offering serviceTypes:
// the Gateway Load Balancer one for a Gateway Load Balancer service, the gateway one for a service
// that offers only Gateway endpoints, else the interface one.
func ResourceForTypes(serviceTypes []string) string {
	switch {
	case hasType(serviceTypes, TypeGatewayLoadBalancer):
		return resourceGatewayLoadBalancer
	case hasType(serviceTypes, TypeGateway) && !hasType(serviceTypes, TypeInterface):
		return resourceGateway
	default:
		return resourceInterface
	}
}

// onlyGatewayLoadBalancer reports whether a service offers Gateway Load Balancer endpoints and no
// other type (as every Gateway Load Balancer endpoint service does).
func onlyGatewayLoadBalancer(serviceTypes []string) bool {
	return hasType(serviceTypes, TypeGatewayLoadBalancer) && !hasType(serviceTypes, TypeGateway) && !hasType(serviceTypes, TypeInterface)
}

// CheckGatewayLoadBalancerStatic runs the static rules, which need only the configuration: the
// service must be a PrivateLink endpoint service name (P1: AWS services offer no Gateway Load
// Balancer endpoints; the finding names the resource for them) and the IP address type one a
// Gateway Load Balancer endpoint takes (P8).
func CheckGatewayLoadBalancerStatic(cfg GatewayLoadBalancerConfig) Findings {
	var fs Findings
	if name, err := staticServiceName(cfg.Service, cfg.Region); err != nil {
		fs = append(fs, invalidServiceName(err))
	} else if name != "" && !IsPrivateLinkName(name) {
		short := ShortName(name)
		typical := []string{TypeInterface}
		if GatewayCapable(short) {
			typical = []string{TypeGateway, TypeInterface}
			if short == "s3express" {
				typical = []string{TypeGateway}
			}
		}
		fix := "Use " + resourceInterface + " for this service"
		if GatewayCapable(short) {
			fix = "Use " + resourceGateway + " (free) or " + resourceInterface + " for this service"
		}
		fs = append(fs, finding{
			rule: "P1", severity: SeverityError, attr: attrService,
			summary: "Service does not support Gateway Load Balancer endpoints",
			fact: fmt.Sprintf("The service %s is an AWS service; Gateway Load Balancer endpoints connect only to Gateway Load Balancer "+
				"endpoint services, named com.amazonaws.vpce.<region>.vpce-svc-…", name),
			aws: rejectTypeMismatch(TypeGatewayLoadBalancer, typical),
			fix: fix + ", or set service to the name of the Gateway Load Balancer endpoint service of your inspection appliances",
		}.build())
	}
	if t := cfg.IPAddressType; t != "" && !slices.Contains(GatewayLoadBalancerIPAddressTypes(), t) {
		fact := fmt.Sprintf("The ip_address_type %q is not one of %s", t, quoteList(GatewayLoadBalancerIPAddressTypes()))
		if t == IPAddressTypeIPv6 {
			fact = "A Gateway Load Balancer endpoint cannot be IPv6-only: Gateway Load Balancers, and so their endpoints, are ipv4 or dualstack"
		}
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrIPAddressType,
			summary: "IP address type not supported by Gateway Load Balancer endpoints",
			fact:    fact,
			aws:     rejection{Code: "InvalidParameter"},
			fix:     "Set ip_address_type to ipv4 or dualstack, or leave it unset for ipv4",
		}.build())
	}
	return sortFindings(fs)
}

// CheckGatewayLoadBalancerLive runs the live rules on the facts the AWS layer gathered:
//   - P1: the service exists and offers Gateway Load Balancer endpoints (else the finding names the
//     resource for the types it offers);
//   - P2: the subnet is in an Availability Zone the service is offered in;
//   - P8: dualstack needs a service that supports IPv6;
//   - P10: the VPC exists, and the subnet exists and is in the endpoint's VPC.
//
// Unknown values and missing facts skip the rules that need them.
func CheckGatewayLoadBalancerLive(cfg GatewayLoadBalancerConfig, facts GatewayLoadBalancerFacts) Findings {
	var fs Findings
	name, err := staticServiceName(cfg.Service, cfg.Region)
	if err != nil || !IsPrivateLinkName(name) {
		name = "" // the static rules say what is wrong with it
	}
	svc := facts.Service
	if name == "" {
		svc = nil
	}
	if name != "" {
		switch {
		case svc == nil:
			fs = append(fs, serviceNotFound(name, "", facts.ServiceCandidates))
		case !hasType(svc.ServiceTypes, TypeGatewayLoadBalancer):
			fs = append(fs, finding{
				rule: "P1", severity: SeverityError, attr: attrService,
				summary: "Service does not support Gateway Load Balancer endpoints",
				fact: fmt.Sprintf("The service %s offers %s endpoints, not Gateway Load Balancer endpoints (its provider put a Network Load Balancer, not a Gateway Load Balancer, behind it)",
					name, quoteList(svc.ServiceTypes)),
				aws: rejectTypeMismatch(TypeGatewayLoadBalancer, svc.ServiceTypes),
				fix: "Use " + ResourceForTypes(svc.ServiceTypes) + " for this service",
			}.build())
			svc = nil // its zones and IP types say nothing of a Gateway Load Balancer endpoint
		}
	}
	if facts.VPCNotFound && cfg.VPCID != "" {
		fs = append(fs, vpcNotFound(cfg.VPCID))
	}
	if facts.Subnets != nil && cfg.SubnetID != "" {
		fs = append(fs, checkGatewayLoadBalancerSubnet(cfg, name, svc, facts.Subnets)...)
	}
	ipType := cfg.IPAddressType
	if ipType == IPAddressTypeDualstack && !cfg.IPAddressTypeUnknown && svc != nil && len(svc.SupportedIPAddressTypes) > 0 &&
		!slices.Contains(svc.SupportedIPAddressTypes, IPAddressTypeIPv6) {
		fs = append(fs, finding{
			rule: "P8", severity: SeverityError, attr: attrIPAddressType,
			summary: "Service does not support IPv6",
			fact: fmt.Sprintf("The ip_address_type dualstack needs IPv6, but the service %s supports only %s (its Gateway Load Balancer is ipv4)",
				name, quoteList(svc.SupportedIPAddressTypes)),
			aws: rejection{Code: "InvalidParameter"},
			fix: "Set ip_address_type to ipv4 or leave it unset, or ask the service provider to make the Gateway Load Balancer dualstack",
		}.build())
	}
	return sortFindings(fs)
}

// checkGatewayLoadBalancerSubnet is P10 (the subnet exists, in the endpoint's VPC) and P2 (its zone
// is one the service offers) for the endpoint's one subnet.
func checkGatewayLoadBalancerSubnet(cfg GatewayLoadBalancerConfig, name string, svc *ServiceFacts, subnets map[string]SubnetFacts) Findings {
	id := cfg.SubnetID
	sn, ok := subnets[id]
	if !ok {
		return Findings{subnetMember.missing(attrSubnetID, id)}
	}
	if otherVPC(sn.VPCID, cfg.VPCID) {
		return Findings{subnetMember.inOtherVPC(attrSubnetID, id, sn.VPCID, cfg.EndpointID, cfg.VPCID,
			rejection{"InvalidParameter", "The subnet " + id + " does not belong to the VPC " + cfg.VPCID + "."},
			fmt.Sprintf("Use a subnet of %s (the endpoint's subnet is usually a small dedicated one per Availability Zone)", cfg.VPCID))}
	}
	if svc == nil || sn.AvailabilityZone == "" || len(svc.AvailabilityZones) == 0 || slices.Contains(svc.AvailabilityZones, sn.AvailabilityZone) {
		return nil
	}
	return Findings{finding{
		rule: "P2", severity: SeverityError, attr: attrSubnetID, members: []string{id},
		summary: "Subnet in unsupported Availability Zone",
		fact: fmt.Sprintf("The subnet %s is in %s, but the service %s is offered only in %s (the zones of its Gateway Load Balancer)",
			id, sn.AvailabilityZone, name, quoteList(sortedKnown(svc.AvailabilityZones))),
		aws: rejection{"InvalidParameter", "The VPC endpoint service " + name +
			" does not support the availability zone of the subnet: " + id + "."},
		fix: "Use a subnet in one of the service's Availability Zones (the vpce_service data source lists them in availability_zones), " +
			"or ask the service provider to enable the Gateway Load Balancer in this zone",
	}.build()}
}
