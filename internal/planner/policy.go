package planner

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// PolicyMaxLength is the largest endpoint policy AWS accepts, in characters, white space included.
const PolicyMaxLength = 20480

// checkPolicyStatic is P6's static half: a policy set in the configuration is a JSON object of at
// most PolicyMaxLength characters.
func checkPolicyStatic(policy string, set, unknown bool) Findings {
	if !set || unknown {
		return nil
	}
	var fs Findings
	var doc any
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		fs = append(fs, finding{
			rule: "P6", severity: SeverityError, attr: attrPolicy,
			summary: "Invalid policy JSON",
			fact:    fmt.Sprintf("The policy is not valid JSON: %s", err.Error()),
			aws:     rejection{"InvalidPolicyDocument", "The Policy Document is not valid."},
			fix:     "Write the policy as a JSON object, for example with jsonencode() or an aws_iam_policy_document data source",
		}.build())
	} else if _, ok := doc.(map[string]any); !ok {
		fs = append(fs, finding{
			rule: "P6", severity: SeverityError, attr: attrPolicy,
			summary: "Invalid policy JSON",
			fact:    fmt.Sprintf("The policy is JSON but not an object (it is %s); a policy document is an object with a Statement list", jsonKind(doc)),
			aws:     rejection{"InvalidPolicyDocument", "The Policy Document is not valid."},
			fix:     "Write the policy as a JSON object, for example with jsonencode() or an aws_iam_policy_document data source",
		}.build())
	}
	if n := utf8.RuneCountInString(policy); n > PolicyMaxLength {
		fs = append(fs, finding{
			rule: "P6", severity: SeverityError, attr: attrPolicy,
			summary: "Policy too long",
			fact: fmt.Sprintf("The policy is %d characters long; an endpoint policy may have at most %d characters, white space included",
				n, PolicyMaxLength),
			aws: rejection{Code: "InvalidParameter"},
			fix: "Shorten the policy: remove white space (jsonencode() writes compact JSON), merge statements, or use wildcards",
		}.build())
	}
	return fs
}

// checkPolicyLive is P6's live half: a custom policy only where the service supports policies.
func checkPolicyLive(policySet, policyUnknown bool, name string, svc *ServiceFacts) Findings {
	if !policySet || policyUnknown || svc == nil || svc.PolicySupported {
		return nil
	}
	return Findings{finding{
		rule: "P6", severity: SeverityError, attr: attrPolicy,
		summary: "Service does not support endpoint policies",
		fact:    fmt.Sprintf("The service %s does not support custom endpoint policies", name),
		aws: rejection{"InvalidParameter",
			"Service " + name + " only supports the full-access endpoint policy."},
		fix: "Remove the policy argument; the endpoint gets the full-access default policy",
	}.build()}
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	default:
		return fmt.Sprintf("%T", v)
	}
}
