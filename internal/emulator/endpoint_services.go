package emulator

import (
	"bytes"
	"sort"
	"strings"
)

// The service owner's side of PrivateLink: the caller's own endpoint services (the customer
// services of the catalogue owned by its account) and the connections of other endpoints to them.
// AcceptVpcEndpointConnections and RejectVpcEndpointConnections are in endpoints_modify.go.

// ownerHandlers are the EC2 actions of this file (see lookupHandler).
var ownerHandlers = map[string]handler{
	"DescribeVpcEndpointServiceConfigurations": hDescribeVpcEndpointServiceConfigurations,
	"DescribeVpcEndpointConnections":           hDescribeVpcEndpointConnections,
}

type xSupportedRegion struct {
	Region string `xml:"region"`
	State  string `xml:"serviceState"`
}

type xServiceConfiguration struct {
	ServiceType         []xServiceType     `xml:"serviceType>item"`
	ServiceID           string             `xml:"serviceId"`
	ServiceName         string             `xml:"serviceName"`
	ServiceState        string             `xml:"serviceState"`
	AZs                 []string           `xml:"availabilityZoneSet>item"`
	AZIDs               []string           `xml:"availabilityZoneIdSet>item"`
	AcceptanceRequired  bool               `xml:"acceptanceRequired"`
	ManagesEndpoints    bool               `xml:"managesVpcEndpoints"`
	NLBs                []string           `xml:"networkLoadBalancerArnSet>item"`
	GWLBs               []string           `xml:"gatewayLoadBalancerArnSet>item"`
	IPTypes             []string           `xml:"supportedIpAddressTypeSet>item"`
	BaseDNSNames        []string           `xml:"baseEndpointDnsNameSet>item"`
	PayerResponsibility string             `xml:"payerResponsibility"`
	SupportedRegions    []xSupportedRegion `xml:"supportedRegionSet>item"`
	RemoteAccess        bool               `xml:"remoteAccessEnabled"`
	Tags                []tag              `xml:"tagSet>item"`
}

// ownedServices returns the services of region owned by account.
func ownedServices(region, account string) []*service {
	var out []*service
	for _, svc := range catalog(region) {
		if svc.owner == account {
			out = append(out, svc)
		}
	}
	return out
}

func nlbARN(svc *service) string {
	return "arn:aws:elasticloadbalancing:" + svc.region + ":" + svc.owner + ":loadbalancer/net/" + svc.short + "/" + hash17(svc.name)[:16]
}

// gwlbARN is the ARN of the Gateway Load Balancer behind a Gateway Load Balancer endpoint service.
func gwlbARN(svc *service) string {
	return "arn:aws:elasticloadbalancing:" + svc.region + ":" + svc.owner + ":loadbalancer/gwy/" + svc.short + "/" + hash17(svc.name)[:16]
}

// loadBalancers returns the service's Network and Gateway Load Balancer ARNs (one of them is empty).
func loadBalancers(svc *service) (nlbs, gwlbs []string) {
	if svc.typ == typeGatewayLoadBalancer {
		return nil, []string{gwlbARN(svc)}
	}
	return []string{nlbARN(svc)}, nil
}

func xmlServiceConfiguration(svc *service) xServiceConfiguration {
	nlbs, gwlbs := loadBalancers(svc)
	x := xServiceConfiguration{ServiceType: []xServiceType{{svc.typ}}, ServiceID: svc.id(), ServiceName: svc.name,
		ServiceState: "Available", AcceptanceRequired: svc.acceptance, NLBs: nlbs, GWLBs: gwlbs, IPTypes: svc.ipTypes(),
		BaseDNSNames: svc.baseDNSNames(), PayerResponsibility: "ServiceOwner", RemoteAccess: svc.crossRegion}
	for _, z := range zones(svc.region) {
		if svc.offeredIn(z.name) {
			x.AZs = append(x.AZs, z.name)
			x.AZIDs = append(x.AZIDs, z.id)
		}
	}
	if svc.crossRegion {
		for _, r := range CrossRegionServiceRegions {
			x.SupportedRegions = append(x.SupportedRegions, xSupportedRegion{r, "Available"})
		}
	}
	return x
}

func serviceNotFound(id string) *apiError {
	return errf("InvalidVpcEndpointServiceId.NotFound", "The VpcEndpointService Id '%s' does not exist", id)
}

