package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure      = (*gatewayEndpointResource)(nil)
	_ resource.ResourceWithImportState    = (*gatewayEndpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*gatewayEndpointResource)(nil)
	_ resource.ResourceWithValidateConfig = (*gatewayEndpointResource)(nil)
)

// gatewayEndpointType is the resource's type name, for messages naming it.
const gatewayEndpointType = "vpce_gateway_endpoint"

// NewGatewayEndpointResource returns the vpce_gateway_endpoint resource.
func NewGatewayEndpointResource() resource.Resource {
	return &gatewayEndpointResource{}
}

type gatewayEndpointResource struct {
	data *providerData
}

func (r *gatewayEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_endpoint"
}

func (r *gatewayEndpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A gateway VPC endpoint (" + quotedList(gatewayServices) + "): routes to the service's prefix list " +
			"in route tables, at no cost. The planner checks at `terraform plan` that the service offers a gateway, that a " +
			"custom policy is allowed and valid, and that every route table is in the endpoint's VPC and free of another " +
			"endpoint's route to the service.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the endpoint.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"associated_route_table_ids": schema.SetAttribute{
				MarkdownDescription: "Route tables associated with the endpoint as AWS reports them, whoever attached them (this resource, `vpce_route_table_association`, or someone out of band).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"cidr_blocks": schema.ListAttribute{
				MarkdownDescription: "CIDR blocks of the service's prefix list.",
				Computed:            true,
				ElementType:         types.StringType,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the endpoint (`vpce-…`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "ID of the AWS account that owns the endpoint.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"policy": schema.StringAttribute{
				MarkdownDescription: "Endpoint policy as JSON, at most 20,480 characters. Compared semantically: reformatting or reordering never shows a diff. When unset, the endpoint has AWS's full-access policy; removing it from the configuration resets the endpoint to that default.",
				Optional:            true,
				Computed:            true,
				CustomType:          policyType{},
			},
			"prefix_list_id": schema.StringAttribute{
				MarkdownDescription: "ID of the service's prefix list (`pl-…`), the destination of the routes the endpoint adds.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"route_table_ids": schema.SetAttribute{
				MarkdownDescription: "Route tables to route to the service through this endpoint. When set, this resource owns the membership: route tables attached out of band are shown in the plan and detached on apply. When unset, this resource leaves membership alone, for `vpce_route_table_association` resources to manage. Combining the two on one endpoint is an error at plan: each route table has one owner.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(routeTableIDRegexp, "must be a route table ID such as rtb-0123456789abcdef0"))},
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "The service: a short name (" + quotedList(gatewayServices) + ") or a full name such as `com.amazonaws.us-east-1.s3`. Changing it to a different service replaces the endpoint; another spelling of the same service (`s3` or `com.amazonaws.<region>.s3`) is the same value and plans no change.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"service_name": schema.StringAttribute{
				MarkdownDescription: "Full service name, e.g. `com.amazonaws.us-east-1.s3`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "State of the endpoint, e.g. `available`. Creates and updates wait until the endpoint is available again.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"tags":     tagsAttribute(),
			"tags_all": tagsAllAttribute(),
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "ID of the VPC. Changing it replaces the endpoint.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.RegexMatches(vpcIDRegexp, "must be a VPC ID such as vpc-0123456789abcdef0")},
			},
		},
	}
	addGatewayUnsupported(resp.Schema.Attributes)
}

