package planner

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Attribute paths the rules report on, relative to the resource.
const (
	attrService          = "service"
	attrServiceRegion    = "service_region"
	attrVPCID            = "vpc_id"
	attrPolicy           = "policy"
	attrRouteTableIDs    = "route_table_ids"
	attrSubnetIDs        = "subnet_ids"
	attrSecurityGroupIDs = "security_group_ids"
	attrPrivateDNS       = "private_dns_enabled"
	attrIPAddressType    = "ip_address_type"
	attrDNSRecordIPType  = "dns_options.dns_record_ip_type"
	attrInboundResolver  = "dns_options.private_dns_only_for_inbound_resolver_endpoint"
)

// rejection is the AWS error a finding prevents. Message is AWS's own wording where it is known;
// otherwise it is empty and only the code is quoted.
type rejection struct {
	Code    string
	Message string
}

// sentence renders the rejection as the middle sentence of a finding's detail.
func (r rejection) sentence() string {
	if r.Code == "" {
		return ""
	}
	s := "AWS would reject the request at apply with: " + r.Code
	if r.Message != "" {
		s += ": " + r.Message
	}
	return terminate(s)
}

// finding collects the parts of a Finding so that every rule words its detail the same way: the
// fact, the AWS error it prevents, why it is only a warning (for warnings), and the fix.
type finding struct {
	rule     string
	severity Severity
	attr     string
	summary  string
	fact     string
	aws      rejection
	why      string // warnings: why the plan is not blocked (the fact may change in the same apply)
	fix      string
	members  []string // the members (subnets, route tables, ...) the finding is about, if any
}

func (b finding) build() Finding {
	parts := make([]string, 0, 4)
	for _, p := range []string{b.fact, b.aws.sentence(), b.why, b.fix} {
		if p != "" {
			parts = append(parts, terminate(p))
		}
	}
	return Finding{
		Rule:      b.rule,
		Severity:  b.severity,
		Attribute: b.attr,
		Summary:   b.summary,
		Detail:    strings.Join(parts, " "),
		Members:   b.members,
	}
}

// terminate ends s with a full stop unless it already ends with punctuation.
func terminate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// sortFindings orders findings deterministically (errors first, then by rule number, attribute,
// summary and detail), without the warnings that an error makes moot.
func sortFindings(fs Findings) Findings {
	fs = dropMoot(fs)
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(ruleNumber(a.Rule), ruleNumber(b.Rule)),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Attribute, b.Attribute),
			cmp.Compare(a.Summary, b.Summary),
			cmp.Compare(a.Detail, b.Detail),
		)
	})
	return fs
}

// ruleNumber is 12 for "P12", so that P2 sorts before P10.
func ruleNumber(rule string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(rule, "P"))
	if err != nil {
		return 1 << 30
	}
	return n
}

// Shared AWS messages.

func rejectServiceNotFound(name string) rejection {
	return rejection{"InvalidServiceName", "The Vpc Endpoint Service '" + name + "' does not exist"}
}

func rejectTypeMismatch(endpointType string, serviceTypes []string) rejection {
	return rejection{"InvalidParameter", "Endpoint type (" + endpointType +
		") does not match available service types ([" + strings.Join(serviceTypes, ", ") + "])."}
}

// sortedKnown returns the known (non-empty) ids, sorted and without duplicates.
func sortedKnown(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// QuoteList renders ids as "a, b and c" (or "none"), as the planner's findings do.
func QuoteList(ids []string) string { return quoteList(ids) }

// quoteList renders ids as "a, b and c" (or "none").
func quoteList(ids []string) string {
	switch len(ids) {
	case 0:
		return "none"
	case 1:
		return ids[0]
	default:
		return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
	}
}

// inactiveStates are endpoint states in which an endpoint neither conflicts nor counts.
var inactiveStates = []string{"deleted", "deleting", "expired", "failed", "rejected"}

// endpointActive reports whether an existing endpoint is live (state compared case-insensitively;
// an unknown state counts as live).
func endpointActive(e EndpointFacts) bool {
	return !slices.Contains(inactiveStates, strings.ToLower(e.State))
}

// dropMoot removes the warnings that an error makes moot: a warning about members (subnets, route
// tables) each of which an error already rejects; the user replaces them, and the warning may not
// apply to what comes instead.
func dropMoot(fs Findings) Findings {
	rejected := map[string]bool{}
	for _, f := range fs {
		if f.Severity == SeverityError {
			for _, m := range f.Members {
				rejected[f.Attribute+"|"+m] = true
			}
		}
	}
	if len(rejected) == 0 {
		return fs
	}
	return slices.DeleteFunc(fs, func(f Finding) bool {
		if f.Severity != SeverityWarning || len(f.Members) == 0 {
			return false
		}
		for _, m := range f.Members {
			if !rejected[f.Attribute+"|"+m] {
				return false
			}
		}
		return true
	})
}