// hDescribeVpcEndpointServiceConfigurations lists the caller's own endpoint services, by
// ServiceId and filters service-name, service-id, service-state, supported-ip-address-types.
func hDescribeVpcEndpointServiceConfigurations(s *Server, r *request, out *bytes.Buffer) *apiError {
	byID := map[string]*service{}
	for _, svc := range ownedServices(r.region, r.account) {
		byID[svc.id()] = svc
	}
	ids, e := selectIDs(r, "ServiceId", byID, serviceNotFound, nil, func(id string, svc *service, n string) ([]string, bool) {
		switch n {
		case "service-name":
			return []string{svc.name}, true
		case "service-id":
			return []string{id}, true
		case "service-state":
			return []string{"Available", "available"}, true
		case "supported-ip-address-types":
			return svc.ipTypes(), true
		}
		return nil, false
	})
	if e != nil {
		return e
	}
	from, to, next, e := page(r.form, len(ids), 5)
	if e != nil {
		return e
	}
	var res []xServiceConfiguration
	for _, id := range ids[from:to] {
		res = append(res, xmlServiceConfiguration(byID[id]))
	}
	return encodeBody(out, struct {
		Configs []xServiceConfiguration `xml:"serviceConfigurationSet>item"`
		Next    string                  `xml:"nextToken,omitempty"`
	}{res, next})
}

type xConnection struct {
	ServiceID     string      `xml:"serviceId"`
	EndpointID    string      `xml:"vpcEndpointId"`
	Owner         string      `xml:"vpcEndpointOwner"`
	State         string      `xml:"vpcEndpointState"`
	Created       string      `xml:"creationTimestamp"`
	DNSEntries    []xDNSEntry `xml:"dnsEntrySet>item"`
	NLBs          []string    `xml:"networkLoadBalancerArnSet>item"`
	GWLBs         []string    `xml:"gatewayLoadBalancerArnSet>item"`
	IPAddressType string      `xml:"ipAddressType"`
	ConnectionID  string      `xml:"vpcEndpointConnectionId"`
	Region        string      `xml:"vpcEndpointRegion"`
}

// hDescribeVpcEndpointConnections lists the endpoints of every account (and, for cross-region
// services, every region) connected to the caller's services, with filters service-id,
// vpc-endpoint-id, vpc-endpoint-owner, vpc-endpoint-state and vpc-endpoint-region.
func hDescribeVpcEndpointConnections(s *Server, r *request, out *bytes.Buffer) *apiError {
	owned := map[string]*service{}
	for _, svc := range ownedServices(r.region, r.account) {
		owned[svc.id()] = svc
	}
	var res []xConnection
	for _, k := range sortedRegionKeys(s.regions) {
		st := s.regions[k]
		for _, id := range sortedKeys(st.endpoints) {
			ep := st.endpoints[id]
			svc, ok := owned[ep.svc.id()]
			if !ok || ep.svc.region != svc.region {
				continue
			}
			x := st.xmlEndpoint(ep, r.now)
			nlbs, gwlbs := loadBalancers(svc)
			c := xConnection{ServiceID: svc.id(), EndpointID: ep.id, Owner: k.account, State: x.State, Created: x.Created,
				DNSEntries: x.DNSEntries, NLBs: nlbs, GWLBs: gwlbs, IPAddressType: ep.ipType,
				ConnectionID: "vpce-con-" + hash17(ep.id), Region: k.region}
			ok, e := matchFilters(filters(r.form), nil, func(n string) ([]string, bool) {
				switch n {
				case "service-id":
					return []string{c.ServiceID}, true
				case "vpc-endpoint-id":
					return []string{c.EndpointID}, true
				case "vpc-endpoint-owner":
					return []string{c.Owner}, true
				case "vpc-endpoint-state":
					return []string{c.State, strings.ToLower(c.State)}, true
				case "vpc-endpoint-region":
					return []string{c.Region}, true
				}
				return nil, false
			})
			if e != nil {
				return e
			}
			if ok {
				res = append(res, c)
			}
		}
	}
	from, to, next, e := page(r.form, len(res), 5)
	if e != nil {
		return e
	}
	return encodeBody(out, struct {
		Conns []xConnection `xml:"vpcEndpointConnectionSet>item"`
		Next  string        `xml:"nextToken,omitempty"`
	}{res[from:to], next})
}

func sortedRegionKeys(m map[regionKey]*regionState) []regionKey {
	keys := make([]regionKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].region != keys[j].region {
			return keys[i].region < keys[j].region
		}
		return keys[i].account < keys[j].account
	})
	return keys
}
