package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// The three association resources (route table, subnet, security group) differ only in their member
// kind: which attribute names the member, which endpoint type takes it, how it is read from and
// written to the endpoint, and which planner rule checks it. associationResource implements them
// once over an associationKind; each resource file defines its kind.

// associationKind describes one kind of endpoint member.
type associationKind struct {
	typeSuffix   string         // "_route_table_association"
	attr         string         // "route_table_id"
	noun         string         // "route table"
	example      string         // "rtb-0123456789abcdef0"
	idRegexp     *regexp.Regexp // the member id's form
	endpointType string         // planner.TypeGateway or planner.TypeInterface
	endpointAttr string         // the endpoint resource's authoritative set, "route_table_ids"
	endpointRes  string         // the endpoint resource that may own the set, "vpce_gateway_endpoint"
	description  string         // the resource's own sentences, before the shared ones

	members func(e *ec2types.VpcEndpoint) []string
	// add and remove build the change for member on the endpoint as read (under the endpoint's lock);
	// nil means nothing to do.
	add    func(ctx context.Context, r *associationResource, e *ec2types.VpcEndpoint, member string, plan tfsdk.Plan) (*ec2.ModifyVpcEndpointInput, error)
	remove func(ctx context.Context, r *associationResource, e *ec2types.VpcEndpoint, member string) (*ec2.ModifyVpcEndpointInput, error)
	// check runs the planner's live rules for a new association.
	check func(ctx context.Context, client *awsclient.Client, e *ec2types.VpcEndpoint, member string) (planner.Findings, error)
	// extraAttributes are the kind's own arguments; readDefaults fills them after import.
	extraAttributes map[string]schema.Attribute
	readDefaults    func(ctx context.Context, state *tfsdk.State) diag.Diagnostics
}

// associationResource is one member of one endpoint's membership set.
type associationResource struct {
	kind associationKind
	data *providerData
}

func (r *associationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.typeSuffix
}

// typeName is the resource's type name, for messages naming it.
func (r *associationResource) typeName() string { return "vpce" + r.kind.typeSuffix }

func (r *associationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	k := r.kind
	attrs := map[string]schema.Attribute{
		k.attr: schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("ID of the %s to associate (`%s`). Changing it replaces the association.", k.noun, k.example),
			Required:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{stringvalidator.RegexMatches(k.idRegexp, "must be a "+k.noun+" ID such as "+k.example)},
		},
		"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		"vpc_endpoint_id": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("ID of the %s VPC endpoint (`vpce-…`). Changing it replaces the association.", k.endpointType),
			Required:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{stringvalidator.RegexMatches(endpointIDRegexp, "must be a VPC endpoint ID such as vpce-0123456789abcdef0")},
		},
	}
	for name, a := range k.extraAttributes {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: k.description + fmt.Sprintf(
			" Use it when `%[1]s` leaves `%[2]s` unset: the endpoint resource then does not touch membership, and each "+
				"association owns one member. Each member has one owner: combining it with `%[2]s` set on the same "+
				"endpoint, or two associations for the same %[3]s, is an error at `terraform plan` (at apply, before any "+
				"change, when the endpoint is created in the same run), and destroying an association leaves its %[3]s "+
				"attached when another resource of the configuration still declares it. Concurrent associations of one endpoint are "+
				"serialised inside the provider, so many can be applied in parallel. Import with `vpce-…/%[4]s`. "+
				"The planner checks at `terraform plan` that the endpoint's type is %[5]s, and that the %[3]s exists "+
				"and is in the endpoint's VPC.", k.endpointRes, k.endpointAttr, k.noun, k.example, k.endpointType),
		Attributes: attrs,
	}
}

func (r *associationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureData(req.ProviderData, &resp.Diagnostics)
}

