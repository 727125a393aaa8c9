package planner

import (
	"fmt"
	"slices"
	"strings"
)

// Where an endpoint must be reachable from, as vpce_service's reachable_from takes it. AWS's guidance
// on choosing a type: a gateway endpoint is a route in the VPC's route tables, so only traffic that
// starts in the VPC uses it; it cannot be reached from on-premises networks (VPN, Direct Connect),
// from peered VPCs in other Regions, or through a transit gateway. An interface endpoint is ENIs with
// private IPs in the VPC, reachable from all of them.
const (
	ReachVPC                   = "vpc"
	ReachOnPremises            = "on_premises"
	ReachPeeredVPCsOtherRegion = "peered_vpcs_other_regions"
	ReachTransitGateway        = "transit_gateway"
)

// Reachabilities are the values reachable_from accepts.
func Reachabilities() []string {
	return []string{ReachVPC, ReachOnPremises, ReachPeeredVPCsOtherRegion, ReachTransitGateway}
}

// PreferredTypeFor picks the endpoint type for a service offering serviceTypes that must be reachable
// from reach (empty: the VPC only): Gateway where the service offers it and only the VPC needs it
// (gateways are free), else Interface. reason says why, for the plan; err is set when no type the
// service offers serves every place in reach.
func PreferredTypeFor(serviceTypes, reach []string) (typ, reason string, err error) {
	has := func(want string) bool {
		return slices.ContainsFunc(serviceTypes, func(t string) bool { return strings.EqualFold(t, want) })
	}
	var beyond []string
	for _, r := range reach {
		if r != ReachVPC && !slices.Contains(beyond, r) {
			beyond = append(beyond, r)
		}
	}
	slices.Sort(beyond)
	switch {
	case onlyGatewayLoadBalancer(serviceTypes):
		// Not a choice: traffic reaches it through routes, from wherever the route tables send it.
		return TypeGatewayLoadBalancer, "the service is a Gateway Load Balancer endpoint service, reached only through " +
			"Gateway Load Balancer endpoints (" + resourceGatewayLoadBalancer + ") that routes send traffic to", nil
	case len(beyond) == 0 && has(TypeGateway):
		return TypeGateway, "the service offers Gateway endpoints, which are free, and only the VPC needs to reach it", nil
	case len(beyond) == 0:
		return TypeInterface, "the service offers no Gateway endpoint", nil
	case has(TypeInterface):
		why := "a Gateway endpoint cannot be reached from " + strings.Join(beyond, ", ")
		if !has(TypeGateway) {
			why = "the service offers no Gateway endpoint"
		}
		return TypeInterface, why, nil
	case has(TypeGateway):
		return "", "", fmt.Errorf("the service offers only Gateway endpoints, which are reached only from inside the VPC, not from %s: reach it from there through a proxy in the VPC, or drop %s from reachable_from", strings.Join(beyond, ", "), strings.Join(beyond, ", "))
	default:
		return "", "", fmt.Errorf("the service offers neither Gateway nor Interface endpoints")
	}
}
