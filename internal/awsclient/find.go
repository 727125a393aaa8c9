package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// NotFoundError is returned by finders when the object does not exist (or is deleted).
type NotFoundError struct {
	Message   string
	LastError error // the AWS error, when there was one
}

func (e *NotFoundError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	if e.LastError != nil {
		return e.LastError.Error()
	}
	return "not found"
}

func (e *NotFoundError) Unwrap() error { return e.LastError }

// IsNotFound reports whether err is (or wraps) a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// errTooManyResults is returned by the "exactly one" finders.
func errTooManyResults(what string, n int) error {
	return fmt.Errorf("too many results: %d %s found, expected one", n, what)
}

func notFound(what string, err error) error {
	msg := what + " not found"
	return &NotFoundError{Message: msg, LastError: err}
}

// filter builds one EC2 filter.
func filter(name string, values ...string) ec2types.Filter {
	return ec2types.Filter{Name: aws.String(name), Values: values}
}

// FindVPCEndpoints lists the endpoints matching input, following pagination.
func FindVPCEndpoints(ctx context.Context, conn *ec2.Client, input *ec2.DescribeVpcEndpointsInput) ([]ec2types.VpcEndpoint, error) {
	var out []ec2types.VpcEndpoint
	pages := ec2.NewDescribeVpcEndpointsPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidVPCEndpointIDNotFound, ErrCodeInvalidVPCEndpointNotFound) {
			return nil, notFound("VPC endpoint", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.VpcEndpoints...)
	}
	return out, nil
}

// FindVPCEndpoint returns the one endpoint matching input: none is a *NotFoundError, more than one
// an error.
func FindVPCEndpoint(ctx context.Context, conn *ec2.Client, input *ec2.DescribeVpcEndpointsInput) (*ec2types.VpcEndpoint, error) {
	eps, err := FindVPCEndpoints(ctx, conn, input)
	if err != nil {
		return nil, err
	}
	switch len(eps) {
	case 0:
		return nil, notFound("VPC endpoint", nil)
	case 1:
		return &eps[0], nil
	default:
		return nil, errTooManyResults("VPC endpoints", len(eps))
	}
}

// FindVPCEndpointByID returns the endpoint with id. An endpoint in state deleted, or an answer for
// another id, is a *NotFoundError.
func FindVPCEndpointByID(ctx context.Context, conn *ec2.Client, id string) (*ec2types.VpcEndpoint, error) {
	ep, err := FindVPCEndpoint(ctx, conn, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		if IsNotFound(err) {
			return nil, &NotFoundError{Message: fmt.Sprintf("VPC endpoint (%s) not found", id), LastError: errors.Unwrap(err)}
		}
		return nil, err
	}
	if StateEquals(string(ep.State), StateDeleted) {
		return nil, &NotFoundError{Message: fmt.Sprintf("VPC endpoint (%s) not found: state %s", id, ep.State)}
	}
	if aws.ToString(ep.VpcEndpointId) != id {
		return nil, &NotFoundError{Message: fmt.Sprintf("VPC endpoint (%s) not found", id)}
	}
	return ep, nil
}

