package planner

import (
	"fmt"
	"slices"
	"strings"
)

// Partition rules for AWS service names.
//
// Almost every AWS service is named com.amazonaws.<region>.<service>, in every partition (aws,
// aws-us-gov, aws-cn, the isolated ones). A few regions name some of their interface services with a
// reverse-DNS prefix of their own: in the China regions ec2 is cn.com.amazonaws.cn-north-1.ec2 while
// ssm stays com.amazonaws.cn-north-1.ssm, and S3 is cn.com.amazonaws.cn-north-1.s3 as an interface
// service but com.amazonaws.cn-north-1.s3 as a gateway. The tables below list, per region, the
// services that DescribeVpcEndpointServices names with the region's own prefix (the same facts the AWS
// CDK keeps for its endpoint constructs). A service not listed, a gateway, and any region not listed
// (GovCloud included) use com.amazonaws.

// regionPrefixes is the reverse-DNS prefix of the regions that have one.
var regionPrefixes = map[string]string{
	"cn-north-1":      prefixChina,
	"cn-northwest-1":  prefixChina,
	"eu-isoe-west-1":  "uk.adc-e.cloud.",
	"eusc-de-east-1":  "eu.amazonaws.",
	"us-iso-east-1":   "gov.ic.c2s.",
	"us-iso-west-1":   "gov.ic.c2s.",
	"us-isob-east-1":  "gov.sgov.sc2s.",
	"us-isob-west-1":  "gov.sgov.sc2s.",
	"us-isof-east-1":  "gov.ic.hci.csp.",
	"us-isof-south-1": "gov.ic.hci.csp.",
}

// fullNamePrefixes are the prefixes a full AWS service name can start with, longest first so that
// cutting the first match never leaves part of a prefix behind.
var fullNamePrefixes = func() []string {
	out := []string{prefixAWS}
	for _, p := range regionPrefixes {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return out
}()

// chinaServices are the interface services named cn.com.amazonaws.<region>.<service> in both China
// regions; chinaNorthServices and chinaNorthwestServices are those of one region only.
const (
	chinaServices = "application-autoscaling appmesh-envoy-management athena autoscaling awsconnector " +
		"backup batch cassandra cloudcontrolapi cloudformation codedeploy-commands-secure databrew dms ebs " +
		"ec2 ecr.api ecr.dkr eks elasticache elasticbeanstalk elasticfilesystem elasticfilesystem-fips " +
		"emr-containers execute-api fsx imagebuilder iot.data kinesis-streams lambda license-manager " +
		"monitoring rds redshift redshift-data s3 sagemaker.api sagemaker.featurestore-runtime " +
		"sagemaker.runtime securityhub servicecatalog sms sqs states sts sync-states synthetics transcribe " +
		"transcribestreaming transfer xray"
	chinaNorthServices     = "iotsitewise.api iotsitewise.data"
	chinaNorthwestServices = "account polly workspaces"
	isoCommonServices      = "ebs ecr.api ecr.dkr execute-api"
)

// regionPrefixServices lists, per region of regionPrefixes, the interface services that use its prefix.
var regionPrefixServices = map[string][]string{
	"cn-north-1":     strings.Fields(chinaServices + " " + chinaNorthServices),
	"cn-northwest-1": strings.Fields(chinaServices + " " + chinaNorthwestServices),
	"eu-isoe-west-1": strings.Fields(isoCommonServices),
	"eusc-de-east-1": strings.Fields("ecr.api ecr.dkr execute-api securityhub"),
	"us-iso-east-1": strings.Fields("application-autoscaling athena autoscaling comprehend diode-messaging " +
		"diode-messaging-proxy ebs ec2 ecr.api ecr.dkr elasticfilesystem elasticfilesystem-fips execute-api " +
		"sagemaker.api sagemaker.runtime sns sqs textract textract-fips transcribe workspaces"),
	"us-iso-west-1": strings.Fields("autoscaling ebs ec2 ecr.api ecr.dkr elasticfilesystem " +
		"elasticfilesystem-fips execute-api monitoring sns sqs workspaces"),
	"us-isob-east-1": strings.Fields("application-autoscaling autoscaling diode-messaging " +
		"diode-messaging-proxy ebs ec2 ecr.api ecr.dkr elasticfilesystem elasticfilesystem-fips execute-api " +
		"sagemaker.api sagemaker.runtime sns sqs workspaces"),
	"us-isob-west-1":  strings.Fields("ecr.api ecr.dkr elasticfilesystem-fips execute-api"),
	"us-isof-east-1":  strings.Fields(isoCommonServices),
	"us-isof-south-1": strings.Fields(isoCommonServices),
}

// chinaSuffixServices are named with a trailing ".cn" in the China regions
// (cn.com.amazonaws.cn-north-1.transcribe.cn).
var chinaSuffixServices = []string{"transcribe"}

const chinaSuffix = ".cn"

// partitionServiceName builds the full name of the AWS service short in region, for endpointType
// (TypeGateway, or anything else for the interface form).
func partitionServiceName(short, region, endpointType string) string {
	prefix, ok := regionPrefixes[region]
	if !ok || strings.EqualFold(endpointType, TypeGateway) || !slices.Contains(regionPrefixServices[region], short) {
		return prefixAWS + region + "." + short
	}
	name := prefix + region + "." + short
	if prefix == prefixChina && slices.Contains(chinaSuffixServices, short) {
		name += chinaSuffix
	}
	return name
}

// cutFullNamePrefix splits a full AWS service name into its prefix and the rest (<region>.<service>).
func cutFullNamePrefix(name string) (prefix, rest string, ok bool) {
	for _, p := range fullNamePrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return p, rest, true
		}
	}
	return "", "", false
}

