package planner

import (
	"fmt"
	"slices"
	"strings"
)

// CheckGatewayStatic runs the static gateway rules, which need only the configuration: the service
// name's form, P1 (only s3, dynamodb and s3express offer Gateway endpoints) and P6 (the policy is a
// JSON object of at most PolicyMaxLength characters). A value unknown at plan time skips its rule.
func CheckGatewayStatic(cfg GatewayConfig) Findings {
	var fs Findings
	if name, err := staticServiceName(cfg.Service, cfg.Region); err != nil {
		fs = append(fs, invalidServiceName(err))
	} else if name != "" {
		if short := ShortName(name); !GatewayCapable(short) {
			if near := Suggest(short, gatewayServices); len(near) > 0 && !KnownService(short) && !IsPrivateLinkName(name) {
				fs = append(fs, unknownGatewayService(name, short, near))
			} else {
				fs = append(fs, gatewayNotSupported(name, []string{TypeInterface}, false))
			}
		}
	}
	fs = append(fs, checkPolicyStatic(cfg.Policy, cfg.PolicySet, cfg.PolicyUnknown)...)
	return sortFindings(fs)
}

// CheckGatewayLive runs the live gateway rules on the facts the AWS layer gathered: P1 (the service
// exists and offers Gateway endpoints), P6 (the service supports custom policies), P7 (each route
// table is in the endpoint's VPC, and does not already route the service's prefix list through
// another endpoint) and P12 (the regional gateway quota). Unknown values and missing facts skip the
// rules that need them.
func CheckGatewayLive(cfg GatewayConfig, facts GatewayFacts) Findings {
	var fs Findings
	name, err := cfg.ServiceName()
	if err == nil && name != "" {
		fs = append(fs, checkGatewayService(name, facts.Service, facts.ServiceCandidates)...)
		fs = append(fs, checkPolicyLive(cfg.PolicySet, cfg.PolicyUnknown, name, facts.Service)...)
	}
	if facts.VPCNotFound && cfg.VPCID != "" {
		fs = append(fs, vpcNotFound(cfg.VPCID))
	}
	fs = append(fs, checkRouteTables(cfg, facts)...)
	if facts.GatewayQuota > 0 && cfg.EndpointID == "" && facts.GatewayCount >= facts.GatewayQuota {
		fs = append(fs, finding{
			rule: "P12", severity: SeverityWarning, attr: "",
			summary: "Gateway endpoint quota reached",
			fact: fmt.Sprintf("The region already has %d gateway endpoints and the default quota is %d (a raised quota makes this moot)",
				facts.GatewayCount, facts.GatewayQuota),
			aws: rejection{Code: "VpcEndpointLimitExceeded"},
			why: "This is a warning because endpoints destroyed in the same apply free their places",
			fix: "Delete unused gateway endpoints, or request a higher \"Gateway VPC endpoints per Region\" quota in Service Quotas",
		}.build())
	}
	return sortFindings(fs)
}

// checkGatewayService is P1 live for a gateway: the service exists and offers Gateway endpoints.
func checkGatewayService(name string, svc *ServiceFacts, candidates []string) Findings {
	if svc == nil {
		return Findings{serviceNotFound(name, "", candidates)}
	}
	if !hasType(svc.ServiceTypes, TypeGateway) {
		return Findings{gatewayNotSupported(name, svc.ServiceTypes, true)}
	}
	return nil
}