func (r *gatewayEndpointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *gatewayEndpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan gatewayEndpointModel
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
	serviceName, err := planner.ResolveServiceNameForType(plan.Service.ValueString(), client.Region, planner.TypeGateway)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
		return
	}
	input := &ec2.CreateVpcEndpointInput{
		ServiceName:       aws.String(serviceName),
		VpcEndpointType:   ec2types.VpcEndpointTypeGateway,
		VpcId:             plan.VPCID.ValueStringPointer(),
		TagSpecifications: tagSpecifications(stringMap(ctx, plan.TagsAll, &resp.Diagnostics)),
	}
	if ids, _ := setStrings(plan.RouteTableIDs); len(ids) > 0 {
		input.RouteTableIds = ids
	}
	var cfgPolicy policyValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("policy"), &cfgPolicy)...)
	if !cfgPolicy.IsNull() {
		input.PolicyDocument = cfgPolicy.ValueStringPointer()
	}

	created, interrupted, err := createEndpoint(ctx, client, input, resp)
	if err != nil {
		appendAPIError(&resp.Diagnostics, "creating VPC endpoint", err)
		return
	}
	id := aws.ToString(created.VpcEndpointId)
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", id)
	tflog.Info(ctx, "created gateway VPC endpoint")

	endpoint := created
	if !interrupted {
		if endpoint, err = client.WaitVPCEndpointAvailable(ctx, id, "create", timeout); waitInterrupted(ctx, err) {
			endpoint, interrupted = created, true
		} else if err != nil {
			// The id is in state already: Terraform taints the endpoint rather than orphaning it.
			resp.Diagnostics.AddError(fmt.Sprintf("waiting for VPC endpoint (%s) create", id), err.Error())
			return
		}
	}
	if interrupted {
		interruptedWarning(&resp.Diagnostics, id)
		ctx = context.WithoutCancel(ctx) // what follows only records what AWS answered
	} else {
		observedCreated(ctx, resp)
	}
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, plan.ownSets())...)
	// The id is new: no association can claim its route tables yet, so this only records the claim.
	var claimDiags diag.Diagnostics
	r.data.claims.claimSets(id, gatewayEndpointType, appliedClaimToken(ctx, resp.Private),
		[]claimedSet{{routeTableSet, plan.RouteTableIDs}}, &claimDiags)
}

func (r *gatewayEndpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state gatewayEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	endpoint := readEndpoint(ctx, r.data.client, id, ec2types.VpcEndpointTypeGateway, req, resp)
	if endpoint == nil {
		return
	}
	if _, ok := ownedMembers(ctx, req.Private); !ok {
		// State written before the provider kept this record: what the state holds is its own.
		resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, state.ownSets())...)
	}
	justImported(ctx, req.Private, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *gatewayEndpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state gatewayEndpointModel
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

	// Before any change: the route tables must have no other owner in this run.
	r.data.claims.claimSets(id, gatewayEndpointType, appliedClaimToken(ctx, req.Private),
		[]claimedSet{{routeTableSet, plan.RouteTableIDs}}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	var cfgPolicy policyValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("policy"), &cfgPolicy)...)
	policyChanged := !plan.Policy.Equal(state.Policy)
	// The delta is computed from what AWS has, under the endpoint's lock, and again if AWS answers as
	// if a retried request had already been applied.
	endpoint, err := client.ModifyVPCEndpointFunc(ctx, id, func(current *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		input := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id)}
		changed := false
		if want, _ := setStrings(plan.RouteTableIDs); !plan.RouteTableIDs.IsNull() {
			add, remove := planner.Delta(current.RouteTableIds, want)
			if len(add) > 0 || len(remove) > 0 {
				input.AddRouteTableIds, input.RemoveRouteTableIds = add, remove
				changed = true
			}
		}
		if policyChanged && !policiesEquivalent(aws.ToString(current.PolicyDocument), plan.Policy.ValueString()) {
			if cfgPolicy.IsNull() {
				input.ResetPolicy = aws.Bool(true)
			} else {
				input.PolicyDocument = cfgPolicy.ValueStringPointer()
			}
			changed = true
		}
		if !changed {
			return nil, nil
		}
		return input, nil
	}, timeout)
	if err != nil {
		appendAPIError(&resp.Diagnostics, fmt.Sprintf("updating VPC endpoint (%s)", id), err)
		return
	}
	if !plan.TagsAll.Equal(state.TagsAll) {
		oldTags := stringMap(ctx, state.TagsAll, &resp.Diagnostics)
		newTags := stringMap(ctx, plan.TagsAll, &resp.Diagnostics)
		if err := r.data.updateTags(ctx, client.EC2, id, oldTags, newTags); err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("updating VPC endpoint (%s) tags", id), err.Error())
			return
		}
		// The tags are AWS's now; the endpoint read by the modify has the old ones.
		endpoint.Tags = mergeInternalTags(endpoint.Tags, ec2Tags(newTags))
	}
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, plan.ownSets())...)
}

func (r *gatewayEndpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state gatewayEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	if err := deleteVPCEndpoint(ctx, r.data.client, state.ID.ValueString(), timeout); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("deleting VPC endpoint (%s)", state.ID.ValueString()), err.Error())
	}
}

