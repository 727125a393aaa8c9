package planner

import (
	"fmt"
	"slices"
	"strings"
)

// Attribute paths of the association resources.
const (
	attrAssocEndpointID      = "vpc_endpoint_id"
	attrAssocRouteTableID    = "route_table_id"
	attrAssocSubnetID        = "subnet_id"
	attrAssocSecurityGroupID = "security_group_id"
)

// CheckRouteTableAssociation runs the live rules of a vpce_route_table_association: P11 (the
// endpoint is a Gateway endpoint), P7 (the route table exists and is in the endpoint's VPC: error;
// it does not already route the service's prefix list through another endpoint: warning). rt is nil
// when the route table does not exist; pl is nil when the service's prefix list is unknown.
func CheckRouteTableAssociation(ep EndpointFacts, rtbID string, rt *RouteTableFacts, pl *PrefixListFacts) Findings {
	if f, ok := wrongEndpointType(ep, TypeGateway, attrAssocRouteTableID, "Route table IDs are only supported for Gateway type VPC Endpoint."); ok {
		return Findings{f}
	}
	if rt == nil {
		return Findings{routeTableMember.missing(attrAssocRouteTableID, rtbID)}
	}
	if otherVPC(rt.VPCID, ep.VPCID) {
		return Findings{routeTableMember.inOtherVPC(attrAssocRouteTableID, rtbID, rt.VPCID, ep.VPCEndpointID, ep.VPCID,
			rejection{Code: "InvalidParameter"}, fmt.Sprintf("Associate a route table of %s, or an endpoint of %s", ep.VPCID, rt.VPCID))}
	}
	if pl == nil || pl.PrefixListID == "" {
		return nil
	}
	var fs Findings
	for _, r := range rt.Routes {
		if r.DestinationPrefixListID != pl.PrefixListID || r.GatewayID == ep.VPCEndpointID {
			continue
		}
		target := r.GatewayID
		if target == "" {
			target = "another target"
		}
		fs = append(fs, finding{
			rule: "P7", severity: SeverityWarning, attr: attrAssocRouteTableID,
			summary: "Route table already routes the service",
			fact: fmt.Sprintf("The route table %s already has a route for the prefix list %s (the service's) through %s",
				rtbID, pl.PrefixListID, target),
			aws: rejection{"RouteAlreadyExists",
				"route table " + rtbID + " already has a route with destination-prefix-list-id " + pl.PrefixListID},
			why: "This is a warning because the other endpoint may be destroyed or detached in the same apply",
			fix: fmt.Sprintf("Detach %s from %s first, or associate another route table", rtbID, target),
		}.build())
	}
	return sortFindings(fs)
}