// checkRouteTables is P7: each known route table exists, is in the endpoint's VPC, and has no route
// for the service's prefix list through another target.
func checkRouteTables(cfg GatewayConfig, facts GatewayFacts) Findings {
	if facts.RouteTables == nil {
		return nil
	}
	var fs Findings
	for _, id := range sortedKnown(cfg.RouteTableIDs) {
		rt, ok := facts.RouteTables[id]
		if !ok {
			fs = append(fs, routeTableMember.missing(attrRouteTableIDs, id))
			continue
		}
		if otherVPC(rt.VPCID, cfg.VPCID) {
			fs = append(fs, routeTableMember.inOtherVPC(attrRouteTableIDs, id, rt.VPCID, "", cfg.VPCID,
				rejection{Code: "InvalidParameter"},
				fmt.Sprintf("Use route tables of %s only, or create the endpoint in %s", cfg.VPCID, rt.VPCID)))
			continue
		}
		if facts.PrefixList == nil || facts.PrefixList.PrefixListID == "" {
			continue
		}
		pl := facts.PrefixList.PrefixListID
		for _, r := range rt.Routes {
			if r.DestinationPrefixListID != pl || r.GatewayID == cfg.EndpointID {
				continue
			}
			target := r.GatewayID
			if target == "" {
				target = "another target"
			}
			fs = append(fs, finding{
				rule: "P7", severity: SeverityWarning, attr: attrRouteTableIDs,
				summary: "Route table already routes the service",
				fact: fmt.Sprintf("The route table %s already has a route for the prefix list %s (the service's) through %s",
					id, pl, target),
				aws: rejection{"RouteAlreadyExists",
					"route table " + id + " already has a route with destination-prefix-list-id " + pl},
				why: "This is a warning because the other endpoint may be destroyed or detached in the same apply",
				fix: fmt.Sprintf("Remove %s from the other endpoint (%s), or remove it from route_table_ids here",
					id, target),
			}.build())
		}
	}
	return fs
}

// invalidServiceName reports a malformed `service` argument.
func invalidServiceName(err error) Finding {
	return finding{
		rule: "P1", severity: SeverityError, attr: attrService,
		summary: "Invalid service name",
		fact:    upperFirst(err.Error()),
		aws:     rejection{Code: "InvalidServiceName"},
	}.build()
}

// serviceNotFound is P1 live: DescribeVpcEndpointServices does not know the service.
func serviceNotFound(name, region string, candidates []string) Finding {
	where := "the region"
	if region != "" {
		where = "the region " + region
	}
	fact := fmt.Sprintf("The endpoint service %s is not offered in %s", name, where)
	if hint := didYouMean(Suggest(ShortName(name), candidates)); hint != "" {
		fact = terminate(fact) + " " + hint
	}
	return finding{
		rule: "P1", severity: SeverityError, attr: attrService,
		summary: "Service not found in region",
		fact:    fact,
		aws:     rejectServiceNotFound(name),
		fix: "Check the service name (the vpce_services data source lists the region's services), the " +
			"provider's region, and for a PrivateLink service that your account is allowed to use it",
	}.build()
}

// gatewayNotSupported is P1 for a gateway whose service does not offer Gateway endpoints. live says
// whether serviceTypes come from AWS (else they are the typical answer).
func gatewayNotSupported(name string, serviceTypes []string, live bool) Finding {
	fact := fmt.Sprintf("The service %s does not offer Gateway endpoints; only %s offer them",
		name, orList(gatewayServices))
	if live {
		fact = fmt.Sprintf("The service %s offers %s endpoints, not Gateway endpoints",
			name, quoteList(serviceTypes))
	}
	fix := "Use vpce_interface_endpoint for this service, or one of " + strings.Join(gatewayServices, ", ") + " here"
	switch {
	case live && hasType(serviceTypes, TypeGatewayLoadBalancer):
		fix = "Use " + resourceGatewayLoadBalancer + " for this service, or one of " + strings.Join(gatewayServices, ", ") + " here"
	case IsPrivateLinkName(name):
		fact = fmt.Sprintf("The service %s is a PrivateLink endpoint service, reached through Interface endpoints, not Gateway endpoints",
			name)
		if !live {
			fix = "Use vpce_interface_endpoint for this service (" + resourceGatewayLoadBalancer +
				" if it is a Gateway Load Balancer endpoint service), or one of " + strings.Join(gatewayServices, ", ") + " here"
		}
	}
	return finding{
		rule: "P1", severity: SeverityError, attr: attrService,
		summary: "Service does not support Gateway endpoints",
		fact:    fact,
		aws:     rejectTypeMismatch(TypeGateway, serviceTypes),
		fix:     fix,
	}.build()
}

func hasType(types []string, t string) bool {
	return slices.ContainsFunc(types, func(s string) bool { return strings.EqualFold(s, t) })
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
