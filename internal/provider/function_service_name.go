package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var _ function.Function = (*serviceNameFunction)(nil)

// NewServiceNameFunction returns the service_name provider function.
func NewServiceNameFunction() function.Function {
	return &serviceNameFunction{}
}

type serviceNameFunction struct{}

// functionVersionNote ends every provider function's description.
const functionVersionNote = "Provider functions need Terraform 1.8 or later, or OpenTofu 1.7 or later; older versions do not see them."

// functionEndpointTypes are the values of service_name's endpoint_type.
var functionEndpointTypes = []string{planner.TypeGateway, planner.TypeInterface}

func (f *serviceNameFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "service_name"
}

func (f *serviceNameFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Full name of an AWS service in a region",
		MarkdownDescription: "Returns the full VPC endpoint service name of an AWS service in a region, with the partition's naming rules: " +
			"`service_name(\"s3\", \"us-east-1\")` is `com.amazonaws.us-east-1.s3`. " +
			"Most services are `com.amazonaws.<region>.<service>` in every partition, GovCloud included; the China regions name some interface " +
			"services `cn.com.amazonaws.<region>.<service>` (`ec2`, `ecr.api`, `s3`… but not `ssm` or `logs`), and the isolated regions have " +
			"prefixes of their own (`gov.ic.c2s`, `gov.sgov.sc2s`, `gov.ic.hci.csp`, `uk.adc-e.cloud`, `eu.amazonaws`) for a few services. " +
			"Where a service's name differs by endpoint type (S3 in China: `cn.com.amazonaws.cn-north-1.s3` as an interface service, " +
			"`com.amazonaws.cn-north-1.s3` as a gateway), the optional third argument picks one: " + quotedList(functionEndpointTypes) +
			"; without it the interface name is returned, as `vpce_interface_endpoint` uses it. A full name is returned unchanged. " +
			"Pure: no AWS call is made, so the name is not checked to exist (the `vpce_service` data source does that). " + functionVersionNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "service", MarkdownDescription: "Short name such as `s3` or `ecr.api`, or a full name (returned unchanged)."},
			function.StringParameter{Name: "region", MarkdownDescription: "AWS region, such as `us-east-1`."},
		},
		VariadicParameter: function.StringParameter{
			Name:                "endpoint_type",
			MarkdownDescription: "Optional, at most one: " + quotedList(functionEndpointTypes) + ". Defaults to `Interface`.",
		},
		Return: function.StringReturn{},
	}
}

func (f *serviceNameFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var service, region string
	var endpointType []string
	resp.Error = req.Arguments.Get(ctx, &service, &region, &endpointType)
	if resp.Error != nil {
		return
	}
	typ, funcErr := functionEndpointType(endpointType, 2)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	if !planner.IsRegion(region) {
		resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("%q is not an AWS region name such as us-east-1 or cn-north-1", region))
		return
	}
	name, err := planner.ResolveServiceNameForType(service, region, typ)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, name)
}

// functionEndpointType reads an optional variadic endpoint type at argument position pos.
func functionEndpointType(values []string, pos int64) (string, *function.FuncError) {
	switch len(values) {
	case 0:
		return planner.TypeInterface, nil
	case 1:
		for _, t := range functionEndpointTypes {
			if values[0] == t {
				return t, nil
			}
		}
		return "", function.NewArgumentFuncError(pos, fmt.Sprintf("endpoint_type must be %s, got %q", strings.Join(functionEndpointTypes, " or "), values[0]))
	}
	return "", function.NewArgumentFuncError(pos, fmt.Sprintf("endpoint_type takes at most one value, got %d", len(values)))
}
