package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure   = (*routeTableAssociationResource)(nil)
	_ resource.ResourceWithImportState = (*routeTableAssociationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*routeTableAssociationResource)(nil)
)

// NewRouteTableAssociationResource returns the vpce_route_table_association resource.
func NewRouteTableAssociationResource() resource.Resource {
	return &routeTableAssociationResource{associationResource{kind: routeTableAssociationKind}}
}

type routeTableAssociationResource struct {
	associationResource
}

var routeTableAssociationKind = associationKind{
	typeSuffix:   "_route_table_association",
	attr:         "route_table_id",
	noun:         "route table",
	example:      "rtb-0123456789abcdef0",
	idRegexp:     routeTableIDRegexp,
	endpointType: planner.TypeGateway,
	endpointAttr: "route_table_ids",
	endpointRes:  "vpce_gateway_endpoint",
	description: "Associates one route table with a gateway VPC endpoint: the endpoint adds a route to the " +
		"service's prefix list in the route table. The planner also warns when the route table already routes the " +
		"service through another endpoint.",
	members: func(e *ec2types.VpcEndpoint) []string { return e.RouteTableIds },
	add: func(_ context.Context, _ *associationResource, e *ec2types.VpcEndpoint, member string, _ tfsdk.Plan) (*ec2.ModifyVpcEndpointInput, error) {
		in := modifyInput(e)
		in.AddRouteTableIds = []string{member}
		return in, nil
	},
	remove: func(_ context.Context, _ *associationResource, e *ec2types.VpcEndpoint, member string) (*ec2.ModifyVpcEndpointInput, error) {
		in := modifyInput(e)
		in.RemoveRouteTableIds = []string{member}
		return in, nil
	},
	check: func(ctx context.Context, client *awsclient.Client, e *ec2types.VpcEndpoint, member string) (planner.Findings, error) {
		ep := endpointFacts(e)
		if ep.Type != planner.TypeGateway {
			return planner.CheckRouteTableAssociation(ep, member, nil, nil), nil
		}
		rts, err := client.RouteTableFacts(ctx, []string{member})
		if err != nil {
			return nil, err
		}
		var rt *planner.RouteTableFacts
		if f, ok := rts[member]; ok {
			rt = &f
		}
		pl, err := client.PrefixListFacts(ctx, aws.ToString(e.ServiceName))
		if err != nil {
			return nil, fmt.Errorf("reading the prefix list of %s: %w", aws.ToString(e.ServiceName), err)
		}
		return planner.CheckRouteTableAssociation(ep, member, rt, pl), nil
	},
}
