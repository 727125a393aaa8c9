package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var _ function.Function = (*gatewaySupportedFunction)(nil)

// NewGatewaySupportedFunction returns the gateway_supported provider function.
func NewGatewaySupportedFunction() function.Function {
	return &gatewaySupportedFunction{}
}

type gatewaySupportedFunction struct{}

func (f *gatewaySupportedFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "gateway_supported"
}

func (f *gatewaySupportedFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a service offers Gateway endpoints",
		MarkdownDescription: "Returns whether a service offers Gateway endpoints (free, routed through route tables): true for " +
			quotedList(planner.GatewayServices()) + " by short name, and for the full name such a service has as a gateway in its " +
			"region (`com.amazonaws.cn-north-1.s3` is; `cn.com.amazonaws.cn-north-1.s3`, S3's interface service in China, is not). " +
			"Every other service, PrivateLink services included, offers Interface endpoints only. A malformed name is an error. " +
			"Pure: no AWS call is made, so it does not tell whether the service exists in a region (the `vpce_service` data source's " +
			"`gateway_supported` does). " + functionVersionNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "service", MarkdownDescription: "Short name such as `s3`, or a full service name."},
		},
		Return: function.BoolReturn{},
	}
}

func (f *gatewaySupportedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var service string
	resp.Error = req.Arguments.Get(ctx, &service)
	if resp.Error != nil {
		return
	}
	ok, err := planner.GatewayServiceName(service)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, ok)
}
