package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runFunction calls a provider function as Terraform would, with string arguments (the last ones
// as the variadic tuple when variadic is set).
func runFunction(t *testing.T, f function.Function, args []attr.Value) *function.RunResponse {
	t.Helper()
	ctx := context.Background()
	def := &function.DefinitionResponse{}
	f.Definition(ctx, function.DefinitionRequest{}, def)
	vresp := &function.DefinitionValidateResponse{}
	def.Definition.ValidateImplementation(ctx, function.DefinitionValidateRequest{FuncName: "test"}, vresp)
	if vresp.Diagnostics.HasError() {
		t.Fatalf("invalid definition: %v", vresp.Diagnostics)
	}
	resp := &function.RunResponse{Result: function.NewResultData(def.Definition.Return.GetType().ValueType(ctx))}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, resp)
	return resp
}

func variadic(values ...string) attr.Value {
	elems := make([]attr.Value, len(values))
	typs := make([]attr.Type, len(values))
	for i, v := range values {
		elems[i], typs[i] = types.StringValue(v), types.StringType
	}
	return types.TupleValueMust(typs, elems)
}

func TestServiceNameFunction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, service, region string
		endpointType          []string
		want                  string
		wantErr               string // substring of the error
		wantArg               int64  // argument the error is about
	}{
		{name: "short", service: "s3", region: "us-east-1", want: "com.amazonaws.us-east-1.s3"},
		{name: "dotted short", service: "ecr.api", region: "eu-west-1", want: "com.amazonaws.eu-west-1.ecr.api"},
		{name: "govcloud", service: "ecr.api", region: "us-gov-west-1", want: "com.amazonaws.us-gov-west-1.ecr.api"},
		{name: "china prefixed", service: "ec2", region: "cn-north-1", want: "cn.com.amazonaws.cn-north-1.ec2"},
		{name: "china unprefixed", service: "ssm", region: "cn-north-1", want: "com.amazonaws.cn-north-1.ssm"},
		{name: "china s3 default interface", service: "s3", region: "cn-northwest-1", want: "cn.com.amazonaws.cn-northwest-1.s3"},
		{name: "china s3 gateway", service: "s3", region: "cn-northwest-1", endpointType: []string{"Gateway"}, want: "com.amazonaws.cn-northwest-1.s3"},
		{name: "china s3 interface", service: "s3", region: "cn-north-1", endpointType: []string{"Interface"}, want: "cn.com.amazonaws.cn-north-1.s3"},
		{name: "china suffix", service: "transcribe", region: "cn-north-1", want: "cn.com.amazonaws.cn-north-1.transcribe.cn"},
		{name: "iso", service: "ecr.dkr", region: "us-isob-east-1", want: "gov.sgov.sc2s.us-isob-east-1.ecr.dkr"},
		{name: "full unchanged", service: "com.amazonaws.us-west-2.ssm", region: "us-east-1", want: "com.amazonaws.us-west-2.ssm"},
		{name: "bad region", service: "s3", region: "us-east", wantErr: `"us-east" is not an AWS region name`, wantArg: 1},
		{name: "bad service", service: "S3", region: "us-east-1", wantErr: "uppercase", wantArg: 0},
		{name: "empty service", service: "", region: "us-east-1", wantErr: "must not be empty", wantArg: 0},
		{name: "bad type", service: "s3", region: "us-east-1", endpointType: []string{"gateway"}, wantErr: `endpoint_type must be Gateway or Interface, got "gateway"`, wantArg: 2},
		{name: "two types", service: "s3", region: "us-east-1", endpointType: []string{"Gateway", "Interface"}, wantErr: "at most one", wantArg: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := runFunction(t, NewServiceNameFunction(), []attr.Value{types.StringValue(tt.service), types.StringValue(tt.region), variadic(tt.endpointType...)})
			checkFunctionResult(t, resp, types.StringValue(tt.want), tt.wantErr, tt.wantArg)
		})
	}
}

