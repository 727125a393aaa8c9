package awsclient

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/smithy-go"
)

// EC2 error codes the provider matches on.
const (
	ErrCodeInvalidVPCEndpointIDNotFound      = "InvalidVpcEndpointId.NotFound"
	ErrCodeInvalidVPCEndpointNotFound        = "InvalidVpcEndpoint.NotFound"
	ErrCodeInvalidVPCEndpointServiceNotFound = "InvalidVpcEndpointService.NotFound"
	ErrCodeInvalidServiceName                = "InvalidServiceName"
	ErrCodeInvalidParameter                  = "InvalidParameter"
	ErrCodeInvalidParameterValue             = "InvalidParameterValue"
	ErrCodeInvalidParameterCombination       = "InvalidParameterCombination"
	ErrCodeOperationInProgress               = "OperationInProgress"
	ErrCodeRouteAlreadyExists                = "RouteAlreadyExists"
	ErrCodeDuplicateSubnetsInSameZone        = "DuplicateSubnetsInSameZone"
	ErrCodeVPCEndpointLimitExceeded          = "VpcEndpointLimitExceeded"
	ErrCodeIdempotentParameterMismatch       = "IdempotentParameterMismatch"
	ErrCodeDependencyViolation               = "DependencyViolation"
	ErrCodeInvalidRouteTableIDNotFound       = "InvalidRouteTableID.NotFound"
	ErrCodeInvalidRouteTableIDMalformed      = "InvalidRouteTableId.Malformed"
	ErrCodeInvalidSubnetIDNotFound           = "InvalidSubnetID.NotFound"
	ErrCodeInvalidGroupNotFound              = "InvalidGroup.NotFound"
	ErrCodeInvalidGroupIDMalformed           = "InvalidGroupId.Malformed"
	ErrCodeInvalidVPCIDNotFound              = "InvalidVpcID.NotFound"
	ErrCodeInvalidNetworkInterfaceIDNotFound = "InvalidNetworkInterfaceID.NotFound"
	ErrCodeInvalidPrefixListIDNotFound       = "InvalidPrefixListID.NotFound"
	ErrCodeMalformedPolicyDocument           = "MalformedPolicyDocument"
	ErrCodeRequestLimitExceeded              = "RequestLimitExceeded"
	ErrCodeThrottling                        = "Throttling"
	ErrCodeInternalError                     = "InternalError"
	ErrCodeUnauthorizedOperation             = "UnauthorizedOperation"
	ErrCodeAuthFailure                       = "AuthFailure"
)

// ErrCodeEquals reports whether err is (or wraps) an AWS API error with one of the codes.
func ErrCodeEquals(err error, codes ...string) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	for _, c := range codes {
		if apiErr.ErrorCode() == c {
			return true
		}
	}
	return false
}

// ErrMessageContains reports whether err is an AWS API error with the code whose message contains
// substr (case-insensitively).
func ErrMessageContains(err error, code, substr string) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.ErrorCode() == code &&
		strings.Contains(strings.ToLower(apiErr.ErrorMessage()), strings.ToLower(substr))
}

// RuleError is an AWS error translated into the planner's wording.
type RuleError struct {
	Rule       string // "P3"
	Attribute  string // dotted path, "" for the resource
	Summary    string
	Detail     string // the fix
	AWSCode    string
	AWSMessage string
	Err        error
}

func (e *RuleError) Error() string { return e.Summary + ": " + e.Detail }
func (e *RuleError) Unwrap() error { return e.Err }

// translation is one row of the AWS error → rule table. A row matches when the code is one of
// codes and (when any are given) the lowercased message contains every string of all.
type translation struct {
	codes     []string
	all       []string // all must be present
	any       []string // at least one must be present (when non-empty)
	rule      string
	attribute string
	summary   string
	detail    string
}

var invalidParam = []string{ErrCodeInvalidParameter, ErrCodeInvalidParameterValue, ErrCodeInvalidParameterCombination}

