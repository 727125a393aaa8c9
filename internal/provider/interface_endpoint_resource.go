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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure      = (*interfaceEndpointResource)(nil)
	_ resource.ResourceWithImportState    = (*interfaceEndpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*interfaceEndpointResource)(nil)
	_ resource.ResourceWithValidateConfig = (*interfaceEndpointResource)(nil)
)

// interfaceEndpointType is the resource's type name, for messages naming it.
const interfaceEndpointType = "vpce_interface_endpoint"

// NewInterfaceEndpointResource returns the vpce_interface_endpoint resource.
func NewInterfaceEndpointResource() resource.Resource {
	return &interfaceEndpointResource{}
}

type interfaceEndpointResource struct {
	data *providerData
}

func (r *interfaceEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_interface_endpoint"
}

func (r *interfaceEndpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An interface VPC endpoint: network interfaces in your subnets that reach an AWS service, a " +
			"PrivateLink service or a cross-region service. The planner checks at `terraform plan` that the service offers " +
			"interface endpoints in the subnets' Availability Zones, that subnets and security groups are in the endpoint's VPC, " +
			"that private DNS can work (VPC DNS attributes, no other endpoint holding the name, the S3 gateway twin), and that " +
			"the IP address types and policy are supported.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the endpoint.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"associated_security_group_ids": schema.SetAttribute{
				MarkdownDescription: "Security groups of the endpoint's network interfaces as AWS reports them, whoever attached them. When `security_group_ids` is unset, the plan shows the VPC's default security group here: AWS attaches it.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"associated_subnet_ids": schema.SetAttribute{
				MarkdownDescription: "Subnets of the endpoint as AWS reports them, whoever attached them (this resource, `vpce_subnet_association`, or someone out of band).",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"auto_accept": schema.BoolAttribute{
				MarkdownDescription: "For a service that requires acceptance and is owned by this account: accept the connection, so the endpoint becomes `available`. When false or unset, the endpoint waits in `pendingAcceptance` for the service owner. Accepting a service of another account is an error at plan.",
				Optional:            true,
			},
			"availability_zones": schema.SetAttribute{
				MarkdownDescription: "Availability Zones of the endpoint's subnets.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"dns_entries": schema.ListNestedAttribute{
				MarkdownDescription: "DNS names of the endpoint: the regional name, one per zone, and the private DNS name when enabled.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"dns_name": schema.StringAttribute{
						MarkdownDescription: "DNS name.",
						Computed:            true,
					},
					"hosted_zone_id": schema.StringAttribute{
						MarkdownDescription: "ID of the Route 53 hosted zone of the name.",
						Computed:            true,
					},
				}},
			},
			"dns_options": schema.SingleNestedAttribute{
				MarkdownDescription: "DNS options. Values left unset are chosen by the planner when the endpoint is created, shown in the plan and kept afterwards.",
				Optional:            true,
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"dns_record_ip_type": schema.StringAttribute{
						MarkdownDescription: "Type of DNS records: " + quotedList(planner.DNSRecordIPTypes()) + ". When unset, the records match `ip_address_type`.",
						Optional:            true,
						Computed:            true,
						Validators:          []validator.String{stringvalidator.OneOf(planner.DNSRecordIPTypes()...)},
					},
					"private_dns_only_for_inbound_resolver_endpoint": schema.BoolAttribute{
						MarkdownDescription: "S3 with private DNS only: resolve the private DNS name only for queries from on-premises (inbound Resolver endpoints), so traffic from the VPC uses the S3 gateway endpoint. Needs a gateway endpoint for S3 in the VPC. When unset, it is decided when the endpoint is created (or private DNS turned on): `true` when the VPC has the gateway at that moment, else `false`, sent explicitly because AWS's own default (`true`) would fail without the gateway. The plan shows it as known after apply, with a warning saying why (a gateway endpoint may be created or destroyed in the same apply); make this endpoint depend on a gateway created in the same apply to get `true`. The value is kept afterwards. Never sent for other services.",
						Optional:            true,
						Computed:            true,
					},
				},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the endpoint (`vpce-…`).",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"ip_address_type": schema.StringAttribute{
				MarkdownDescription: "IP address type of the endpoint's network interfaces: " + quotedList(planner.IPAddressTypes()) + ". When unset: `ipv4` at create, then whatever the endpoint has.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(planner.IPAddressTypes()...)},
			},
			"network_interface_ids": schema.SetAttribute{
				MarkdownDescription: "The endpoint's requester-managed network interfaces, one per subnet.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"owner_id": schema.StringAttribute{
				MarkdownDescription: "ID of the AWS account that owns the endpoint.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"policy": schema.StringAttribute{
				MarkdownDescription: "Endpoint policy as JSON, at most 20,480 characters, for services that support policies. Compared semantically: reformatting or reordering never shows a diff. When unset, the endpoint has AWS's full-access policy; removing it from the configuration resets the endpoint to that default.",
				Optional:            true,
				Computed:            true,
				CustomType:          policyType{},
			},
			"private_dns_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the service's private DNS name resolves to this endpoint in the VPC. When unset: `true` if the service offers a private DNS name, else `false`. Changed in place.",
				Optional:            true,
				Computed:            true,
			},
			"private_dns_name": schema.StringAttribute{
				MarkdownDescription: "The service's private DNS name, e.g. `ssm.us-east-1.amazonaws.com`; empty when the service has none.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"requester_managed": schema.BoolAttribute{
				MarkdownDescription: "Whether the endpoint is managed by an AWS service on your behalf.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"security_group_ids": schema.SetAttribute{
				MarkdownDescription: "Security groups of the endpoint's network interfaces. When set, this resource owns the membership: groups attached out of band are shown in the plan and detached on apply. When unset, AWS attaches the VPC's default group and this resource leaves membership alone, for `vpce_security_group_association` resources to manage. An empty set (`[]`, as `distinct(concat(var.security_group_ids, …))` often yields) means AWS's default: the endpoint gets the VPC's default security group, which the plan shows in `associated_security_group_ids`, and this resource owns the membership (other groups are detached). Combining the two on one endpoint is an error at plan: each group has one owner.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(securityGroupIDRegexp, "must be a security group ID such as sg-0123456789abcdef0"))},
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "The service: a short name (`ssm`, `ecr.api`), a full name such as `com.amazonaws.us-east-1.ssm`, or a PrivateLink service name `com.amazonaws.vpce.<region>.vpce-svc-…`. Changing it to a different service replaces the endpoint; another spelling of the same service (`ssm` or `com.amazonaws.<region>.ssm`) is the same value and plans no change.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"service_name": schema.StringAttribute{
				MarkdownDescription: "Full service name, e.g. `com.amazonaws.us-east-1.ssm`.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"service_region": schema.StringAttribute{
				MarkdownDescription: "Region of the service, for a cross-region endpoint; unset for a service in the provider's region. Changing it replaces the endpoint. AWS takes a cross-region endpoint's subnets only in the Availability Zones it offers for remote access, and does not list them before the endpoint is created, so the plan cannot check them: a subnet in another zone fails at apply, with an error naming the subnet, its zone ID and the zone IDs AWS accepts.",
				Optional:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.RegexMatches(regionRegexp, "must be a region name such as us-west-2")},
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "State of the endpoint: `available`, or `pendingAcceptance` while a service that requires acceptance has not accepted it.",
				Computed:            true,
			},
			"subnet_ids": schema.SetAttribute{
				MarkdownDescription: "Subnets to place the endpoint's network interfaces in, at most one per Availability Zone. When set, this resource owns the membership: subnets attached out of band are shown in the plan and detached on apply. When unset, this resource leaves membership alone, for `vpce_subnet_association` resources to manage. Combining the two on one endpoint is an error at plan: each subnet has one owner. With `candidate_subnet_ids`, the plan shows here the subnets the planner picked.",
				Optional:            true,
				Computed:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(subnetIDRegexp, "must be a subnet ID such as subnet-0123456789abcdef0"))},
			},
			"candidate_subnet_ids": schema.SetAttribute{
				MarkdownDescription: "Subnets to choose from, instead of `subnet_ids`: the planner picks one per Availability Zone that the service offers, and the plan shows the picks as `subnet_ids` (owned as `subnet_ids` is) and warns about the subnets it dropped, in zones the service does not offer. Picks are stable: a subnet already in use in its zone is kept, else the zone's lowest subnet ID is taken, and an unchanged candidate list plans the same picks with no AWS call. Give a module's subnets in every zone here and the endpoint lands in as many of them as the service allows, without knowing each service's zones. Conflicts with `subnet_ids`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{
					setvalidator.NoNullValues(), setvalidator.SizeAtLeast(1),
					setvalidator.ConflictsWith(path.MatchRoot("subnet_ids")),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(subnetIDRegexp, "must be a subnet ID such as subnet-0123456789abcdef0")),
				},
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
	addInterfaceUnsupported(resp.Schema.Attributes)
}

