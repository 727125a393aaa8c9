package emulator

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
)

type xServiceType struct {
	ServiceType string `xml:"serviceType"`
}

type xPrivateDNS struct {
	Name string `xml:"privateDnsName"`
}

type xService struct {
	ServiceName        string         `xml:"serviceName"`
	ServiceID          string         `xml:"serviceId"`
	ServiceType        []xServiceType `xml:"serviceType>item"`
	ServiceRegion      string         `xml:"serviceRegion"`
	AZs                []string       `xml:"availabilityZoneSet>item"`
	AZIDs              []string       `xml:"availabilityZoneIdSet>item"`
	Owner              string         `xml:"owner"`
	BaseDNSNames       []string       `xml:"baseEndpointDnsNameSet>item"`
	PrivateDNSName     string         `xml:"privateDnsName,omitempty"`
	PrivateDNSNames    []xPrivateDNS  `xml:"privateDnsNameSet>item"`
	PolicySupported    bool           `xml:"vpcEndpointPolicySupported"`
	AcceptanceRequired bool           `xml:"acceptanceRequired"`
	ManagesEndpoints   bool           `xml:"managesVpcEndpoints"`
	Verification       string         `xml:"privateDnsNameVerificationState,omitempty"`
	IPTypes            []string       `xml:"supportedIpAddressTypeSet>item"`
	Tags               []tag          `xml:"tagSet>item"`
}

func xmlService(s *service) xService {
	x := xService{ServiceName: s.name, ServiceID: s.id(), ServiceType: []xServiceType{{s.typ}}, ServiceRegion: s.region,
		Owner: s.owner, BaseDNSNames: s.baseDNSNames(), PrivateDNSName: s.privateDNS, PolicySupported: s.policy,
		AcceptanceRequired: s.acceptance, IPTypes: s.ipTypes(), Tags: s.tags}
	for _, z := range zones(s.region) {
		if s.offeredIn(z.name) {
			x.AZs = append(x.AZs, z.name)
			x.AZIDs = append(x.AZIDs, z.id)
		}
	}
	if s.privateDNS != "" {
		x.PrivateDNSNames = []xPrivateDNS{{s.privateDNS}}
		x.Verification = "verified"
	}
	return x
}

func hDescribeVpcEndpointServices(s *Server, r *request, out *bytes.Buffer) *apiError {
	regions := list(r.form, "ServiceRegion")
	if len(regions) == 0 {
		regions = []string{r.region}
	}
	var all []*service
	for _, sr := range regions {
		if sr == r.region {
			all = append(all, catalog(sr)...)
			continue
		}
		if !contains(CrossRegionServiceRegions, sr) || !contains(CrossRegionServiceRegions, r.region) {
			return errf("InvalidParameterValue", "The service region '%s' is not supported for cross-region access from %s.", sr, r.region)
		}
		for _, svc := range catalog(sr) {
			if svc.crossRegion {
				all = append(all, svc)
			}
		}
	}
	names := list(r.form, "ServiceName")
	for _, n := range names {
		found := false
		for _, svc := range all {
			found = found || svc.name == n
		}
		if !found {
			return errf("InvalidServiceName", "The Vpc Endpoint Service '%s' does not exist", n)
		}
	}
	fs := filters(r.form)
	var sel []*service
	for _, svc := range all {
		if len(names) > 0 && !contains(names, svc.name) {
			continue
		}
		ok, e := matchFilters(fs, svc.tags, func(n string) ([]string, bool) {
			switch n {
			case "service-name":
				return []string{svc.name}, true
			case "service-type":
				return []string{svc.typ}, true
			case "service-region":
				return []string{svc.region}, true
			case "owner":
				return []string{svc.owner}, true
			case "supported-ip-address-types":
				return svc.ipTypes(), true
			}
			return nil, false
		})
		if e != nil {
			return e
		}
		if ok {
			sel = append(sel, svc)
		}
	}
	from, to, next, e := page(r.form, len(sel), 1)
	if e != nil {
		return e
	}
	var details []xService
	var nameSet []string
	for _, svc := range sel[from:to] {
		x := xmlService(svc)
		if svc.region != r.region {
			// As AWS: a service of another region lists no zones; where a cross-region endpoint can
			// have subnets is learnt from CreateVpcEndpoint (see remoteAccessZones).
			x.AZs, x.AZIDs = nil, nil
		}
		details = append(details, x)
		if !contains(nameSet, svc.name) {
			nameSet = append(nameSet, svc.name)
		}
	}
	return encodeBody(out, struct {
		Names   []string   `xml:"serviceNameSet>item"`
		Details []xService `xml:"serviceDetailSet>item"`
		Next    string     `xml:"nextToken,omitempty"`
	}{nameSet, details, next})
}

func (s *Server) serveSTS(w http.ResponseWriter, reqID, action string, c *caller) {
	if action != "GetCallerIdentity" {
		writeSTSError(w, reqID, errf("InvalidAction", "Could not find operation %s for version 2011-06-15", action))
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="%s"><GetCallerIdentityResult><Arn>arn:aws:iam::%s:user/%s</Arn><UserId>AIDA%s</UserId><Account>%s</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
		stsNamespace, c.account, xmlEscape(c.accessKey), strings.ToUpper(hash17(c.accessKey)), c.account, reqID)
}

func init() {
	handlers = map[string]handler{
		"CreateVpc":                     hCreateVpc,
		"DeleteVpc":                     hDeleteVpc,
		"DescribeVpcs":                  hDescribeVpcs,
		"DescribeVpcAttribute":          hDescribeVpcAttribute,
		"ModifyVpcAttribute":            hModifyVpcAttribute,
		"CreateSubnet":                  hCreateSubnet,
		"DeleteSubnet":                  hDeleteSubnet,
		"DescribeSubnets":               hDescribeSubnets,
		"CreateRouteTable":              hCreateRouteTable,
		"DeleteRouteTable":              hDeleteRouteTable,
		"DescribeRouteTables":           hDescribeRouteTables,
		"CreateSecurityGroup":           hCreateSecurityGroup,
		"DeleteSecurityGroup":           hDeleteSecurityGroup,
		"DescribeSecurityGroups":        hDescribeSecurityGroups,
		"AuthorizeSecurityGroupIngress": hAuthorizeSecurityGroupIngress,
		"DescribeAvailabilityZones":     hDescribeAvailabilityZones,
		"CreateTags":                    hCreateTags,
		"DeleteTags":                    hDeleteTags,
		"DescribeTags":                  hDescribeTags,
		"DescribePrefixLists":           hDescribePrefixLists,
		"DescribeNetworkInterfaces":     hDescribeNetworkInterfaces,
		"DescribeVpcEndpointServices":   hDescribeVpcEndpointServices,
		"CreateVpcEndpoint":             hCreateVpcEndpoint,
		"DescribeVpcEndpoints":          hDescribeVpcEndpoints,
		"ModifyVpcEndpoint":             hModifyVpcEndpoint,
		"DeleteVpcEndpoints":            hDeleteVpcEndpoints,
		"AcceptVpcEndpointConnections":  hAcceptVpcEndpointConnections,
		"RejectVpcEndpointConnections":  hRejectVpcEndpointConnections,
	}
}
