package planner

import (
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