// translations is checked in order; the first match wins. Message fragments are lowercase.
var translations = []translation{
	// P1
	{codes: []string{ErrCodeInvalidServiceName, ErrCodeInvalidVPCEndpointServiceNotFound}, rule: "P1", attribute: "service",
		summary: "Service not available",
		detail:  "The service does not exist in this region (or in service_region). Check the name with the vpce_services data source; for a service in another region set service_region."},
	{codes: invalidParam, all: []string{"does not match available service types"}, rule: "P1", attribute: "service",
		summary: "Service does not support this endpoint type",
		detail:  "The service does not offer this endpoint type. Gateway endpoints exist only for s3, dynamodb and s3express; use vpce_interface_endpoint for other services (see the service's service_types in the vpce_service data source)."},
	// P11 (before P10/P2: these messages also mention subnets and route tables)
	{codes: invalidParam, all: []string{"route table ids are only supported for gateway"}, rule: "P11", attribute: "route_table_ids",
		summary: "Route tables on an interface endpoint",
		detail:  "Route tables can only be associated with Gateway endpoints. Remove route_table_ids (or the vpce_route_table_association) for this interface endpoint."},
	{codes: invalidParam, all: []string{"only supported for interface"}, any: []string{"subnet"}, rule: "P11", attribute: "subnet_ids",
		summary: "Subnets on a gateway endpoint",
		detail:  "Subnets can only be associated with Interface endpoints. Remove the vpce_subnet_association for this gateway endpoint."},
	{codes: invalidParam, all: []string{"only supported for interface"}, any: []string{"security group"}, rule: "P11", attribute: "security_group_ids",
		summary: "Security groups on a gateway endpoint",
		detail:  "Security groups can only be associated with Interface endpoints. Remove the vpce_security_group_association for this gateway endpoint."},
	// P2
	{codes: invalidParam, all: []string{msgRemoteAccessZones}, rule: "P2", attribute: "subnet_ids",
		summary: "Subnet in a zone without remote access",
		detail:  remoteAccessAdvice},
	{codes: invalidParam, all: []string{"does not support the availability zone"}, rule: "P2", attribute: "subnet_ids",
		summary: "Subnet in unsupported Availability Zone",
		detail:  "A subnet is in an Availability Zone the service is not offered in. Use subnets only in the zones listed by the vpce_service data source's availability_zones."},
	{codes: []string{ErrCodeDuplicateSubnetsInSameZone}, rule: "P2", attribute: "subnet_ids",
		summary: "Several subnets in one Availability Zone",
		detail:  "An interface endpoint takes at most one subnet per Availability Zone. Keep one subnet for each zone in subnet_ids."},
	// P3
	{codes: invalidParam, all: []string{"enablednssupport", "enablednshostnames"}, rule: "P3", attribute: "private_dns_enabled",
		summary: "Private DNS needs VPC DNS support and hostnames",
		detail:  "Private DNS requires the VPC attributes enableDnsSupport and enableDnsHostnames to be true. Enable both on the VPC (enable_dns_support and enable_dns_hostnames) before this endpoint, or set private_dns_enabled = false."},
	// P4
	{codes: invalidParam, all: []string{"conflicting dns domain"}, rule: "P4", attribute: "private_dns_enabled",
		summary: "Private DNS name already used in the VPC",
		detail:  "Another endpoint in the VPC for the same service already has private DNS enabled. Disable private DNS on one of them, or remove the other endpoint first (after a replacement AWS may need a few minutes to release the name)."},
	// P5
	{codes: invalidParam, all: []string{"privatednsonlyforinboundresolverendpoint"}, rule: "P5", attribute: "dns_options.private_dns_only_for_inbound_resolver_endpoint",
		summary: "Inbound-resolver-only private DNS needs a gateway endpoint",
		detail:  "private_dns_only_for_inbound_resolver_endpoint = true requires a Gateway endpoint for the service in the same VPC. Create the vpce_gateway_endpoint first (depends_on), or set the option to false."},
	// P6
	{codes: invalidParam, all: []string{"only supports the full-access endpoint policy"}, rule: "P6", attribute: "policy",
		summary: "Service does not support endpoint policies",
		detail:  "The service only accepts the full-access endpoint policy. Remove the policy argument."},
	{codes: []string{ErrCodeMalformedPolicyDocument, "InvalidPolicyDocument"}, rule: "P6", attribute: "policy",
		summary: "Invalid endpoint policy",
		detail:  "AWS rejected the endpoint policy document. Fix the policy: it must be a valid IAM policy in JSON of at most 20,480 characters."},
	{codes: invalidParam, any: []string{"policy document", "policydocument", "endpoint policy"}, rule: "P6", attribute: "policy",
		summary: "Invalid endpoint policy",
		detail:  "AWS rejected the endpoint policy document. Fix the policy: it must be a valid IAM policy in JSON of at most 20,480 characters."},
	// P7
	{codes: []string{ErrCodeRouteAlreadyExists}, rule: "P7", attribute: "route_table_ids",
		summary: "Route table already routes the service",
		detail:  "A route table already has a route to the service's prefix list through another gateway endpoint. Remove the route table from the other endpoint, or from route_table_ids."},
	{codes: invalidParam, all: []string{"route table"}, any: []string{"not in", "belong", "different vpc", "different network"}, rule: "P7", attribute: "route_table_ids",
		summary: "Route table in another VPC",
		detail:  "Every route table must belong to the endpoint's VPC. Use route tables of vpc_id only."},
	// P8
	{codes: invalidParam, any: []string{"dns record ip type", "dnsrecordiptype"}, rule: "P8", attribute: "dns_options.dns_record_ip_type",
		summary: "DNS record IP type not supported",
		detail:  "The service or the subnets do not support this dns_record_ip_type. Use a type that matches ip_address_type and the service's supported_ip_address_types (IPv6 needs subnets with IPv6 CIDRs)."},
	{codes: invalidParam, any: []string{"ip address type", "ipaddresstype", "ipv6"}, rule: "P8", attribute: "ip_address_type",
		summary: "IP address type not supported",
		detail:  "The service or the subnets do not support this ip_address_type. Use one of the service's supported_ip_address_types; ipv6 and dualstack need subnets with IPv6 CIDRs."},
	// P10
	{codes: invalidParam, any: []string{"security group"}, rule: "P10", attribute: "security_group_ids",
		summary: "Security group in another VPC",
		detail:  "Every security group must belong to the endpoint's VPC. Use security groups of vpc_id only."},
	{codes: invalidParam, all: []string{"subnet"}, any: []string{"not in", "belong", "different vpc", "different network"}, rule: "P10", attribute: "subnet_ids",
		summary: "Subnet in another VPC",
		detail:  "Every subnet must belong to the endpoint's VPC. Use subnets of vpc_id only."},
	// P12
	{codes: []string{ErrCodeVPCEndpointLimitExceeded}, rule: "P12", attribute: "",
		summary: "VPC endpoint quota reached",
		detail:  "The quota of VPC endpoints (interface endpoints per VPC or gateway endpoints per region) is reached. Remove unused endpoints or request a quota increase in Service Quotas."},
	// Ids that do not exist: the membership rules (P7 for route tables, P10 for the rest).
	{codes: []string{ErrCodeInvalidRouteTableIDNotFound}, rule: "P7", attribute: "route_table_ids",
		summary: "Route table not found",
		detail:  "A route table in route_table_ids does not exist. Check the ids."},
	{codes: []string{ErrCodeInvalidSubnetIDNotFound}, rule: "P10", attribute: "subnet_ids",
		summary: "Subnet not found",
		detail:  "A subnet in subnet_ids does not exist. Check the ids."},
	{codes: []string{ErrCodeInvalidGroupNotFound}, rule: "P10", attribute: "security_group_ids",
		summary: "Security group not found",
		detail:  "A security group in security_group_ids does not exist. Check the ids."},
	{codes: []string{ErrCodeInvalidVPCIDNotFound}, rule: "P10", attribute: "vpc_id",
		summary: "VPC not found",
		detail:  "The VPC in vpc_id does not exist. Check the id."},
}

