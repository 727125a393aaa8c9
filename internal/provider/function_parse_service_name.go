package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var _ function.Function = (*parseServiceNameFunction)(nil)

// NewParseServiceNameFunction returns the parse_service_name provider function.
func NewParseServiceNameFunction() function.Function {
	return &parseServiceNameFunction{}
}

type parseServiceNameFunction struct{}

var parsedServiceNameAttrTypes = map[string]attr.Type{
	"partition":    types.StringType,
	"prefix":       types.StringType,
	"private_link": types.BoolType,
	"region":       types.StringType,
	"service":      types.StringType,
	"service_id":   types.StringType,
	"short_name":   types.StringType,
}

func (f *parseServiceNameFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_service_name"
}

func (f *parseServiceNameFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Take a full service name apart",
		MarkdownDescription: "Takes a full VPC endpoint service name apart and returns an object with:\n\n" +
			"- `region`: the region in the name (`us-east-1`), null for a service outside any region such as `com.amazonaws.s3-global.accesspoint`;\n" +
			"- `partition`: the AWS partition of that region (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`), null without a region;\n" +
			"- `prefix`: the reverse-DNS prefix (`com.amazonaws`, `cn.com.amazonaws`, `com.amazonaws.vpce`, `aws.sagemaker`);\n" +
			"- `service`: the part after the region (`s3`, `ecr.api`, `notebook`, or the `vpce-svc-…` ID of a PrivateLink service);\n" +
			"- `short_name`: the short name the endpoint resources' `service` argument and `service_name()` accept in its place (`s3`), null when the service has none (PrivateLink services, `aws.…` names);\n" +
			"- `private_link`: whether it is a PrivateLink endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-…`);\n" +
			"- `service_id`: the `vpce-svc-…` ID of a PrivateLink service, else null.\n\n" +
			"A short name or a malformed name is an error. Pure: no AWS call is made. " + functionVersionNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "name", MarkdownDescription: "Full service name, such as `com.amazonaws.us-east-1.s3` or `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`."},
		},
		Return: function.ObjectReturn{AttributeTypes: parsedServiceNameAttrTypes},
	}
}

func (f *parseServiceNameFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	resp.Error = req.Arguments.Get(ctx, &name)
	if resp.Error != nil {
		return
	}
	parts, err := planner.ParseServiceName(name)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	partition := types.StringNull()
	if parts.Region != "" {
		partition = types.StringValue(planner.Partition(parts.Region))
	}
	obj, diags := types.ObjectValue(parsedServiceNameAttrTypes, map[string]attr.Value{
		"partition":    partition,
		"prefix":       types.StringValue(parts.Prefix),
		"private_link": types.BoolValue(parts.PrivateLink),
		"region":       stringOrNull(parts.Region),
		"service":      types.StringValue(parts.Service),
		"service_id":   stringOrNull(parts.ServiceID),
		"short_name":   stringOrNull(parts.ShortName),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}