func (r *interfaceEndpointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *interfaceEndpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg interfaceEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	client := r.data.client
	serviceName, err := planner.ResolveServiceName(plan.Service.ValueString(), lookupRegion(plan.ServiceRegion, client.Region))
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("service"), "Invalid service", err.Error())
		return
	}
	if err := r.decideAtApply(ctx, serviceName, &plan); err != nil {
		resp.Diagnostics.AddError("creating VPC endpoint", "deciding the values the plan left to the apply: "+err.Error())
		return
	}
	input := r.createInput(ctx, serviceName, &plan, &cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, interrupted, err := createInterfaceEndpoint(ctx, client, input, resp)
	if err != nil {
		err = client.ExplainRemoteAccessZones(ctx, err, input.SubnetIds)
		appendAPIError(&resp.Diagnostics, "creating VPC endpoint", err)
		return
	}
	id := aws.ToString(created.VpcEndpointId)
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", id)
	tflog.Info(ctx, "created interface VPC endpoint")

	endpoint := created
	if !interrupted {
		if endpoint, err = waitCreated(ctx, r.data.client, id, serviceName, plan.AutoAccept.ValueBool(), "create", timeout); waitInterrupted(ctx, err) {
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
	resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, plan.ownSets())...)
	resp.Diagnostics.Append(recordSubnetPicks(ctx, resp.Private, &plan)...)
	// The id is new: no association can claim its members yet, so this only records the claims.
	var claimDiags diag.Diagnostics
	r.data.claims.claimSets(id, interfaceEndpointType, appliedClaimToken(ctx, resp.Private), plan.claimedSets(), &claimDiags)
}

