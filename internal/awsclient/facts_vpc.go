package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// DefaultSecurityGroup returns the id of the VPC's default security group, the one AWS attaches to an
// interface endpoint created without security groups ("" when the VPC has none: it does not exist).
// A VPC's default group never changes, so it is cached for the life of the Client.
func (c *Client) DefaultSecurityGroup(ctx context.Context, vpcID string) (string, error) {
	c.init()
	fc := c.facts
	fc.mu.Lock()
	id, ok := fc.defaultGroups[vpcID]
	fc.mu.Unlock()
	if ok {
		return id, nil
	}
	return doFlight(ctx, fc, "default-sg:"+vpcID, func(gen uint64) (string, error) {
		groups, err := FindSecurityGroups(ctx, c.EC2, &ec2.DescribeSecurityGroupsInput{
			Filters: []ec2types.Filter{filter("vpc-id", vpcID), filter("group-name", "default")},
		})
		if err != nil && !IsNotFound(err) {
			return "", fmt.Errorf("describing the default security group of VPC (%s): %w", vpcID, err)
		}
		id := ""
		if len(groups) == 1 {
			id = aws.ToString(groups[0].GroupId)
		}
		fc.store(gen, false, func() { fc.defaultGroups[vpcID] = id })
		return id, nil
	})
}

// HasGatewayEndpoint reports whether the VPC has a gateway endpoint for the service that is not being
// deleted, from a fresh DescribeVpcEndpoints (never the cache: a create decides on it).
func (c *Client) HasGatewayEndpoint(ctx context.Context, vpcID, serviceName string) (bool, error) {
	eps, err := FindVPCEndpoints(ctx, c.EC2, &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{
		filter("vpc-id", vpcID), filter("service-name", serviceName),
		filter("vpc-endpoint-type", string(ec2types.VpcEndpointTypeGateway)),
	}})
	if err != nil && !IsNotFound(err) {
		return false, fmt.Errorf("describing gateway endpoints for %s in VPC (%s): %w", serviceName, vpcID, err)
	}
	for _, e := range eps {
		if aws.ToString(e.VpcId) == vpcID && !isGone(string(e.State)) {
			return true, nil
		}
	}
	return false, nil
}