func (r *associationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	endpointID, member, to, diags := r.identity(ctx, req.Plan.GetAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, to.Create, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", endpointID)

	what := fmt.Sprintf("creating VPC endpoint %s association (%s/%s)", r.kind.noun, endpointID, member)
	ep, err := r.data.client.ModifyVPCEndpointFunc(ctx, endpointID, func(e *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		if slices.Contains(r.kind.members(e), member) {
			return nil, nil // already a member: a retried add whose first answer was lost, or attached before
		}
		return r.kind.add(ctx, r, e, member, req.Plan)
	}, timeout)
	if err != nil {
		err = r.data.client.ExplainRemoteAccessZones(ctx, err, []string{member})
		appendAPIError(&resp.Diagnostics, what, err)
		return
	}
	if !slices.Contains(r.kind.members(ep), member) {
		resp.Diagnostics.AddError(what, fmt.Sprintf("AWS accepted the change, but %s does not list %s among its members.", endpointID, member))
		return
	}
	tflog.Info(ctx, "associated "+r.kind.noun, map[string]any{r.kind.attr: member})
	resp.State.Raw = req.Plan.Raw
}

func (r *associationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	endpointID, member, _, diags := r.identity(ctx, req.State.GetAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The run's shared listing of the region's endpoints, as the endpoint resources' Reads use: a
	// refresh of many associations costs no call of its own.
	ep, err := r.data.client.ReadVPCEndpoint(ctx, endpointID)
	if awsclient.IsNotFound(err) {
		resp.Diagnostics.AddWarning("VPC endpoint not found",
			fmt.Sprintf("VPC endpoint %s no longer exists (deleted outside Terraform), so its association with %s %s is removed from state; the next apply creates it again once the endpoint exists.", endpointID, r.kind.noun, member))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoint (%s)", endpointID), err.Error())
		return
	}
	if !slices.Contains(r.kind.members(ep), member) {
		resp.Diagnostics.AddWarning(fmt.Sprintf("VPC endpoint %s association not found", r.kind.noun),
			fmt.Sprintf("The %s %s is no longer associated with VPC endpoint %s (removed outside Terraform, or by %s with %s set); the association is removed from state and the next apply associates it again.",
				r.kind.noun, member, endpointID, r.kind.endpointRes, r.kind.endpointAttr))
		resp.State.RemoveResource(ctx)
		return
	}
	if r.kind.readDefaults != nil {
		resp.Diagnostics.Append(r.kind.readDefaults(ctx, &resp.State)...)
	}
}

// Update only records arguments that act at create or delete (timeouts, replace_default_security_group).
func (r *associationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *associationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	endpointID, member, to, diags := r.identity(ctx, req.State.GetAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout, ok := operationContext(ctx, to.Delete, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "vpc_endpoint_id", endpointID)

	// A member that another resource of this run still claims stays attached: the plan recorded the
	// claimant it saw, and the apply's own claims are checked again here.
	heldBy := r.data.claims.release(endpointID, r.kind.set(), member, appliedClaimToken(ctx, req.Private))
	if heldBy == "" {
		heldBy = privateString(ctx, req.Private, keepMemberKey)
	}
	if heldBy != "" {
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s left attached", capitalize(r.kind.noun)),
			fmt.Sprintf("The %s %s stays associated with VPC endpoint %s: %s in this configuration still declares it, so destroying this %s only removes it from state.",
				r.kind.noun, member, endpointID, heldBy, r.typeName()))
		return
	}

	_, err := r.data.client.ModifyVPCEndpointFunc(ctx, endpointID, func(e *ec2types.VpcEndpoint) (*ec2.ModifyVpcEndpointInput, error) {
		if !slices.Contains(r.kind.members(e), member) {
			return nil, nil // already gone
		}
		return r.kind.remove(ctx, r, e, member)
	}, timeout)
	if awsclient.IsNotFound(err) {
		return
	}
	if err != nil {
		appendAPIError(&resp.Diagnostics, fmt.Sprintf("deleting VPC endpoint %s association (%s/%s)", r.kind.noun, endpointID, member), err)
	}
}

func (r *associationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	endpointID, member, err := parseAssociationID(req.ID, r.kind.idRegexp)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected <vpc-endpoint-id>/<%s-id>, such as vpce-0123456789abcdef0/%s, got %q.", strings.ReplaceAll(r.kind.noun, " ", "-"), r.kind.example, req.ID))
		return
	}
	resp.Diagnostics.Append(r.importedState(ctx, &resp.State, endpointID, member)...)
}

// importedState is the state of an association imported or moved from the aws provider: the
// endpoint and member ids, and the kind's defaults.
func (r *associationResource) importedState(ctx context.Context, state *tfsdk.State, endpointID, member string) diag.Diagnostics {
	diags := state.SetAttribute(ctx, path.Root("vpc_endpoint_id"), endpointID)
	diags.Append(state.SetAttribute(ctx, path.Root(r.kind.attr), member)...)
	if r.kind.readDefaults != nil {
		diags.Append(r.kind.readDefaults(ctx, state)...)
	}
	return diags
}

// ModifyPlan runs the planner's live rules when an association is about to be created and both ids
// are known.
func (r *associationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	if req.Plan.Raw.IsNull() {
		r.planDestroy(ctx, req, resp)
		return
	}
	var endpointID, member types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("vpc_endpoint_id"), &endpointID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(r.kind.attr), &member)...)
	if resp.Diagnostics.HasError() {
		return
	}
	token := planClaimToken(ctx, resp.Private, &resp.Diagnostics)
	if known(endpointID) && known(member) && len(resp.RequiresReplace) == 0 {
		// A replacement is planned again as a create, which claims. When the endpoint is created in
		// the same apply, its id is unknown here at plan; Terraform plans the association again during
		// the apply, once the endpoint exists and before Create makes any call, and this check then
		// stops the apply with nothing changed for the member.
		r.data.claims.claimMember(endpointID.ValueString(), r.kind.set(), member.ValueString(), claimant{token, r.typeName()}, path.Root(r.kind.attr), &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if !req.State.Raw.IsNull() || !r.data.planTimeValidation || !known(endpointID) || !known(member) {
		return
	}
	client := r.data.client
	ep, err := awsclient.FindVPCEndpointByID(ctx, client.EC2, endpointID.ValueString())
	if awsclient.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("vpc_endpoint_id"), "VPC endpoint not found",
			fmt.Sprintf("The VPC endpoint %s does not exist, so the %s %s cannot be associated with it. Check the id, or reference the endpoint resource's id so that Terraform creates the endpoint first.", endpointID.ValueString(), r.kind.noun, member.ValueString()))
		return
	}
	if err != nil {
		factsProblem(&resp.Diagnostics, err, "")
		return
	}
	if slices.Contains(r.kind.members(ep), member.ValueString()) {
		resp.Diagnostics.AddAttributeWarning(path.Root(r.kind.attr), fmt.Sprintf("%s already attached", capitalize(r.kind.noun)),
			fmt.Sprintf("The %s %s is already associated with VPC endpoint %s (by another configuration, by a resource this plan destroys, or out of band). This %s adopts it without a change, and destroying it later detaches the %s for everyone who relies on it.",
				r.kind.noun, member.ValueString(), endpointID.ValueString(), r.typeName(), r.kind.noun))
	}
	findings, err := r.kind.check(ctx, client, ep, member.ValueString())
	if err != nil {
		factsProblem(&resp.Diagnostics, err, "")
		return
	}
	appendFindings(ctx, &resp.Diagnostics, findings, nil)
}

