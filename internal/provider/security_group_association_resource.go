package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

var (
	_ resource.ResourceWithConfigure   = (*securityGroupAssociationResource)(nil)
	_ resource.ResourceWithImportState = (*securityGroupAssociationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*securityGroupAssociationResource)(nil)
)

// NewSecurityGroupAssociationResource returns the vpce_security_group_association resource.
func NewSecurityGroupAssociationResource() resource.Resource {
	return &securityGroupAssociationResource{associationResource{kind: securityGroupAssociationKind}}
}

type securityGroupAssociationResource struct {
	associationResource
}

const attrReplaceDefaultSecurityGroup = "replace_default_security_group"

var securityGroupAssociationKind = associationKind{
	typeSuffix:   "_security_group_association",
	attr:         "security_group_id",
	noun:         "security group",
	example:      "sg-0123456789abcdef0",
	idRegexp:     securityGroupIDRegexp,
	endpointType: planner.TypeInterface,
	endpointAttr: "security_group_ids",
	endpointRes:  "vpce_interface_endpoint",
	description: "Associates one security group with an interface VPC endpoint's network interfaces. An " +
		"endpoint always has at least one group (AWS attaches the VPC's default group when none is given): set " +
		"`replace_default_security_group` to swap the default group for this one, and deleting the last " +
		"association puts the default group back.",
	members: securityGroupIDs,
	add: func(ctx context.Context, r *associationResource, e *ec2types.VpcEndpoint, member string, plan tfsdk.Plan) (*ec2.ModifyVpcEndpointInput, error) {
		var replace types.Bool
		if diags := plan.GetAttribute(ctx, path.Root(attrReplaceDefaultSecurityGroup), &replace); diags.HasError() {
			return nil, fmt.Errorf("reading %s: %v", attrReplaceDefaultSecurityGroup, diags)
		}
		in := modifyInput(e)
		in.AddSecurityGroupIds = []string{member}
		current := securityGroupIDs(e)
		if replace.ValueBool() && len(current) == 1 && current[0] != member {
			def, err := defaultSecurityGroupID(ctx, r.data.client, aws.ToString(e.VpcId))
			if err != nil {
				return nil, err
			}
			if current[0] == def {
				in.RemoveSecurityGroupIds = []string{def}
			}
		}
		return in, nil
	},
	remove: func(ctx context.Context, r *associationResource, e *ec2types.VpcEndpoint, member string) (*ec2.ModifyVpcEndpointInput, error) {
		in := modifyInput(e)
		in.RemoveSecurityGroupIds = []string{member}
		if len(securityGroupIDs(e)) == 1 {
			// AWS keeps at least one group on an interface endpoint: put the VPC's default back.
			def, err := defaultSecurityGroupID(ctx, r.data.client, aws.ToString(e.VpcId))
			if err != nil {
				return nil, err
			}
			if def == member {
				return nil, nil // removing the default group would only put it back
			}
			in.AddSecurityGroupIds = []string{def}
		}
		return in, nil
	},
	check: func(ctx context.Context, client *awsclient.Client, e *ec2types.VpcEndpoint, member string) (planner.Findings, error) {
		ep := endpointFacts(e)
		if ep.Type != planner.TypeInterface {
			return planner.CheckSecurityGroupAssociation(ep, member, nil), nil
		}
		groups, err := client.SecurityGroupFacts(ctx, []string{member})
		if err != nil {
			return nil, err
		}
		var sg *planner.SecurityGroupFacts
		if f, ok := groups[member]; ok {
			sg = &f
		}
		return planner.CheckSecurityGroupAssociation(ep, member, sg), nil
	},
	extraAttributes: map[string]schema.Attribute{
		attrReplaceDefaultSecurityGroup: schema.BoolAttribute{
			MarkdownDescription: "When the endpoint has only its VPC's default security group as the association is created, replace it with this group (one `ModifyVpcEndpoint` call adds this group and removes the default). Acts only at create. Defaults to `false`: the default group stays alongside this one.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
	},
	readDefaults: func(ctx context.Context, state *tfsdk.State) diag.Diagnostics {
		var replace types.Bool
		diags := state.GetAttribute(ctx, path.Root(attrReplaceDefaultSecurityGroup), &replace)
		if replace.IsNull() || replace.IsUnknown() {
			diags.Append(state.SetAttribute(ctx, path.Root(attrReplaceDefaultSecurityGroup), false)...)
		}
		return diags
	},
}

// securityGroupIDs lists the endpoint's security groups.
func securityGroupIDs(e *ec2types.VpcEndpoint) []string {
	ids := make([]string, 0, len(e.Groups))
	for _, g := range e.Groups {
		ids = append(ids, aws.ToString(g.GroupId))
	}
	return ids
}

// defaultSecurityGroupID finds the VPC's default security group.
func defaultSecurityGroupID(ctx context.Context, client *awsclient.Client, vpcID string) (string, error) {
	groups, err := awsclient.FindSecurityGroups(ctx, client.EC2, &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpcID}},
			{Name: aws.String("group-name"), Values: []string{"default"}},
		},
	})
	if err != nil {
		return "", fmt.Errorf("finding the default security group of VPC (%s): %w", vpcID, err)
	}
	if len(groups) != 1 {
		return "", fmt.Errorf("finding the default security group of VPC (%s): %d groups found, expected one", vpcID, len(groups))
	}
	return aws.ToString(groups[0].GroupId), nil
}