func (r *gatewayEndpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if validEndpointImportID(req, resp) {
		resp.Diagnostics.Append(r.importedState(ctx, req.ID, &resp.State, resp.Private)...)
	}
}

// importedState is the state of an endpoint imported or moved from the aws provider: its id, and
// the route tables it owns until the configuration says otherwise (Read fills the set from AWS).
func (r *gatewayEndpointResource) importedState(ctx context.Context, id string, state *tfsdk.State, p privateSetter) diag.Diagnostics {
	diags := state.SetAttribute(ctx, path.Root("id"), id)
	diags.Append(state.SetAttribute(ctx, path.Root("route_table_ids"), setValue(nil))...)
	diags.Append(markImported(ctx, p)...)
	return diags
}

// ownSets are the membership sets this resource owns, by attribute (null when it does not own one).
func (m *gatewayEndpointModel) ownSets() map[string]types.Set {
	return map[string]types.Set{"route_table_ids": m.RouteTableIDs}
}

// flatten copies every attribute of the endpoint into m, optional ones too, so that drift and import
// work. Attributes the configuration leaves unset (route_table_ids) stay unset.
func (r *gatewayEndpointResource) flatten(ctx context.Context, e *ec2types.VpcEndpoint, m *gatewayEndpointModel) (diags diag.Diagnostics) {
	client := r.data.client
	id := aws.ToString(e.VpcEndpointId)
	serviceName := aws.ToString(e.ServiceName)
	priorService := m.ServiceName.ValueString()

	m.ID = types.StringValue(id)
	m.VPCID = types.StringPointerValue(e.VpcId)
	m.ServiceName = types.StringValue(serviceName)
	if s, err := planner.ResolveServiceNameForType(m.Service.ValueString(), client.Region, planner.TypeGateway); m.Service.IsNull() || err != nil || s != serviceName {
		m.Service = types.StringValue(planner.ShortName(serviceName))
	}
	m.OwnerID = types.StringPointerValue(e.OwnerId)
	m.ARN = types.StringValue(endpointARN(client, e))
	m.State = types.StringValue(string(e.State))
	m.AssociatedRouteTableIDs = setValue(e.RouteTableIds)
	if !m.RouteTableIDs.IsNull() {
		m.RouteTableIDs = setValue(e.RouteTableIds)
	}
	m.Policy = newPolicyValue(aws.ToString(e.PolicyDocument))

	all := r.data.awsTags(e.Tags)
	prior := stringMap(ctx, m.Tags, &diags)
	own := r.data.ownTags(all, prior)
	m.Tags = mapValue(own, m.Tags.IsNull())
	m.TagsAll = mapValue(all, false)

	if priorService == serviceName && known(m.PrefixListID) && m.PrefixListID.ValueString() != "" && known(m.CIDRBlocks) {
		return diags // a service's prefix list never changes: known already
	}
	pl, err := client.PrefixListFacts(ctx, serviceName)
	if err != nil {
		diags.AddError(fmt.Sprintf("reading prefix list of %s", serviceName), err.Error())
		return diags
	}
	if pl != nil {
		m.PrefixListID = types.StringValue(pl.PrefixListID)
		m.CIDRBlocks = listValue(pl.CIDRs)
	} else {
		m.PrefixListID = types.StringValue("")
		m.CIDRBlocks = listValue(nil)
	}
	return diags
}

type gatewayEndpointModel struct {
	gatewayUnsupported

	ARN                     types.String   `tfsdk:"arn"`
	AssociatedRouteTableIDs types.Set      `tfsdk:"associated_route_table_ids"` //< string
	CIDRBlocks              types.List     `tfsdk:"cidr_blocks"`                //< string
	ID                      types.String   `tfsdk:"id"`
	OwnerID                 types.String   `tfsdk:"owner_id"`
	Policy                  policyValue    `tfsdk:"policy"`
	PrefixListID            types.String   `tfsdk:"prefix_list_id"`
	RouteTableIDs           types.Set      `tfsdk:"route_table_ids"` //< string
	Service                 types.String   `tfsdk:"service"`
	ServiceName             types.String   `tfsdk:"service_name"`
	State                   types.String   `tfsdk:"state"`
	Tags                    types.Map      `tfsdk:"tags"`     //< string
	TagsAll                 types.Map      `tfsdk:"tags_all"` //< string
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
	VPCID                   types.String   `tfsdk:"vpc_id"`
}
