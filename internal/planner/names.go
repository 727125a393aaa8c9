package planner

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Service-name prefixes, as EC2 spells them.
const (
	prefixAWS         = "com.amazonaws."
	prefixChina       = "cn.com.amazonaws."
	prefixPrivateLink = "com.amazonaws.vpce."
	prefixAWSOther    = "aws." // e.g. aws.sagemaker.us-east-1.notebook
	privateLinkSvc    = "vpce-svc-"
)

// acceptedForms is appended to every service-name error so that it says what is accepted.
const acceptedForms = "use a short name such as s3, ecr.api or execute-api; a full name such as " +
	"com.amazonaws.us-east-1.s3 (cn.com.amazonaws.cn-north-1.s3 in China, aws.sagemaker.us-east-1.notebook); " +
	"or a PrivateLink service name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"

var (
	// regionPattern matches AWS region names: us-east-1, us-gov-west-1, cn-northwest-1, eu-isoe-west-1,
	// eusc-de-east-1.
	regionPattern = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+-[0-9]+$`)
	// segmentPattern matches one dot-separated segment of a service name.
	segmentPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
	hexPattern     = regexp.MustCompile(`^[0-9a-f]+$`)
)

// gatewayServices are the services that offer Gateway endpoints, by short name.
var gatewayServices = []string{"s3", "dynamodb", "s3express"}

// GatewayServices returns the short names of the services that offer Gateway endpoints. The
// provider uses it for validators and schema descriptions.
func GatewayServices() []string { return slices.Clone(gatewayServices) }

// GatewayCapable reports whether the service with this short name offers Gateway endpoints.
func GatewayCapable(short string) bool { return slices.Contains(gatewayServices, short) }

// PreferredType returns TypeGateway where the service offers it (it is free), TypeGatewayLoadBalancer
// for a Gateway Load Balancer endpoint service (the only type it offers), else TypeInterface.
func PreferredType(serviceTypes []string) string {
	if onlyGatewayLoadBalancer(serviceTypes) {
		return TypeGatewayLoadBalancer
	}
	for _, t := range serviceTypes {
		if strings.EqualFold(t, TypeGateway) {
			return TypeGateway
		}
	}
	return TypeInterface
}

// IsRegion reports whether s has the shape of an AWS region name (us-east-1, us-gov-west-1, ...).
func IsRegion(s string) bool { return regionPattern.MatchString(s) }

// ResolveServiceName turns the `service` argument into a full service name for region, in the form
// an Interface endpoint uses (see ResolveServiceNameForType).
//
// A short name ("s3", "ecr.api", "execute-api") becomes com.amazonaws.<region>.<short>, or the
// region's own prefix where the partition rules say so (cn.com.amazonaws.cn-north-1.ec2 in China).
// A full name (com.amazonaws.…, cn.com.amazonaws.…, aws.…, or another partition prefix) or a
// PrivateLink service name (com.amazonaws.vpce.<region>.vpce-svc-…) passes through unchanged,
// whatever its region: whether the service exists is a live rule (P1, P9). region is only needed, and
// only checked, for short names.
func ResolveServiceName(service, region string) (string, error) {
	return ResolveServiceNameForType(service, region, TypeInterface)
}

// ResolveServiceNameForType is ResolveServiceName for one endpoint type. The two forms differ only
// where a region names a service with a prefix of its own for its interface endpoints but not for
// its gateway: S3 in China is cn.com.amazonaws.cn-north-1.s3 as an Interface service and
// com.amazonaws.cn-north-1.s3 as a Gateway. Any endpointType other than TypeGateway gives the
// interface form.
func ResolveServiceNameForType(service, region, endpointType string) (string, error) {
	if service == "" {
		return "", fmt.Errorf("service must not be empty: %s", acceptedForms)
	}
	if err := checkServiceSyntax(service); err != nil {
		return "", err
	}
	if isFullName(service) {
		if err := checkFullName(service); err != nil {
			return "", err
		}
		return service, nil
	}
	if region == "" {
		return "", fmt.Errorf("service %q is a short name, and the region to resolve it in is unknown: "+
			"set the provider's region, or %s", service, acceptedForms)
	}
	if !IsRegion(region) {
		return "", fmt.Errorf("cannot resolve service %q: region %q is not an AWS region name such as us-east-1",
			service, region)
	}
	return partitionServiceName(service, region, endpointType), nil
}

// ShortName returns the short name of a full AWS service name ("com.amazonaws.us-east-1.s3" → "s3",
// "cn.com.amazonaws.cn-north-1.ecr.api" → "ecr.api", "cn.com.amazonaws.cn-north-1.transcribe.cn" →
// "transcribe"). PrivateLink service names and names of any other shape are returned whole.
func ShortName(serviceName string) string {
	_, short, ok := splitFullName(serviceName)
	if !ok {
		return serviceName
	}
	return short
}

// ServiceRegion returns the region of a full AWS or PrivateLink service name
// ("com.amazonaws.us-east-1.s3" → "us-east-1"), or "" when the name has none.
func ServiceRegion(serviceName string) string {
	if rest, ok := strings.CutPrefix(serviceName, prefixPrivateLink); ok {
		if region, _, ok := strings.Cut(rest, "."); ok && IsRegion(region) {
			return region
		}
		return ""
	}
	if rest, ok := strings.CutPrefix(serviceName, prefixAWSOther); ok {
		// aws.<namespace>.<region>.<service>
		segs := strings.Split(rest, ".")
		if len(segs) >= 3 && IsRegion(segs[1]) {
			return segs[1]
		}
		return ""
	}
	region, _, _ := splitFullName(serviceName)
	return region
}

// splitFullName splits a full AWS service name into its region and short name.
func splitFullName(serviceName string) (region, short string, ok bool) {
	if strings.HasPrefix(serviceName, prefixPrivateLink) {
		return "", "", false
	}
	prefix, rest, ok := cutFullNamePrefix(serviceName)
	if !ok {
		return "", "", false
	}
	region, short, ok = strings.Cut(rest, ".")
	if !ok || short == "" || !IsRegion(region) {
		return "", "", false
	}
	if prefix == prefixChina {
		if base, cut := strings.CutSuffix(short, chinaSuffix); cut && slices.Contains(chinaSuffixServices, base) {
			short = base
		}
	}
	return region, short, true
}

// IsPrivateLinkName reports whether serviceName is a PrivateLink endpoint service name
// (com.amazonaws.vpce.<region>.vpce-svc-…).
func IsPrivateLinkName(serviceName string) bool {
	return strings.HasPrefix(serviceName, prefixPrivateLink)
}

// ServiceName resolves the configuration's `service` in the provider's region. It returns "" and no
// error when the service is unknown.
func (c GatewayConfig) ServiceName() (string, error) {
	if c.Service == "" {
		return "", nil
	}
	return ResolveServiceNameForType(c.Service, c.Region, TypeGateway)
}

// ServiceName resolves the configuration's `service` in service_region when set, else in the
// provider's region. It returns "" and no error when the service is unknown.
func (c InterfaceConfig) ServiceName() (string, error) {
	if c.Service == "" {
		return "", nil
	}
	return ResolveServiceName(c.Service, c.serviceRegion())
}

// serviceRegion is the region the service lives in: service_region when set, else the provider's.
func (c InterfaceConfig) serviceRegion() string {
	if c.ServiceRegion != "" {
		return c.ServiceRegion
	}
	return c.Region
}

func isFullName(s string) bool {
	if strings.HasPrefix(s, prefixAWSOther) {
		return true
	}
	_, _, ok := cutFullNamePrefix(s)
	return ok
}

// checkServiceSyntax checks what every form shares: lowercase letters, digits, hyphens, and dots
// between non-empty segments.
func checkServiceSyntax(s string) error {
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return fmt.Errorf("service %q contains white space: %s", s, acceptedForms)
		case r >= 'A' && r <= 'Z':
			return fmt.Errorf("service %q contains uppercase letters; service names are lowercase: %s",
				s, acceptedForms)
		}
	}
	for seg := range strings.SplitSeq(s, ".") {
		if !segmentPattern.MatchString(seg) {
			return fmt.Errorf("service %q is malformed (empty, leading or trailing dot or hyphen, or a "+
				"character other than a-z, 0-9, '-' and '.'): %s", s, acceptedForms)
		}
	}
	return nil
}

// checkFullName checks the shape of a full name beyond its syntax.
func checkFullName(s string) error {
	segs := strings.Split(s, ".")
	switch {
	case strings.HasPrefix(s, prefixPrivateLink):
		// com.amazonaws.vpce.<region>.vpce-svc-<hex>
		id, isSvc := strings.CutPrefix(segs[len(segs)-1], privateLinkSvc)
		if len(segs) != 5 || !IsRegion(segs[3]) || !isSvc || !hexPattern.MatchString(id) {
			return fmt.Errorf("service %q is not a valid PrivateLink service name "+
				"(com.amazonaws.vpce.<region>.vpce-svc-<hex id>): %s", s, acceptedForms)
		}
	case strings.HasPrefix(s, prefixAWSOther):
		if len(segs) < 3 {
			return fmt.Errorf("service %q is incomplete (aws.<namespace>.<region>.<service>): %s",
				s, acceptedForms)
		}
	default:
		// <prefix>.<region>.<service>: com.amazonaws.us-east-1.s3, cn.com.amazonaws.cn-north-1.ec2, …
		prefix, rest, _ := cutFullNamePrefix(s)
		if len(strings.Split(rest, ".")) < 2 {
			return fmt.Errorf("service %q is incomplete (%s<region>.<service>): %s",
				s, prefix, acceptedForms)
		}
	}
	return nil
}

// placeholderRegion stands in for the provider's region when static rules run before it is known
// (`terraform validate`): it lets a short name be checked for form without claiming a region.
const placeholderRegion = "us-east-1"

// staticServiceName is the name static rules work with: the resolved full name when the region is
// known, else the short name as written (checked for form) or the full name.
func staticServiceName(service, region string) (string, error) {
	if service == "" {
		return "", nil
	}
	if region != "" {
		return ResolveServiceName(service, region)
	}
	if _, err := ResolveServiceName(service, placeholderRegion); err != nil {
		return "", err
	}
	return service, nil
}