// msgRemoteAccessZones starts AWS's refusal (lowercased) of a cross-region endpoint's subnet:
// "Only the following availability zones are supported for remote access: use1-az1, use1-az2, …".
const msgRemoteAccessZones = "only the following availability zones are supported for remote access"

const remoteAccessAdvice = "A cross-region endpoint (service_region) can only have subnets in the Availability Zones that AWS " +
	"offers for remote access from this region. AWS does not list these zones before the endpoint is created " +
	"(DescribeVpcEndpointServices shows no zones for a service of another region), so the plan cannot check them. " +
	"Use subnets in the zone IDs AWS accepts."

// ExplainRemoteAccessZones returns err unchanged unless it is AWS's refusal of a cross-region
// endpoint's subnets outside the zones offered for remote access. Then it returns a *RuleError (P2,
// subnet_ids) naming each subnet of subnetIDs whose zone ID AWS does not accept, that zone ID, and
// the accepted zone IDs. The subnets' zone IDs come from SubnetFacts; if they cannot be read, the
// error names the accepted zone IDs only.
func (c *Client) ExplainRemoteAccessZones(ctx context.Context, err error, subnetIDs []string) error {
	var apiErr smithy.APIError
	if err == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode() != ErrCodeInvalidParameter {
		return err
	}
	msg := apiErr.ErrorMessage()
	lower := strings.ToLower(msg)
	i := strings.Index(lower, msgRemoteAccessZones)
	if i < 0 {
		return err
	}
	var accepted []string
	for _, z := range strings.Split(strings.TrimPrefix(msg[i+len(msgRemoteAccessZones):], ":"), ",") {
		if z = strings.TrimSuffix(strings.TrimSpace(z), "."); z != "" {
			accepted = append(accepted, z)
		}
	}
	re := &RuleError{Rule: "P2", Attribute: "subnet_ids", Summary: "Subnet in a zone without remote access",
		AWSCode: apiErr.ErrorCode(), AWSMessage: msg, Err: err}
	var refused []string
	if facts, ferr := c.SubnetFacts(ctx, subnetIDs); ferr == nil {
		for _, id := range subnetIDs {
			if f, ok := facts[id]; ok && f.AvailabilityZoneID != "" && !slices.Contains(accepted, f.AvailabilityZoneID) {
				refused = append(refused, fmt.Sprintf("%s (zone ID %s)", id, f.AvailabilityZoneID))
			}
		}
	}
	switch {
	case len(refused) > 0:
		re.Detail = fmt.Sprintf("Subnet %s is not in a zone AWS accepts for this cross-region endpoint; the accepted zone IDs are %s. %s",
			strings.Join(refused, ", subnet "), strings.Join(accepted, ", "), remoteAccessAdvice)
	default:
		re.Detail = fmt.Sprintf("The accepted zone IDs are %s. %s", strings.Join(accepted, ", "), remoteAccessAdvice)
	}
	return re
}

func (t translation) matches(code, lowerMsg string) bool {
	ok := false
	for _, c := range t.codes {
		if c == code {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	for _, s := range t.all {
		if !strings.Contains(lowerMsg, s) {
			return false
		}
	}
	if len(t.any) == 0 {
		return true
	}
	for _, s := range t.any {
		if strings.Contains(lowerMsg, s) {
			return true
		}
	}
	return false
}

// TranslateError maps a known AWS error to a *RuleError; other errors (and nil) are returned
// unchanged. The AWS code and message are kept in AWSCode / AWSMessage, the original error in Err.
func TranslateError(err error) error {
	var apiErr smithy.APIError
	if err == nil || !errors.As(err, &apiErr) {
		return err
	}
	var already *RuleError
	if errors.As(err, &already) {
		return err
	}
	code, msg := apiErr.ErrorCode(), apiErr.ErrorMessage()
	lower := strings.ToLower(msg)
	for _, t := range translations {
		if t.matches(code, lower) {
			return &RuleError{
				Rule:       t.rule,
				Attribute:  t.attribute,
				Summary:    t.summary,
				Detail:     t.detail,
				AWSCode:    code,
				AWSMessage: msg,
				Err:        err,
			}
		}
	}
	return err
}
