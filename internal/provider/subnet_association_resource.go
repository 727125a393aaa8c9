package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure   = (*subnetAssociationResource)(nil)
	_ resource.ResourceWithImportState = (*subnetAssociationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*subnetAssociationResource)(nil)
)

// NewSubnetAssociationResource returns the vpce_subnet_association resource.
func NewSubnetAssociationResource() resource.Resource {
	return &subnetAssociationResource{associationResource{kind: subnetAssociationKind}}
}

type subnetAssociationResource struct {
	associationResource
}

var subnetAssociationKind = associationKind{
	typeSuffix:   "_subnet_association",
	attr:         "subnet_id",
	noun:         "subnet",
	example:      "subnet-0123456789abcdef0",
	idRegexp:     subnetIDRegexp,
	endpointType: planner.TypeInterface,
	endpointAttr: "subnet_ids",
	endpointRes:  "vpce_interface_endpoint",
	description: "Associates one subnet with an interface VPC endpoint: the endpoint gets a network interface " +
		"in the subnet. The planner also checks that the service is offered in the subnet's Availability Zone and " +
		"that the endpoint has no other subnet in that zone (an endpoint takes at most one subnet per zone).",
	members: func(e *ec2types.VpcEndpoint) []string { return e.SubnetIds },
	add: func(_ context.Context, _ *associationResource, e *ec2types.VpcEndpoint, member string, _ tfsdk.Plan) (*ec2.ModifyVpcEndpointInput, error) {
		in := modifyInput(e)
		in.AddSubnetIds = []string{member}
		return in, nil
	},
	remove: func(_ context.Context, _ *associationResource, e *ec2types.VpcEndpoint, member string) (*ec2.ModifyVpcEndpointInput, error) {
		in := modifyInput(e)
		in.RemoveSubnetIds = []string{member}
		return in, nil
	},
	check: func(ctx context.Context, client *awsclient.Client, e *ec2types.VpcEndpoint, member string) (planner.Findings, error) {
		ep := endpointFacts(e)
		if ep.Type != planner.TypeInterface {
			return planner.CheckSubnetAssociation(ep, member, nil, nil, nil), nil
		}
		subnets, err := client.SubnetFacts(ctx, append([]string{member}, e.SubnetIds...))
		if err != nil {
			return nil, err
		}
		var sn *planner.SubnetFacts
		if f, ok := subnets[member]; ok {
			sn = &f
		}
		var others []planner.SubnetFacts
		for _, id := range e.SubnetIds {
			if f, ok := subnets[id]; ok && id != member {
				others = append(others, f)
			}
		}
		// A cross-region endpoint's service lists the zones of its own region: they say nothing of
		// this region's subnets.
		var svc *planner.ServiceFacts
		if r := aws.ToString(e.ServiceRegion); r == "" || r == client.Region {
			if svc, err = client.ServiceFacts(ctx, aws.ToString(e.ServiceName), ""); err != nil {
				return nil, err
			}
		}
		return planner.CheckSubnetAssociation(ep, member, sn, svc, others), nil
	},
}
