package planner

import "strings"

// Severity of a finding. Errors block the plan; warnings state a fact, the AWS error that will follow
// at apply, and the fix.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Finding is one result of a rule. Attribute is the attribute path in dotted form relative to the
// resource, e.g. "route_table_ids", "policy", "dns_options.dns_record_ip_type"; an empty Attribute
// means the resource as a whole. Summary is short and title-cased ("Subnet in unsupported Availability
// Zone"); Detail explains the fact, the AWS error it prevents and how to fix it.
type Finding struct {
	Rule      string // "P1" … "P12"
	Severity  Severity
	Attribute string
	Summary   string
	Detail    string
	Members   []string // the members the finding is about (subnet or route table ids), if any
}

// Findings is a list of findings with helpers.
type Findings []Finding

// HasError reports whether any finding is an error.
func (fs Findings) HasError() bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// AttributePath splits Attribute into its steps ("dns_options.dns_record_ip_type" → two steps).
func (f Finding) AttributePath() []string {
	if f.Attribute == "" {
		return nil
	}
	return strings.Split(f.Attribute, ".")
}