// FindVPCEndpointServices lists the services matching input, following NextToken. An unknown service
// name is a *NotFoundError.
func FindVPCEndpointServices(ctx context.Context, conn *ec2.Client, input *ec2.DescribeVpcEndpointServicesInput) ([]ec2types.ServiceDetail, error) {
	in := *input
	var out []ec2types.ServiceDetail
	for {
		page, err := conn.DescribeVpcEndpointServices(ctx, &in)
		if ErrCodeEquals(err, ErrCodeInvalidServiceName, ErrCodeInvalidVPCEndpointServiceNotFound) {
			return nil, notFound("VPC endpoint service", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.ServiceDetails...)
		if aws.ToString(page.NextToken) == "" || aws.ToString(page.NextToken) == aws.ToString(in.NextToken) {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// FindRouteTables lists the route tables matching input, following pagination.
func FindRouteTables(ctx context.Context, conn *ec2.Client, input *ec2.DescribeRouteTablesInput) ([]ec2types.RouteTable, error) {
	var out []ec2types.RouteTable
	pages := ec2.NewDescribeRouteTablesPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidRouteTableIDNotFound) {
			return nil, notFound("route table", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.RouteTables...)
	}
	return out, nil
}

// FindSubnets lists the subnets matching input, following pagination.
func FindSubnets(ctx context.Context, conn *ec2.Client, input *ec2.DescribeSubnetsInput) ([]ec2types.Subnet, error) {
	var out []ec2types.Subnet
	pages := ec2.NewDescribeSubnetsPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidSubnetIDNotFound) {
			return nil, notFound("subnet", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.Subnets...)
	}
	return out, nil
}

// FindSecurityGroups lists the security groups matching input, following pagination.
func FindSecurityGroups(ctx context.Context, conn *ec2.Client, input *ec2.DescribeSecurityGroupsInput) ([]ec2types.SecurityGroup, error) {
	var out []ec2types.SecurityGroup
	pages := ec2.NewDescribeSecurityGroupsPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidGroupNotFound) {
			return nil, notFound("security group", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.SecurityGroups...)
	}
	return out, nil
}

// FindVPCByID returns the VPC with id, or a *NotFoundError.
func FindVPCByID(ctx context.Context, conn *ec2.Client, id string) (*ec2types.Vpc, error) {
	out, err := conn.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if ErrCodeEquals(err, ErrCodeInvalidVPCIDNotFound) {
		return nil, &NotFoundError{Message: fmt.Sprintf("VPC (%s) not found", id), LastError: err}
	}
	if err != nil {
		return nil, err
	}
	for i := range out.Vpcs {
		if aws.ToString(out.Vpcs[i].VpcId) == id {
			return &out.Vpcs[i], nil
		}
	}
	return nil, &NotFoundError{Message: fmt.Sprintf("VPC (%s) not found", id)}
}

// FindVPCAttribute returns a boolean VPC attribute (enableDnsSupport, enableDnsHostnames, …).
func FindVPCAttribute(ctx context.Context, conn *ec2.Client, vpcID string, name ec2types.VpcAttributeName) (bool, error) {
	out, err := conn.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(vpcID), Attribute: name})
	if ErrCodeEquals(err, ErrCodeInvalidVPCIDNotFound) {
		return false, &NotFoundError{Message: fmt.Sprintf("VPC (%s) not found", vpcID), LastError: err}
	}
	if err != nil {
		return false, err
	}
	var v *ec2types.AttributeBooleanValue
	switch name {
	case ec2types.VpcAttributeNameEnableDnsSupport:
		v = out.EnableDnsSupport
	case ec2types.VpcAttributeNameEnableDnsHostnames:
		v = out.EnableDnsHostnames
	case ec2types.VpcAttributeNameEnableNetworkAddressUsageMetrics:
		v = out.EnableNetworkAddressUsageMetrics
	default:
		return false, fmt.Errorf("unsupported VPC attribute %q", name)
	}
	if v == nil {
		return false, &NotFoundError{Message: fmt.Sprintf("VPC (%s) attribute %s not found", vpcID, name)}
	}
	return aws.ToBool(v.Value), nil
}

// FindPrefixLists lists the AWS-managed prefix lists matching input, following pagination.
func FindPrefixLists(ctx context.Context, conn *ec2.Client, input *ec2.DescribePrefixListsInput) ([]ec2types.PrefixList, error) {
	var out []ec2types.PrefixList
	pages := ec2.NewDescribePrefixListsPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidPrefixListIDNotFound) {
			return nil, notFound("prefix list", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.PrefixLists...)
	}
	return out, nil
}

// FindPrefixListByName returns the prefix list named name (a service name such as
// com.amazonaws.us-east-1.s3), or a *NotFoundError.
func FindPrefixListByName(ctx context.Context, conn *ec2.Client, name string) (*ec2types.PrefixList, error) {
	pls, err := FindPrefixLists(ctx, conn, &ec2.DescribePrefixListsInput{
		Filters: []ec2types.Filter{filter("prefix-list-name", name)},
	})
	if err != nil {
		return nil, err
	}
	var found []ec2types.PrefixList
	for _, pl := range pls {
		if aws.ToString(pl.PrefixListName) == name {
			found = append(found, pl)
		}
	}
	switch len(found) {
	case 0:
		return nil, &NotFoundError{Message: fmt.Sprintf("prefix list (%s) not found", name)}
	case 1:
		return &found[0], nil
	default:
		return nil, errTooManyResults("prefix lists", len(found))
	}
}

// FindNetworkInterfaces lists the network interfaces matching input, following pagination.
func FindNetworkInterfaces(ctx context.Context, conn *ec2.Client, input *ec2.DescribeNetworkInterfacesInput) ([]ec2types.NetworkInterface, error) {
	var out []ec2types.NetworkInterface
	pages := ec2.NewDescribeNetworkInterfacesPaginator(conn, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if ErrCodeEquals(err, ErrCodeInvalidNetworkInterfaceIDNotFound) {
			return nil, notFound("network interface", err)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.NetworkInterfaces...)
	}
	return out, nil
}

// StateEquals compares endpoint states case-insensitively ("pendingAcceptance" = "PendingAcceptance").
func StateEquals(a, b string) bool { return strings.EqualFold(a, b) }
