package awsclient

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
)

func awsErr(code, msg string) error {
	return fmt.Errorf("operation error EC2: CreateVpcEndpoint: %w", &smithy.GenericAPIError{Code: code, Message: msg})
}

func TestTranslateError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		code, msg string
		rule      string
		attribute string
	}{
		{"P1 service name", "InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist", "P1", "service"},
		{"P1 type mismatch", "InvalidParameter", "Endpoint type (Gateway) does not match available service types ([Interface]).", "P1", "service"},
		{"P2 zone", "InvalidParameter", "The VPC endpoint service com.amazonaws.us-east-1.ssm does not support the availability zone of the subnet: subnet-1.", "P2", "subnet_ids"},
		{"P2 duplicate", "DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of subnet-2", "P2", "subnet_ids"},
		{"P3 dns attributes", "InvalidParameter", "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for vpc-1", "P3", "private_dns_enabled"},
		{"P4 conflicting domain", "InvalidParameter", "private-dns-enabled cannot be set because there is already a conflicting DNS domain for ssm.us-east-1.amazonaws.com in the VPC vpc-1", "P4", "private_dns_enabled"},
		{"P5 inbound resolver", "InvalidParameter", "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC vpc-1 must have a Gateway endpoint for the service.", "P5", "dns_options.private_dns_only_for_inbound_resolver_endpoint"},
		{"P6 full access only", "InvalidParameter", "Service com.amazonaws.us-east-1.x only supports the full-access endpoint policy.", "P6", "policy"},
		{"P6 malformed", "MalformedPolicyDocument", "Policy document is malformed", "P6", "policy"},
		{"P7 route exists", "RouteAlreadyExists", "route table rtb-1 already has a route with destination-prefix-list-id pl-1", "P7", "route_table_ids"},
		{"P7 other vpc", "InvalidParameter", "The route table rtb-1 does not belong to vpc-1", "P7", "route_table_ids"},
		{"P8 ip address type", "InvalidParameter", "The ip address type ipv6 is not supported by the service", "P8", "ip_address_type"},
		{"P8 dns record ip type", "InvalidParameter", "DnsRecordIpType ipv6 requires IpAddressType ipv6 or dualstack", "P8", "dns_options.dns_record_ip_type"},
		{"P10 security group", "InvalidParameter", "Security group sg-1 and subnet subnet-1 belong to different networks.", "P10", "security_group_ids"},
		{"P10 subnet", "InvalidParameter", "The subnet subnet-1 does not belong to vpc-1", "P10", "subnet_ids"},
		{"P11 route tables on interface", "InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint.", "P11", "route_table_ids"},
		{"P12 quota", "VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.", "P12", ""},
		{"missing route table", "InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-9' does not exist", "P7", "route_table_ids"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := awsErr(tc.code, tc.msg)
			got := TranslateError(in)
			var re *RuleError
			if !errors.As(got, &re) {
				t.Fatalf("TranslateError(%s: %s) = %v, want *RuleError", tc.code, tc.msg, got)
			}
			if re.Rule != tc.rule || re.Attribute != tc.attribute {
				t.Errorf("rule/attribute = %q/%q, want %q/%q", re.Rule, re.Attribute, tc.rule, tc.attribute)
			}
			if re.AWSCode != tc.code || re.AWSMessage != tc.msg {
				t.Errorf("AWS code/message = %q/%q", re.AWSCode, re.AWSMessage)
			}
			if re.Summary == "" || re.Detail == "" {
				t.Errorf("empty summary or detail: %+v", re)
			}
			if !errors.Is(got, in) || !ErrCodeEquals(got, tc.code) {
				t.Errorf("translated error does not wrap the original")
			}
		})
	}
}

func TestTranslateErrorUnchanged(t *testing.T) {
	t.Parallel()
	if TranslateError(nil) != nil {
		t.Error("nil not kept")
	}
	plain := errors.New("boom")
	if got := TranslateError(plain); got != plain { //nolint:errorlint // the very same error must come back
		t.Errorf("non-AWS error changed: %v", got)
	}
	unknown := awsErr("InternalError", "We encountered an internal error.")
	if got := TranslateError(unknown); got != unknown { //nolint:errorlint // the very same error must come back
		t.Errorf("unknown AWS error changed: %v", got)
	}
	translated := TranslateError(awsErr("RouteAlreadyExists", "x"))
	if got := TranslateError(translated); got != translated { //nolint:errorlint // the very same error must come back
		t.Errorf("translating twice changed the error")
	}
}

func TestErrCodeEqualsAndMessageContains(t *testing.T) {
	t.Parallel()
	err := awsErr("InvalidParameter", "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames")
	if !ErrCodeEquals(err, "Other", ErrCodeInvalidParameter) {
		t.Error("ErrCodeEquals: want true")
	}
	if ErrCodeEquals(err, ErrCodeOperationInProgress) || ErrCodeEquals(errors.New("InvalidParameter")) {
		t.Error("ErrCodeEquals: want false")
	}
	if !ErrMessageContains(err, ErrCodeInvalidParameter, "ENABLEDNSHOSTNAMES") {
		t.Error("ErrMessageContains: want true")
	}
	if ErrMessageContains(err, ErrCodeInvalidServiceName, "enableDnsHostnames") || ErrMessageContains(err, ErrCodeInvalidParameter, "policy") {
		t.Error("ErrMessageContains: want false")
	}
}