func TestParseServiceNameFunction(t *testing.T) {
	t.Parallel()
	obj := func(partition, prefix string, privateLink bool, region, service, serviceID, short string) attr.Value {
		return types.ObjectValueMust(parsedServiceNameAttrTypes, map[string]attr.Value{
			"partition": stringOrNull(partition), "prefix": types.StringValue(prefix), "private_link": types.BoolValue(privateLink),
			"region": stringOrNull(region), "service": types.StringValue(service), "service_id": stringOrNull(serviceID), "short_name": stringOrNull(short),
		})
	}
	tests := []struct {
		name, in string
		want     attr.Value
		wantErr  string
	}{
		{"aws service", "com.amazonaws.us-east-1.s3", obj("aws", "com.amazonaws", false, "us-east-1", "s3", "", "s3"), ""},
		{"dotted", "com.amazonaws.eu-west-1.ecr.dkr", obj("aws", "com.amazonaws", false, "eu-west-1", "ecr.dkr", "", "ecr.dkr"), ""},
		{"china", "cn.com.amazonaws.cn-north-1.ecr.api", obj("aws-cn", "cn.com.amazonaws", false, "cn-north-1", "ecr.api", "", "ecr.api"), ""},
		{"govcloud", "com.amazonaws.us-gov-east-1.s3", obj("aws-us-gov", "com.amazonaws", false, "us-gov-east-1", "s3", "", "s3"), ""},
		{"privatelink", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
			obj("aws", "com.amazonaws.vpce", true, "us-east-1", "vpce-svc-0123456789abcdef0", "vpce-svc-0123456789abcdef0", ""), ""},
		{"sagemaker", "aws.sagemaker.us-west-2.notebook", obj("aws", "aws.sagemaker", false, "us-west-2", "notebook", "", ""), ""},
		{"no region", "com.amazonaws.s3-global.accesspoint", obj("", "com.amazonaws", false, "", "s3-global.accesspoint", "", ""), ""},
		{"short name", "s3", nil, "is a short name"},
		{"incomplete", "com.amazonaws.us-east-1", nil, "incomplete"},
		{"bad privatelink", "com.amazonaws.vpce.us-east-1.vpce-svc-nothex", nil, "not a valid PrivateLink service name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := runFunction(t, NewParseServiceNameFunction(), []attr.Value{types.StringValue(tt.in)})
			checkFunctionResult(t, resp, tt.want, tt.wantErr, 0)
		})
	}
}

func TestGatewaySupportedFunction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    bool
		wantErr string
	}{
		{"s3", true, ""},
		{"dynamodb", true, ""},
		{"s3express", true, ""},
		{"ssm", false, ""},
		{"ecr.api", false, ""},
		{"com.amazonaws.us-east-1.dynamodb", true, ""},
		{"com.amazonaws.us-east-1.ssm", false, ""},
		{"com.amazonaws.cn-north-1.s3", true, ""},
		{"cn.com.amazonaws.cn-north-1.s3", false, ""},
		{"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", false, ""},
		{"S3", false, "uppercase"},
		{"", false, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			resp := runFunction(t, NewGatewaySupportedFunction(), []attr.Value{types.StringValue(tt.in)})
			checkFunctionResult(t, resp, types.BoolValue(tt.want), tt.wantErr, 0)
		})
	}
}

func checkFunctionResult(t *testing.T, resp *function.RunResponse, want attr.Value, wantErr string, wantArg int64) {
	t.Helper()
	if wantErr != "" {
		if resp.Error == nil || !strings.Contains(resp.Error.Text, wantErr) {
			t.Fatalf("error = %v, want one containing %q", resp.Error, wantErr)
		}
		if resp.Error.FunctionArgument == nil || *resp.Error.FunctionArgument != wantArg {
			t.Errorf("error is about argument %v, want %d", resp.Error.FunctionArgument, wantArg)
		}
		return
	}
	if resp.Error != nil {
		t.Fatalf("unexpected error: %v", resp.Error)
	}
	if got := resp.Result.Value(); !got.Equal(want) {
		t.Errorf("result = %s, want %s", got, want)
	}
}

func TestProviderFunctionsRegistered(t *testing.T) {
	t.Parallel()
	p := &vpceProvider{}
	var names []string
	for _, newFn := range p.Functions(context.Background()) {
		resp := &function.MetadataResponse{}
		newFn().Metadata(context.Background(), function.MetadataRequest{}, resp)
		names = append(names, resp.Name)
	}
	if strings.Join(names, ",") != "gateway_supported,parse_service_name,service_name" {
		t.Errorf("functions = %v", names)
	}
}