// CheckSubnetAssociation runs the live rules of a vpce_subnet_association: P11 (the endpoint is an
// Interface endpoint), P10 (the subnet exists and is in the endpoint's VPC) and P2 (the service is
// offered in the subnet's zone, and no other subnet of the endpoint is in that zone). svc is nil when
// the service's facts are unknown (or the endpoint is cross-region: the service's zones are those of
// its own region); others are the endpoint's current subnets other than this one.
func CheckSubnetAssociation(ep EndpointFacts, subnetID string, sn *SubnetFacts, svc *ServiceFacts, others []SubnetFacts) Findings {
	if f, ok := wrongEndpointType(ep, TypeInterface, attrAssocSubnetID, "Subnet IDs are only supported for Interface type VPC Endpoint."); ok {
		return Findings{f}
	}
	if sn == nil {
		return Findings{subnetMember.missing(attrAssocSubnetID, subnetID)}
	}
	if otherVPC(sn.VPCID, ep.VPCID) {
		return Findings{subnetMember.inOtherVPC(attrAssocSubnetID, subnetID, sn.VPCID, ep.VPCEndpointID, ep.VPCID,
			rejection{"InvalidParameter", "The subnet " + subnetID + " does not belong to the VPC " + ep.VPCID + "."},
			fmt.Sprintf("Associate a subnet of %s", ep.VPCID))}
	}
	if sn.AvailabilityZone == "" {
		return nil
	}
	var fs Findings
	if svc != nil && len(svc.AvailabilityZones) > 0 &&
		!slices.Contains(svc.AvailabilityZones, sn.AvailabilityZone) {
		fs = append(fs, finding{
			rule: "P2", severity: SeverityError, attr: attrAssocSubnetID,
			summary: "Subnet in unsupported Availability Zone",
			fact: fmt.Sprintf("The subnet %s is in %s, but the service %s is offered only in %s",
				subnetID, sn.AvailabilityZone, svc.ServiceName, quoteList(sortedKnown(svc.AvailabilityZones))),
			aws: rejection{"InvalidParameter", "The VPC endpoint service " + svc.ServiceName +
				" does not support the availability zone of the subnet: " + subnetID + "."},
			fix: "Use a subnet in one of the service's Availability Zones (the vpce_service data source lists them in availability_zones)",
		}.build())
	}
	for _, o := range others {
		if o.SubnetID == subnetID || o.AvailabilityZone != sn.AvailabilityZone {
			continue
		}
		fs = append(fs, finding{
			rule: "P2", severity: SeverityError, attr: attrAssocSubnetID,
			summary: "Availability Zone already used by the endpoint",
			fact: fmt.Sprintf("The endpoint %s already has the subnet %s in %s; an endpoint takes at most one subnet per Availability Zone",
				ep.VPCEndpointID, o.SubnetID, sn.AvailabilityZone),
			aws: rejection{"DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of " +
				subnetID + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service."},
			fix: fmt.Sprintf("Associate a subnet in another Availability Zone, or remove %s from the endpoint first", o.SubnetID),
		}.build())
	}
	return sortFindings(fs)
}

// CheckSecurityGroupAssociation runs the live rules of a vpce_security_group_association: P11 (the
// endpoint is an Interface endpoint) and P10 (the group exists and is in the endpoint's VPC).
func CheckSecurityGroupAssociation(ep EndpointFacts, groupID string, sg *SecurityGroupFacts) Findings {
	if f, ok := wrongEndpointType(ep, TypeInterface, attrAssocSecurityGroupID, "Security group IDs are only supported for Interface type VPC Endpoint."); ok {
		return Findings{f}
	}
	if sg == nil {
		return Findings{securityGroupMember.missing(attrAssocSecurityGroupID, groupID)}
	}
	if otherVPC(sg.VPCID, ep.VPCID) {
		return Findings{securityGroupMember.inOtherVPC(attrAssocSecurityGroupID, groupID, sg.VPCID, ep.VPCEndpointID, ep.VPCID,
			rejection{Code: "InvalidParameter"}, fmt.Sprintf("Associate a security group of %s", ep.VPCID))}
	}
	return nil
}

// wrongEndpointType is P11: the association's member kind needs an endpoint of type want.
func wrongEndpointType(ep EndpointFacts, want, attr, awsMessage string) (Finding, bool) {
	if ep.Type == "" || hasType([]string{ep.Type}, want) {
		return Finding{}, false
	}
	resource := "vpce_route_table_association"
	if want == TypeInterface {
		resource = "vpce_subnet_association and vpce_security_group_association"
	}
	return finding{
		rule: "P11", severity: SeverityError, attr: attrAssocEndpointID,
		summary: "Association of the wrong endpoint type",
		fact: fmt.Sprintf("The endpoint %s is %s %s endpoint, but %s belongs only to %s endpoints (%s)",
			ep.VPCEndpointID, article(ep.Type), ep.Type, attr, want, resource),
		aws: rejection{"InvalidParameter", awsMessage},
		fix: fmt.Sprintf("Use %s %s endpoint in vpc_endpoint_id", article(want), want),
	}.build(), true
}

// article is "an" before "Interface", else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
