package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// `moved` blocks from the `aws` provider's endpoint family (Terraform 1.8+, OpenTofu 1.8+): a state
// of aws_vpc_endpoint becomes a vpce_gateway_endpoint or vpce_interface_endpoint state by its
// vpc_endpoint_type, and the three aws_vpc_endpoint_*_association states become ours. The move keeps
// only the identity, as an import does (the aws state's other fields are read again from AWS by the
// refresh that follows the move), so the moved endpoint plans no change when the configuration
// matches AWS, whatever version of the aws provider wrote the state.

var (
	_ resource.ResourceWithMoveState = (*gatewayEndpointResource)(nil)
	_ resource.ResourceWithMoveState = (*interfaceEndpointResource)(nil)
	_ resource.ResourceWithMoveState = (*gatewayLoadBalancerEndpointResource)(nil)
	_ resource.ResourceWithMoveState = (*routeTableAssociationResource)(nil)
	_ resource.ResourceWithMoveState = (*subnetAssociationResource)(nil)
	_ resource.ResourceWithMoveState = (*securityGroupAssociationResource)(nil)
)

// awsProviderType is the `aws` provider's type in a provider address (registry.terraform.io/hashicorp/aws).
const awsProviderType = "hashicorp/aws"

// fromAWSProvider reports whether a move request comes from the `aws` provider's resource typeName.
func fromAWSProvider(req resource.MoveStateRequest, typeName string) bool {
	return req.SourceTypeName == typeName && strings.HasSuffix(req.SourceProviderAddress, "/"+awsProviderType)
}

// sourceAttributes decodes the source state's JSON (the aws provider's attributes).
func sourceAttributes(req resource.MoveStateRequest, resp *resource.MoveStateResponse) (map[string]any, bool) {
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		resp.Diagnostics.AddError("Cannot move "+req.SourceTypeName, "The source state has no JSON data to read the endpoint's ID from.")
		return nil, false
	}
	var attrs map[string]any
	if err := json.Unmarshal(req.SourceRawState.JSON, &attrs); err != nil {
		resp.Diagnostics.AddError("Cannot move "+req.SourceTypeName, "The source state is not the JSON of an "+req.SourceTypeName+": "+err.Error())
		return nil, false
	}
	return attrs, true
}

func stringAttr(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	return s
}

// resourceForEndpointType names our resource for an aws_vpc_endpoint's vpc_endpoint_type.
func resourceForEndpointType(t string) string {
	switch strings.ToLower(t) {
	case "gateway":
		return gatewayEndpointType
	case "gatewayloadbalancer":
		return gatewayLoadBalancerEndpointType
	default:
		return interfaceEndpointType
	}
}

// moveEndpoint is the mover from aws_vpc_endpoint for the resource target (of endpoint type want);
// importedState writes the moved identity into the target state, as ImportState does.
func moveEndpoint(target, want string, importedState func(ctx context.Context, id string, state *tfsdk.State, p privateSetter) diag.Diagnostics) resource.StateMover {
	return resource.StateMover{
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if !fromAWSProvider(req, "aws_vpc_endpoint") {
				return // not ours to move: the framework reports that no mover matched
			}
			attrs, ok := sourceAttributes(req, resp)
			if !ok {
				return
			}
			id := stringAttr(attrs, "id")
			if !strings.HasPrefix(id, "vpce-") {
				resp.Diagnostics.AddError("Cannot move aws_vpc_endpoint", fmt.Sprintf("The source state's id %q is not a VPC endpoint ID (vpce-…).", id))
				return
			}
			if typ := stringAttr(attrs, "vpc_endpoint_type"); !strings.EqualFold(typ, want) {
				right := resourceForEndpointType(typ)
				resp.Diagnostics.AddError("Wrong resource type for this endpoint",
					fmt.Sprintf("VPC endpoint %s is a %s endpoint (vpc_endpoint_type = %q), so it moves to %s, not %s: change the `to` address of the moved block (and the resource block) to %s.",
						id, typ, typ, right, target, right))
				return
			}
			resp.Diagnostics.Append(importedState(ctx, id, &resp.TargetState, resp.TargetPrivate)...)
		},
	}
}

func (r *gatewayEndpointResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveEndpoint(gatewayEndpointType, "Gateway", r.importedState)}
}

func (r *interfaceEndpointResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveEndpoint(interfaceEndpointType, "Interface", r.importedState)}
}

func (r *gatewayLoadBalancerEndpointResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveEndpoint(gatewayLoadBalancerEndpointType, "GatewayLoadBalancer", r.importedState)}
}

// MoveState moves the aws provider's association of the same kind (aws_vpc_endpoint_route_table_association
// and so on): the endpoint and member ids are the identity.
func (r *associationResource) MoveState(context.Context) []resource.StateMover {
	source := "aws_vpc_endpoint" + r.kind.typeSuffix
	return []resource.StateMover{{
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if !fromAWSProvider(req, source) {
				return
			}
			attrs, ok := sourceAttributes(req, resp)
			if !ok {
				return
			}
			endpointID, member := stringAttr(attrs, "vpc_endpoint_id"), stringAttr(attrs, r.kind.attr)
			if !endpointIDRegexp.MatchString(endpointID) || !r.kind.idRegexp.MatchString(member) {
				resp.Diagnostics.AddError("Cannot move "+source,
					fmt.Sprintf("The source state's vpc_endpoint_id %q and %s %q are not a VPC endpoint ID and a %s ID.", endpointID, r.kind.attr, member, r.kind.noun))
				return
			}
			resp.Diagnostics.Append(r.importedState(ctx, &resp.TargetState, endpointID, member)...)
		},
	}}
}
