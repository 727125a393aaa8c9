package awsclient

import (
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// Conversions from SDK types to the planner's facts. Pure functions, unit-tested.

// normaliseType spells Gateway/Interface as the planner does; other types are kept as EC2 spells them.
func normaliseType(t string) string {
	switch {
	case strings.EqualFold(t, planner.TypeGateway):
		return planner.TypeGateway
	case strings.EqualFold(t, planner.TypeInterface):
		return planner.TypeInterface
	}
	return t
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// ServiceFactsFromSDK converts one ServiceDetail. ServiceRegion is "" when the service is in
// providerRegion. EC2's ServiceDetail has no list of supported regions: SupportedRegions holds the
// region the service was found in when it was looked up in another region (the answer to
// DescribeVpcEndpointServices with ServiceRegions), else nothing.
func ServiceFactsFromSDK(d ec2types.ServiceDetail, providerRegion string) planner.ServiceFacts {
	f := planner.ServiceFacts{
		ServiceName:         aws.ToString(d.ServiceName),
		AvailabilityZones:   slices.Clone(d.AvailabilityZones),
		AvailabilityZoneIDs: slices.Clone(d.AvailabilityZoneIds),
		PolicySupported:     aws.ToBool(d.VpcEndpointPolicySupported),
		AcceptanceRequired:  aws.ToBool(d.AcceptanceRequired),
		Owner:               aws.ToString(d.Owner),
		ServiceID:           aws.ToString(d.ServiceId),
		ManagesVPCEndpoints: aws.ToBool(d.ManagesVpcEndpoints),
	}
	for _, n := range d.BaseEndpointDnsNames {
		f.BaseEndpointDNSNames = appendUnique(f.BaseEndpointDNSNames, n)
	}
	if len(d.Tags) > 0 {
		f.Tags = make(map[string]string, len(d.Tags))
		for _, t := range d.Tags {
			f.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	for _, t := range d.ServiceType {
		f.ServiceTypes = appendUnique(f.ServiceTypes, normaliseType(string(t.ServiceType)))
	}
	f.PrivateDNSNames = appendUnique(f.PrivateDNSNames, aws.ToString(d.PrivateDnsName))
	for _, n := range d.PrivateDnsNames {
		f.PrivateDNSNames = appendUnique(f.PrivateDNSNames, aws.ToString(n.PrivateDnsName))
	}
	for _, t := range d.SupportedIpAddressTypes {
		f.SupportedIPAddressTypes = appendUnique(f.SupportedIPAddressTypes, strings.ToLower(string(t)))
	}
	if r := aws.ToString(d.ServiceRegion); r != "" && r != providerRegion {
		f.ServiceRegion = r
		f.SupportedRegions = []string{r}
	}
	return f
}

// ServiceFactsFromSDKList converts service details, merging the entries EC2 lists once per endpoint
// type under one name (S3 and DynamoDB appear twice: a Gateway and an Interface entry, each with its
// own ServiceId; the merged facts keep the Gateway entry's, the preferred type). Order follows the
// first appearance of each name.
func ServiceFactsFromSDKList(details []ec2types.ServiceDetail, providerRegion string) []planner.ServiceFacts {
	out := make([]planner.ServiceFacts, 0, len(details))
	index := map[string]int{}
	for _, d := range details {
		f := ServiceFactsFromSDK(d, providerRegion)
		key := f.ServiceName + "|" + f.ServiceRegion
		i, seen := index[key]
		if !seen {
			index[key] = len(out)
			out = append(out, f)
			continue
		}
		m := &out[i]
		for _, t := range f.ServiceTypes {
			m.ServiceTypes = appendUnique(m.ServiceTypes, t)
		}
		for _, z := range f.AvailabilityZones {
			m.AvailabilityZones = appendUnique(m.AvailabilityZones, z)
		}
		for _, z := range f.AvailabilityZoneIDs {
			m.AvailabilityZoneIDs = appendUnique(m.AvailabilityZoneIDs, z)
		}
		for _, n := range f.PrivateDNSNames {
			m.PrivateDNSNames = appendUnique(m.PrivateDNSNames, n)
		}
		for _, t := range f.SupportedIPAddressTypes {
			m.SupportedIPAddressTypes = appendUnique(m.SupportedIPAddressTypes, t)
		}
		m.PolicySupported = m.PolicySupported || f.PolicySupported
		m.AcceptanceRequired = m.AcceptanceRequired || f.AcceptanceRequired
		m.ManagesVPCEndpoints = m.ManagesVPCEndpoints || f.ManagesVPCEndpoints
		if m.ServiceID == "" || (f.ServiceID != "" && slices.Contains(f.ServiceTypes, planner.TypeGateway)) {
			m.ServiceID = f.ServiceID
		}
		for _, n := range f.BaseEndpointDNSNames {
			m.BaseEndpointDNSNames = appendUnique(m.BaseEndpointDNSNames, n)
		}
		for k, v := range f.Tags {
			if m.Tags == nil {
				m.Tags = map[string]string{}
			}
			m.Tags[k] = v
		}
	}
	return out
}

func cloneServiceFacts(sf *planner.ServiceFacts) *planner.ServiceFacts {
	if sf == nil {
		return nil
	}
	cp := *sf
	cp.ServiceTypes = slices.Clone(sf.ServiceTypes)
	cp.AvailabilityZones = slices.Clone(sf.AvailabilityZones)
	cp.AvailabilityZoneIDs = slices.Clone(sf.AvailabilityZoneIDs)
	cp.PrivateDNSNames = slices.Clone(sf.PrivateDNSNames)
	cp.SupportedIPAddressTypes = slices.Clone(sf.SupportedIPAddressTypes)
	cp.SupportedRegions = slices.Clone(sf.SupportedRegions)
	cp.BaseEndpointDNSNames = slices.Clone(sf.BaseEndpointDNSNames)
	cp.Tags = maps.Clone(sf.Tags)
	return &cp
}

// ipv6Associated reports whether a CIDR association state counts as having IPv6 ("" when the
// answer carries no state).
func ipv6Associated(state string) bool {
	return state == "" || strings.EqualFold(state, "associated") || strings.EqualFold(state, "associating")
}

// SubnetFactsFromSDK converts one Subnet.
func SubnetFactsFromSDK(s ec2types.Subnet) planner.SubnetFacts {
	f := planner.SubnetFacts{
		SubnetID:           aws.ToString(s.SubnetId),
		VPCID:              aws.ToString(s.VpcId),
		AvailabilityZone:   aws.ToString(s.AvailabilityZone),
		AvailabilityZoneID: aws.ToString(s.AvailabilityZoneId),
		HasIPv4:            aws.ToString(s.CidrBlock) != "" && !aws.ToBool(s.Ipv6Native),
	}
	for _, a := range s.Ipv6CidrBlockAssociationSet {
		state := ""
		if a.Ipv6CidrBlockState != nil {
			state = string(a.Ipv6CidrBlockState.State)
		}
		if aws.ToString(a.Ipv6CidrBlock) != "" && ipv6Associated(state) {
			f.HasIPv6 = true
		}
	}
	return f
}

// RouteTableFactsFromSDK converts one RouteTable, keeping the routes that target a prefix list.
func RouteTableFactsFromSDK(rt ec2types.RouteTable) planner.RouteTableFacts {
	f := planner.RouteTableFacts{
		RouteTableID: aws.ToString(rt.RouteTableId),
		VPCID:        aws.ToString(rt.VpcId),
	}
	for _, r := range rt.Routes {
		if pl := aws.ToString(r.DestinationPrefixListId); pl != "" {
			f.Routes = append(f.Routes, planner.Route{DestinationPrefixListID: pl, GatewayID: aws.ToString(r.GatewayId)})
		}
	}
	return f
}

// VPCFactsFromSDK converts one Vpc (without the DNS attributes, which DescribeVpcAttribute gives).
func VPCFactsFromSDK(v ec2types.Vpc) planner.VPCFacts {
	f := planner.VPCFacts{VPCID: aws.ToString(v.VpcId)}
	for _, a := range v.Ipv6CidrBlockAssociationSet {
		state := ""
		if a.Ipv6CidrBlockState != nil {
			state = string(a.Ipv6CidrBlockState.State)
		}
		if aws.ToString(a.Ipv6CidrBlock) != "" && ipv6Associated(state) {
			f.HasIPv6 = true
		}
	}
	return f
}

// PrefixListFactsFromSDK converts one PrefixList.
func PrefixListFactsFromSDK(pl ec2types.PrefixList) planner.PrefixListFacts {
	return planner.PrefixListFacts{
		PrefixListID:   aws.ToString(pl.PrefixListId),
		PrefixListName: aws.ToString(pl.PrefixListName),
		CIDRs:          slices.Clone(pl.Cidrs),
	}
}

// EndpointFactsFromSDK converts one VpcEndpoint (State as EC2 sends it; compare with StateEquals).
func EndpointFactsFromSDK(ep ec2types.VpcEndpoint) planner.EndpointFacts {
	return planner.EndpointFacts{
		VPCEndpointID:     aws.ToString(ep.VpcEndpointId),
		VPCID:             aws.ToString(ep.VpcId),
		ServiceName:       aws.ToString(ep.ServiceName),
		Type:              normaliseType(string(ep.VpcEndpointType)),
		State:             string(ep.State),
		PrivateDNSEnabled: aws.ToBool(ep.PrivateDnsEnabled),
		RouteTableIDs:     slices.Clone(ep.RouteTableIds),
	}
}