// claimedSets are the membership sets the resource owns when they are set.
func (m *interfaceEndpointModel) claimedSets() []claimedSet {
	return []claimedSet{{subnetSet, m.SubnetIDs}, {securityGroupSet, m.SecurityGroupIDs}}
}

func (r *interfaceEndpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state interfaceEndpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	endpoint := readEndpoint(ctx, r.data.client, id, ec2types.VpcEndpointTypeInterface, req, resp)
	if endpoint == nil {
		return
	}
	if _, ok := ownedMembers(ctx, req.Private); !ok {
		// State written before the provider kept this record: what the state holds is its own.
		resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, state.ownSets())...)
	}
	imported := justImported(ctx, req.Private, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &state)...)
	if imported && !state.SecurityGroupIDs.IsNull() {
		state.SecurityGroupIDs = setValue(groupIDs(endpoint.Groups)) // the groups it has, default or not
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *interfaceEndpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, cfg interfaceEndpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
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

	// Before any change: the subnets and groups must have no other owner in this run.
	r.data.claims.claimSets(id, interfaceEndpointType, appliedClaimToken(ctx, req.Private), plan.claimedSets(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.decideAtApply(ctx, plan.ServiceName.ValueString(), &plan); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("updating VPC endpoint (%s)", id), "deciding the values the plan left to the apply: "+err.Error())
		return
	}
	defaultGroup := ""
	if ids, _ := setStrings(plan.SecurityGroupIDs); !plan.SecurityGroupIDs.IsNull() && len(ids) == 0 {
		var err error
		if defaultGroup, err = client.DefaultSecurityGroup(ctx, state.VPCID.ValueString()); err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("updating VPC endpoint (%s)", id), err.Error())
			return
		}
	}
	// The delta is computed from what AWS has, under the endpoint's lock, and again if AWS answers as
	// if a retried request had already been applied; the endpoint is waited for once.
	var added []string
	var endpoint *ec2types.VpcEndpoint
	err := retryDNSConflict(ctx, client, state.VPCID.ValueString(), plan.ServiceName.ValueString(), func() error {
		var err error
		endpoint, err = client.ModifyVPCEndpointFunc(ctx, id, func(current *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
			input, changed := r.modifyInput(current, &plan, &state, &cfg, defaultGroup)
			if !changed {
				return nil, nil
			}
			added = input.AddSubnetIds
			return input, nil
		}, timeout)
		return err
	})
	if err != nil {
		err = client.ExplainRemoteAccessZones(ctx, err, added)
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
	if plan.AutoAccept.ValueBool() && awsclient.StateEquals(string(endpoint.State), awsclient.StatePendingAcceptance) {
		if endpoint, err = waitCreated(ctx, r.data.client, id, plan.ServiceName.ValueString(), true, "modify", timeout); err != nil {
			appendAPIError(&resp.Diagnostics, fmt.Sprintf("waiting for VPC endpoint (%s) update", id), err)
			return
		}
	}
	resp.Diagnostics.Append(r.flatten(ctx, endpoint, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setOwnedMembers(ctx, resp.Private, plan.ownSets())...)
	resp.Diagnostics.Append(recordSubnetPicks(ctx, resp.Private, &plan)...)
}

func (r *interfaceEndpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state interfaceEndpointModel
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

func (r *interfaceEndpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if validEndpointImportID(req, resp) {
		resp.Diagnostics.Append(r.importedState(ctx, req.ID, &resp.State, resp.Private)...)
	}
}

// importedState is the state of an endpoint imported or moved from the aws provider: its id, and
// the subnets and security groups it owns until the configuration says otherwise (Read fills the
// sets from AWS).
func (r *interfaceEndpointResource) importedState(ctx context.Context, id string, state *tfsdk.State, p privateSetter) diag.Diagnostics {
	diags := state.SetAttribute(ctx, path.Root("id"), id)
	diags.Append(state.SetAttribute(ctx, path.Root("subnet_ids"), setValue(nil))...)
	diags.Append(state.SetAttribute(ctx, path.Root("security_group_ids"), setValue(nil))...)
	diags.Append(markImported(ctx, p)...)
	return diags
}

// ownSets are the membership sets this resource owns, by attribute (null when it does not own one).
func (m *interfaceEndpointModel) ownSets() map[string]types.Set {
	return map[string]types.Set{"subnet_ids": m.SubnetIDs, "security_group_ids": m.SecurityGroupIDs}
}