// keepMemberKey is the planned private-state key of a destroy that must leave its member attached:
// the claimant the plan saw, in words.
const keepMemberKey = "keep_member"

// planDestroy records in the destroy's plan whether another resource planned in this run still
// claims the member, so that the apply leaves it attached.
func (r *associationResource) planDestroy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	endpointID, member, _, diags := r.identity(ctx, req.State.GetAttribute)
	if diags.HasError() {
		return
	}
	if heldBy := r.data.claims.releaseAwaiting(ctx, endpointID, r.kind.set(), member); heldBy != "" {
		resp.Diagnostics.Append(setPrivateString(ctx, resp.Private, keepMemberKey, heldBy)...)
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s stays attached", capitalize(r.kind.noun)),
			fmt.Sprintf("Destroying this %s leaves %s %s associated with VPC endpoint %s, because %s in this configuration still declares it.",
				r.typeName(), r.kind.noun, member, endpointID, heldBy))
	}
}

// set describes the endpoint's set this kind's members belong to.
func (k associationKind) set() memberSet {
	return memberSet{attribute: k.endpointAttr, what: capitalize(k.noun), association: "vpce" + k.typeSuffix}
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// identity reads the endpoint id, the member id and the timeouts from a plan or state.
func (r *associationResource) identity(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) (endpointID, member string, to timeouts.Value, diags diag.Diagnostics) {
	var e, m types.String
	diags.Append(get(ctx, path.Root("vpc_endpoint_id"), &e)...)
	diags.Append(get(ctx, path.Root(r.kind.attr), &m)...)
	diags.Append(get(ctx, path.Root("timeouts"), &to)...)
	return e.ValueString(), m.ValueString(), to, diags
}

// parseAssociationID splits an import id "vpce-…/<member>" and checks both parts' forms.
func parseAssociationID(id string, member *regexp.Regexp) (endpointID, memberID string, err error) {
	parts := strings.Split(id, "/")
	if len(parts) != 2 || !endpointIDRegexp.MatchString(parts[0]) || !member.MatchString(parts[1]) {
		return "", "", fmt.Errorf("invalid association id %q", id)
	}
	return parts[0], parts[1], nil
}

// endpointFacts converts the endpoint for the planner.
func endpointFacts(e *ec2types.VpcEndpoint) planner.EndpointFacts {
	return awsclient.EndpointFactsFromSDK(*e)
}

// modifyInput starts a ModifyVpcEndpoint input for the endpoint.
func modifyInput(e *ec2types.VpcEndpoint) *ec2.ModifyVpcEndpointInput {
	return &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(aws.ToString(e.VpcEndpointId))}
}
