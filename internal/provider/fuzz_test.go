package provider

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// Fuzz tests of the parsers that take user input or AWS's answers. Run longer with
// go test -run '^$' -fuzz FuzzX ./internal/provider/.

// Policy equivalence is reflexive for valid JSON, symmetric, never panics, and a policy is never
// equivalent to something that is not JSON.
func FuzzPolicyEquivalence(f *testing.F) {
	for _, seed := range [][2]string{
		{defaultEndpointPolicy, defaultEndpointPolicy},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`,
			`{"Statement":[{"Resource":"*","Action":["s3:*"],"Principal":"*","Effect":"Allow"}],"Version":"2012-10-17"}`},
		{`{"Statement":[]}`, `{}`},
		{`not json`, `{}`},
		{`{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}`, defaultEndpointPolicy},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := policiesEquivalent(a, b), policiesEquivalent(b, a)
		if ab != ba {
			t.Fatalf("not symmetric: %q ~ %q is %v, the other way %v", a, b, ab, ba)
		}
		var v any
		if json.Unmarshal([]byte(a), &v) == nil {
			if _, isObj := v.(map[string]any); isObj && !policiesEquivalent(a, a) {
				t.Fatalf("a policy is not equivalent to itself: %q", a)
			}
		} else if ab {
			t.Fatalf("%q is not JSON, yet equivalent to %q", a, b)
		}
		// The semantic equality the framework calls agrees with policiesEquivalent.
		eq, _ := newPolicyValue(a).StringSemanticEquals(context.Background(), newPolicyValue(b))
		if eq && !ab && a != b {
			t.Fatalf("StringSemanticEquals(%q, %q) is true, policiesEquivalent false", a, b)
		}
	})
}

// Import ids of the associations: whatever is given, parsing never panics, and what it accepts is
// exactly `vpce-<hex>/<member id>` and round-trips.
func FuzzParseAssociationID(f *testing.F) {
	for _, seed := range []string{"vpce-0123456789abcdef0/rtb-0123456789abcdef0", "vpce-1/subnet-2", "vpce-1", "/rtb-1", "vpce-1/rtb-1/x", "", "vpce-1//rtb-1", "a-vpce-1123"} {
		f.Add(seed)
	}
	member := regexp.MustCompile(`^rtb-[0-9a-f]+$`)
	f.Fuzz(func(t *testing.T, id string) {
		ep, m, err := parseAssociationID(id, member)
		if err != nil {
			if ep != "" || m != "" {
				t.Fatalf("parseAssociationID(%q) failed but returned %q, %q", id, ep, m)
			}
			return
		}
		if !endpointIDRegexp.MatchString(ep) || !member.MatchString(m) || ep+"/"+m != id {
			t.Fatalf("parseAssociationID(%q) accepted %q and %q", id, ep, m)
		}
	})
}

// Error translation never panics, returns non-API errors unchanged, and names a rule and a known
// attribute for every translated error.
func FuzzTranslateError(f *testing.F) {
	for _, seed := range [][2]string{
		{"InvalidParameter", "The VPC endpoint service com.amazonaws.us-east-1.ecs does not support the availability zone of the subnet: subnet-1."},
		{"InvalidParameter", "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for vpc-1"},
		{"RouteAlreadyExists", "route table rtb-1 already has a route with destination-prefix-list-id pl-1"},
		{"InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist"},
		{"VpcEndpointLimitExceeded", ""},
		{"", ""},
		{"Weird", "\x00\xff"},
	} {
		f.Add(seed[0], seed[1])
	}
	attrs := map[string]bool{"": true, "service": true, "subnet_ids": true, "security_group_ids": true, "route_table_ids": true,
		"private_dns_enabled": true, "policy": true, "ip_address_type": true, "vpc_id": true, "service_region": true,
		"dns_options.dns_record_ip_type": true, "dns_options.private_dns_only_for_inbound_resolver_endpoint": true}
	f.Fuzz(func(t *testing.T, code, msg string) {
		in := &smithy.GenericAPIError{Code: code, Message: msg}
		out := awsclient.TranslateError(in)
		var rule *awsclient.RuleError
		if !errors.As(out, &rule) {
			if !errors.Is(out, in) || out.Error() != in.Error() {
				t.Fatalf("an untranslated error was changed: %v", out)
			}
			return
		}
		if !regexp.MustCompile(`^P\d+$`).MatchString(rule.Rule) || !attrs[rule.Attribute] || rule.AWSCode != code || rule.AWSMessage != msg {
			t.Fatalf("TranslateError(%q, %q) = %+v", code, msg, rule)
		}
	})
}
