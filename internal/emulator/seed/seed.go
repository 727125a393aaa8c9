// Package seed builds a small demo network through the EC2 API. It uses only
// an *ec2.Client, so it works against the emulator and against real AWS.
package seed

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Network holds the ids of the demo network.
type Network struct {
	Region            string   `json:"region"`
	VPCID             string   `json:"vpc_id"`
	SubnetIDs         []string `json:"subnet_ids"`
	AvailabilityZones []string `json:"availability_zones"`
	RouteTableIDs     []string `json:"route_table_ids"`
	SecurityGroupID   string   `json:"security_group_id"`
	MainRouteTableID  string   `json:"main_route_table_id"`
}

func nameTags(rt types.ResourceType, name string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

// Demo creates a VPC (10.0.0.0/16) with DNS support and hostnames on, three
// subnets in three zones, two non-main route tables and a security group,
// each tagged Name=<prefix>-…. On error it returns what was created so far.
func Demo(ctx context.Context, conn *ec2.Client, prefix string) (*Network, error) {
	n := &Network{Region: conn.Options().Region}
	azs, err := conn.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{
		Filters: []types.Filter{{Name: aws.String("state"), Values: []string{"available"}}},
	})
	if err != nil {
		return nil, fmt.Errorf("describing availability zones: %w", err)
	}
	if len(azs.AvailabilityZones) < 3 {
		return nil, fmt.Errorf("region %s has %d availability zones, need 3", n.Region, len(azs.AvailabilityZones))
	}
	vpc, err := conn.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: nameTags(types.ResourceTypeVpc, prefix+"-vpc")})
	if err != nil {
		return nil, fmt.Errorf("creating VPC: %w", err)
	}
	n.VPCID = aws.ToString(vpc.Vpc.VpcId)
	for _, attr := range []*ec2.ModifyVpcAttributeInput{
		{VpcId: vpc.Vpc.VpcId, EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
		{VpcId: vpc.Vpc.VpcId, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
	} {
		if _, err := conn.ModifyVpcAttribute(ctx, attr); err != nil {
			return n, fmt.Errorf("modifying VPC (%s) attribute: %w", n.VPCID, err)
		}
	}
	for i := 0; i < 3; i++ {
		az := aws.ToString(azs.AvailabilityZones[i].ZoneName)
		sn, err := conn.CreateSubnet(ctx, &ec2.CreateSubnetInput{
			VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i+1)), AvailabilityZone: aws.String(az),
			TagSpecifications: nameTags(types.ResourceTypeSubnet, fmt.Sprintf("%s-subnet-%d", prefix, i+1)),
		})
		if err != nil {
			return n, fmt.Errorf("creating subnet in %s: %w", az, err)
		}
		n.SubnetIDs = append(n.SubnetIDs, aws.ToString(sn.Subnet.SubnetId))
		n.AvailabilityZones = append(n.AvailabilityZones, az)
	}
	for i := 0; i < 2; i++ {
		rt, err := conn.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{
			VpcId: vpc.Vpc.VpcId, TagSpecifications: nameTags(types.ResourceTypeRouteTable, fmt.Sprintf("%s-rt-%d", prefix, i+1)),
		})
		if err != nil {
			return n, fmt.Errorf("creating route table: %w", err)
		}
		n.RouteTableIDs = append(n.RouteTableIDs, aws.ToString(rt.RouteTable.RouteTableId))
	}
	main, err := conn.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{n.VPCID}},
		{Name: aws.String("association.main"), Values: []string{"true"}},
	}})
	if err != nil {
		return n, fmt.Errorf("describing main route table: %w", err)
	}
	if len(main.RouteTables) > 0 {
		n.MainRouteTableID = aws.ToString(main.RouteTables[0].RouteTableId)
	}
	sg, err := conn.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		VpcId: vpc.Vpc.VpcId, GroupName: aws.String(prefix + "-endpoints"), Description: aws.String("VPC endpoints (" + prefix + ")"),
		TagSpecifications: nameTags(types.ResourceTypeSecurityGroup, prefix+"-endpoints"),
	})
	if err != nil {
		return n, fmt.Errorf("creating security group: %w", err)
	}
	n.SecurityGroupID = aws.ToString(sg.GroupId)
	if _, err := conn.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: sg.GroupId,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}},
	}); err != nil {
		return n, fmt.Errorf("authorizing ingress on security group (%s): %w", n.SecurityGroupID, err)
	}
	return n, nil
}

// Destroy deletes the demo network in dependency order, best effort: it
// carries on after errors and returns them joined.
func Destroy(ctx context.Context, conn *ec2.Client, n *Network) error {
	if n == nil {
		return nil
	}
	var errs []error
	if n.SecurityGroupID != "" {
		if _, err := conn.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(n.SecurityGroupID)}); err != nil {
			errs = append(errs, fmt.Errorf("deleting security group (%s): %w", n.SecurityGroupID, err))
		}
	}
	for _, id := range n.RouteTableIDs {
		if _, err := conn.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(id)}); err != nil {
			errs = append(errs, fmt.Errorf("deleting route table (%s): %w", id, err))
		}
	}
	for _, id := range n.SubnetIDs {
		if _, err := conn.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(id)}); err != nil {
			errs = append(errs, fmt.Errorf("deleting subnet (%s): %w", id, err))
		}
	}
	if n.VPCID != "" {
		if _, err := conn.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(n.VPCID)}); err != nil {
			errs = append(errs, fmt.Errorf("deleting VPC (%s): %w", n.VPCID, err))
		}
	}
	return errors.Join(errs...)
}
