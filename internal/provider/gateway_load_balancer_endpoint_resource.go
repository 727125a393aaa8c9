package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure      = (*gatewayLoadBalancerEndpointResource)(nil)
	_ resource.ResourceWithImportState    = (*gatewayLoadBalancerEndpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*gatewayLoadBalancerEndpointResource)(nil)
	_ resource.ResourceWithValidateConfig = (*gatewayLoadBalancerEndpointResource)(nil)
)

// gatewayLoadBalancerEndpointType is the resource's type name, for messages naming it.
const gatewayLoadBalancerEndpointType = "vpce_gateway_load_balancer_endpoint"

// NewGatewayLoadBalancerEndpointResource returns the vpce_gateway_load_balancer_endpoint resource.
func NewGatewayLoadBalancerEndpointResource() resource.Resource {
	return &gatewayLoadBalancerEndpointResource{}
}

type gatewayLoadBalancerEndpointResource struct {
	data *providerData
}

func (r *gatewayLoadBalancerEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_load_balancer_endpoint"
}

func (r *gatewayLoadBalancerEndpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Gateway Load Balancer endpoint: one network interface in one subnet that sends the traffic routed to it " +
			"to a Gateway Load Balancer endpoint service (firewalls, intrusion detection and other inspection appliances) and back. " +
			"Route traffic through it with an `aws_route` whose `vpc_endpoint_id` is this endpoint's `id`. The planner checks at " +
			"`terraform plan` that the service is a Gateway Load Balancer endpoint service (naming the resource to use otherwise), " +
			"that the subnet is in the endpoint's VPC and in an Availability Zone the service is offered in, and that the IP address " +
			"type is one the service supports.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the endpoint.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"auto_accept": schema.BoolAttribute{
				MarkdownDescription: "For a service that requires acceptance and is owned by this account: accept the connection, so the endpoint becomes `available`. When false or unset, the endpoint waits in `pendingAcceptance` for the service owner. Accepting a service of another account is an error at plan.",
				Optional:            true,
			},
			"availability_zone": schema.StringAttribute{
				MarkdownDescription: "Availability Zone of the endpoint's subnet.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the endpoint (`vpce-…`), the `vpc_endpoint_id` of the routes that send traffic to it.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"ip_address_type": schema.StringAttribute{
				MarkdownDescription: "IP address type of the endpoint's network interface: " + quotedList(planner.GatewayLoadBalancerIPAddressTypes()) + " (Gateway Load Balancers have no IPv6-only mode; `dualstack` needs a service whose Gateway Load Balancer is dualstack). When unset: `ipv4` at create, then whatever the endpoint has. Changing it replaces the endpoint.",
				Optional:            true,
				Computed:            true,
			},
			"network_interface_ids": schema.SetAttribute{
				MarkdownDescription: "The endpoint's requester-managed network interface (one, in `subnet_id`).",
				Computed:            true,
				ElementType:         types.StringType,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "ID of the AWS account that owns the endpoint.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "Name of the Gateway Load Balancer endpoint service, `com.amazonaws.vpce.<region>.vpce-svc-…` (its provider's `aws_vpc_endpoint_service.service_name`). An AWS service, or a PrivateLink service behind a Network Load Balancer, is an error at plan that names the resource to use. Changing it replaces the endpoint.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "State of the endpoint: `available`, or `pendingAcceptance` while a service that requires acceptance has not accepted it.",
				Computed:            true,
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "The one subnet of the endpoint (AWS takes exactly one, in an Availability Zone the service is offered in, and never changes it). Changing it replaces the endpoint.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(subnetIDRegexp, "must be a subnet ID such as subnet-0123456789abcdef0")},
			},
			"tags":     tagsAttribute(),
			"tags_all": tagsAllAttribute(),
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "ID of the VPC. Changing it replaces the endpoint.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(vpcIDRegexp, "must be a VPC ID such as vpc-0123456789abcdef0")},
			},
		},
	}
	addGatewayLoadBalancerUnsupported(resp.Schema.Attributes)
}

func (r *gatewayLoadBalancerEndpointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *gatewayLoadBalancerEndpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan gatewayLoadBalancerEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	client := r.data.client
	input := &ec2.CreateVpcEndpointInput{
		ServiceName:       plan.Service.ValueStringPointer(),
		VpcEndpointType:   ec2types.VpcEndpointTypeGatewayLoadBalancer,
		VpcId:             plan.VPCID.ValueStringPointer(),
		SubnetIds:         []string{plan.SubnetID.ValueString()},
		TagSpecifications: tagSpecifications(stringMap(ctx, plan.TagsAll, &resp.Diagnostics)),
	}
	if known(plan.IPAddressType) && plan.IPAddressType.ValueString() != "" {
		input.IpAddressType = ec2types.IpAddressType(plan.IPAddressType.ValueString())
	}
	created, interrupted, err := createEndpoint(ctx, client, input, resp)
	if err != nil {
		appendAPIError(&resp.Diagnostics, "creating VPC endpoint", err)
		return
	}
	id := aws.ToString(created.VpcEndpointId)
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", id)
	tflog.Info(ctx, "created Gateway Load Balancer VPC endpoint")

	endpoint := created
	if !interrupted {
		if endpoint, err = waitCreated(ctx, r.data.client, id, plan.Service.ValueString(), plan.AutoAccept.ValueBool(), "create", timeout); waitInterrupted(ctx, err) {
			endpoint, interrupted = created, true
		} else if err != nil {
			// The id is in state already: Terraform taints the endpoint rather than orphaning it.
			appendAPIError(&resp.Diagnostics, fmt.Sprintf("waiting for VPC endpoint (%s) create", id), err)
			return
		}
	}
	if interrupted {
		interruptedWarning(&resp.Diagnostics, id)
		ctx = context.WithoutCancel(ctx) // what follows only records what AWS answered
	}
	pendingAcceptanceWarning(&resp.Diagnostics, endpoint)
	if !interrupted {
		observedCreated(ctx, resp)
	}
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *gatewayLoadBalancerEndpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state gatewayLoadBalancerEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endpoint := readEndpoint(ctx, r.data.client, state.ID.ValueString(), ec2types.VpcEndpointTypeGatewayLoadBalancer, req, resp)
	if endpoint == nil {
		return
	}
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes what AWS lets change in place: the tags, and the acceptance of a connection waiting
// for it (auto_accept turned on). Every other argument replaces the endpoint.
func (r *gatewayLoadBalancerEndpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state gatewayLoadBalancerEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	client := r.data.client
	id := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", id)

	if !plan.TagsAll.Equal(state.TagsAll) {
		oldTags := stringMap(ctx, state.TagsAll, &resp.Diagnostics)
		newTags := stringMap(ctx, plan.TagsAll, &resp.Diagnostics)
		if err := r.data.updateTags(ctx, client.EC2, id, oldTags, newTags); err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("updating VPC endpoint (%s) tags", id), err.Error())
			return
		}
	}
	var endpoint *ec2types.VpcEndpoint
	var err error
	if plan.AutoAccept.ValueBool() && awsclient.StateEquals(state.State.ValueString(), awsclient.StatePendingAcceptance) {
		endpoint, err = waitCreated(ctx, r.data.client, id, plan.Service.ValueString(), true, "modify", timeout)
	} else {
		endpoint, err = client.ReadVPCEndpoint(ctx, id)
	}
	if err != nil {
		appendAPIError(&resp.Diagnostics, fmt.Sprintf("updating VPC endpoint (%s)", id), err)
		return
	}
	if !plan.TagsAll.Equal(state.TagsAll) {
		// The tags are AWS's now, whether or not the read saw them yet.
		endpoint.Tags = mergeInternalTags(endpoint.Tags, ec2Tags(stringMap(ctx, plan.TagsAll, &resp.Diagnostics)))
	}
	pendingAcceptanceWarning(&resp.Diagnostics, endpoint)
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *gatewayLoadBalancerEndpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state gatewayLoadBalancerEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	enis, _ := setStrings(state.NetworkInterfaceIDs)
	deleteEndpointAndInterfaces(ctx, r.data.client, state.ID.ValueString(), enis, timeout, &resp.Diagnostics)
}

func (r *gatewayLoadBalancerEndpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if validEndpointImportID(req, resp) {
		resp.Diagnostics.Append(r.importedState(ctx, req.ID, &resp.State, resp.Private)...)
	}
}

// importedState is the state of an endpoint imported or moved from the aws provider: its id (Read
// fills the rest).
func (r *gatewayLoadBalancerEndpointResource) importedState(ctx context.Context, id string, state *tfsdk.State, _ privateSetter) diag.Diagnostics {
	return state.SetAttribute(ctx, path.Root("id"), id)
}

// flatten copies every attribute of the endpoint into m, so that drift and import work.
func (r *gatewayLoadBalancerEndpointResource) flatten(ctx context.Context, e *ec2types.VpcEndpoint, m *gatewayLoadBalancerEndpointModel) (diags diag.Diagnostics) {
	client := r.data.client
	priorSubnet, priorZone := m.SubnetID, m.AvailabilityZone

	m.ID = types.StringPointerValue(e.VpcEndpointId)
	m.VPCID = types.StringPointerValue(e.VpcId)
	m.Service = types.StringPointerValue(e.ServiceName)
	m.OwnerID = types.StringPointerValue(e.OwnerId)
	m.ARN = types.StringValue(endpointARN(client, e))
	m.State = types.StringValue(string(e.State))
	m.NetworkInterfaceIDs = setValue(e.NetworkInterfaceIds)
	ipType := string(e.IpAddressType)
	if ipType == "" {
		ipType = planner.IPAddressTypeIPv4
	}
	m.IPAddressType = types.StringValue(ipType)
	subnet := ""
	if len(e.SubnetIds) > 0 {
		subnet = e.SubnetIds[0]
	}
	m.SubnetID = types.StringValue(subnet)

	all := r.data.awsTags(e.Tags)
	prior := stringMap(ctx, m.Tags, &diags)
	m.Tags = mapValue(r.data.ownTags(all, prior), m.Tags.IsNull())
	m.TagsAll = mapValue(all, false)

	// A subnet's zone never changes: a zone already known for the same subnet is not described again.
	if subnet != "" && priorSubnet.ValueString() == subnet && known(priorZone) && priorZone.ValueString() != "" {
		return diags
	}
	m.AvailabilityZone = types.StringValue("")
	if subnet == "" {
		return diags
	}
	subnets, err := client.SubnetFacts(ctx, []string{subnet})
	if err != nil {
		diags.AddError(fmt.Sprintf("reading subnet (%s) of VPC endpoint (%s)", subnet, aws.ToString(e.VpcEndpointId)), err.Error())
		return diags
	}
	m.AvailabilityZone = types.StringValue(subnets[subnet].AvailabilityZone)
	return diags
}

type gatewayLoadBalancerEndpointModel struct {
	gatewayLoadBalancerUnsupported

	ARN                 types.String   `tfsdk:"arn"`
	AutoAccept          types.Bool     `tfsdk:"auto_accept"`
	AvailabilityZone    types.String   `tfsdk:"availability_zone"`
	ID                  types.String   `tfsdk:"id"`
	IPAddressType       types.String   `tfsdk:"ip_address_type"`
	NetworkInterfaceIDs types.Set      `tfsdk:"network_interface_ids"` //< string
	OwnerID             types.String   `tfsdk:"owner_id"`
	Service             types.String   `tfsdk:"service"`
	State               types.String   `tfsdk:"state"`
	SubnetID            types.String   `tfsdk:"subnet_id"`
	Tags                types.Map      `tfsdk:"tags"`     //< string
	TagsAll             types.Map      `tfsdk:"tags_all"` //< string
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
	VPCID               types.String   `tfsdk:"vpc_id"`
}