// partitionsByRegionPrefix maps region-name prefixes to AWS partitions, longest first.
var partitionsByRegionPrefix = []struct{ prefix, partition string }{
	{"us-isob-", "aws-iso-b"},
	{"us-isof-", "aws-iso-f"},
	{"eu-isoe-", "aws-iso-e"},
	{"us-gov-", "aws-us-gov"},
	{"us-iso-", "aws-iso"},
	{"eusc-", "aws-eusc"},
	{"cn-", "aws-cn"},
}

// Partition returns the AWS partition of a region: aws-cn for cn-*, aws-us-gov for us-gov-*, aws-iso,
// aws-iso-b, aws-iso-e and aws-iso-f for the isolated regions, aws-eusc for eusc-*, else aws.
func Partition(region string) string {
	for _, p := range partitionsByRegionPrefix {
		if strings.HasPrefix(region, p.prefix) {
			return p.partition
		}
	}
	return "aws"
}

// ServiceNameParts is a full service name taken apart.
type ServiceNameParts struct {
	Prefix      string // reverse-DNS prefix without its final dot: com.amazonaws, cn.com.amazonaws, aws.sagemaker, com.amazonaws.vpce
	Region      string
	Service     string // the part after the region: s3, ecr.api, transcribe (its .cn suffix cut), notebook, vpce-svc-…
	ShortName   string // what `service` accepts in place of the full name; "" when there is none (PrivateLink, aws.…)
	PrivateLink bool
	ServiceID   string // vpce-svc-… of a PrivateLink service
}

// ParseServiceName takes a full service name apart. A short name, or a malformed name, is an error.
func ParseServiceName(name string) (ServiceNameParts, error) {
	if err := checkServiceSyntax(name); err != nil {
		return ServiceNameParts{}, err
	}
	if !isFullName(name) {
		return ServiceNameParts{}, fmt.Errorf("service %q is a short name, not a full service name such as "+
			"com.amazonaws.us-east-1.s3", name)
	}
	if err := checkFullName(name); err != nil {
		return ServiceNameParts{}, err
	}
	if rest, ok := strings.CutPrefix(name, prefixPrivateLink); ok {
		region, id, _ := strings.Cut(rest, ".")
		return ServiceNameParts{Prefix: strings.TrimSuffix(prefixPrivateLink, "."), Region: region, Service: id, PrivateLink: true, ServiceID: id}, nil
	}
	if rest, ok := strings.CutPrefix(name, prefixAWSOther); ok {
		// aws.<namespace>.<region>.<service>: the region is the first segment that is one.
		segs := strings.Split(rest, ".")
		for i := 1; i < len(segs)-1; i++ {
			if IsRegion(segs[i]) {
				return ServiceNameParts{Prefix: prefixAWSOther + strings.Join(segs[:i], "."), Region: segs[i], Service: strings.Join(segs[i+1:], ".")}, nil
			}
		}
		return ServiceNameParts{Prefix: strings.TrimSuffix(prefixAWSOther, "."), Service: rest}, nil
	}
	prefix, rest, _ := cutFullNamePrefix(name)
	region, short, ok := splitFullName(name)
	if !ok {
		// A service outside any region, such as com.amazonaws.s3-global.accesspoint.
		return ServiceNameParts{Prefix: strings.TrimSuffix(prefix, "."), Service: rest}, nil
	}
	return ServiceNameParts{Prefix: strings.TrimSuffix(prefix, "."), Region: region, Service: short, ShortName: short}, nil
}

// GatewayServiceName reports whether a service, by short or full name, offers Gateway endpoints: a
// short name of the gateway services, or the full name such a service has as a Gateway in its region
// (com.amazonaws.cn-north-1.s3 is; cn.com.amazonaws.cn-north-1.s3, S3's interface service in China, is
// not). A malformed name is an error.
func GatewayServiceName(service string) (bool, error) {
	if err := checkServiceSyntax(service); err != nil {
		return false, err
	}
	if !isFullName(service) {
		return GatewayCapable(service), nil
	}
	parts, err := ParseServiceName(service)
	if err != nil {
		return false, err
	}
	if parts.ShortName == "" || !GatewayCapable(parts.ShortName) {
		return false, nil
	}
	return partitionServiceName(parts.ShortName, parts.Region, TypeGateway) == service, nil
}
