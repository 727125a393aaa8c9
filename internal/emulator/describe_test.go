package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

func TestDescribeVpcEndpoints_filtersAndPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(false)
	n2 := e.network(false)
	gw := e.gateway(n, "s3")
	others := []*types.VpcEndpoint{e.gateway(n, "dynamodb"), e.iface(n, svc("ssm"), false, n.subnets[0]), e.iface(n2, svc("ssm"), false)}
	_, err := e.ec2.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{aws.ToString(gw.VpcEndpointId)}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}})
	e.must(err)
	for _, ep := range append(others, gw) {
		e.waitState(aws.ToString(ep.VpcEndpointId), "available")
	}
	for _, tc := range []struct {
		f    types.Filter
		want int
	}{
		{filter("vpc-id", n.vpc), 3},
		{filter("service-name", svc("ssm")), 2},
		{filter("vpc-endpoint-type", "Interface"), 2},
		{filter("vpc-endpoint-state", "available"), 4},
		{filter("vpc-endpoint-id", aws.ToString(gw.VpcEndpointId)), 1},
		{filter("tag:team", "a"), 1},
		{filter("tag-key", "team"), 1},
		{filter("tag:team", "b"), 0},
	} {
		out, err := e.ec2.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{tc.f}})
		e.must(err)
		if len(out.VpcEndpoints) != tc.want {
			t.Errorf("%s=%v: %d endpoints, want %d", aws.ToString(tc.f.Name), tc.f.Values, len(out.VpcEndpoints), tc.want)
		}
	}
	seen := map[string]bool{}
	pages := 0
	p := ec2.NewDescribeVpcEndpointsPaginator(e.ec2, &ec2.DescribeVpcEndpointsInput{MaxResults: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(e.ctx)
		e.must(err)
		pages++
		for _, ep := range out.VpcEndpoints {
			seen[aws.ToString(ep.VpcEndpointId)] = true
		}
	}
	if pages != 2 || len(seen) != 4 {
		t.Fatalf("%d pages, %d endpoints", pages, len(seen))
	}
}

func TestDescribeVpcEndpointServices(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	all, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{})
	e.must(err)
	if len(all.ServiceDetails) < 25 || all.NextToken != nil {
		t.Fatalf("%d services", len(all.ServiceDetails))
	}
	var names []string
	pages := 0
	in := &ec2.DescribeVpcEndpointServicesInput{MaxResults: aws.Int32(5)}
	for {
		out, err := e.ec2.DescribeVpcEndpointServices(e.ctx, in)
		e.must(err)
		pages++
		for _, d := range out.ServiceDetails {
			names = append(names, aws.ToString(d.ServiceName))
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(names) != len(all.ServiceDetails) || pages != (len(names)+4)/5 {
		t.Fatalf("%d names over %d pages", len(names), pages)
	}
	byType, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{Filters: []types.Filter{filter("service-type", "Gateway")}})
	e.must(err)
	if len(byType.ServiceDetails) != 3 {
		t.Fatalf("%d gateway services", len(byType.ServiceDetails))
	}
	ecs, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{Filters: []types.Filter{filter("service-name", svc("ecs"))}})
	e.must(err)
	d := ecs.ServiceDetails[0]
	if len(d.AvailabilityZones) != 4 || len(d.AvailabilityZoneIds) != 4 || aws.ToString(d.PrivateDnsName) != "ecs.us-east-1.amazonaws.com" ||
		len(d.PrivateDnsNames) != 1 || !aws.ToBool(d.VpcEndpointPolicySupported) || aws.ToString(d.Owner) != "amazon" || len(d.SupportedIpAddressTypes) != 1 ||
		len(d.BaseEndpointDnsNames) != 1 || aws.ToString(d.ServiceId) == "" || aws.ToString(d.ServiceRegion) != region {
		t.Fatalf("%+v", d)
	}
	msgs, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{svc("ec2messages")}})
	e.must(err)
	if aws.ToBool(msgs.ServiceDetails[0].VpcEndpointPolicySupported) {
		t.Fatal("ec2messages supports policies")
	}
	_, err = e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{svc("nope")}})
	wantErr(t, err, "InvalidServiceName", "The Vpc Endpoint Service '"+svc("nope")+"' does not exist")

	_, acceptOther, noAccept := emulator.CustomerServiceNames(region)
	cust, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{acceptOther}})
	e.must(err)
	if !aws.ToBool(cust.ServiceDetails[0].AcceptanceRequired) || aws.ToString(cust.ServiceDetails[0].Owner) != emulator.OtherAccountID {
		t.Fatalf("%+v", cust.ServiceDetails[0])
	}
	_ = noAccept

	_, _, westNoAccept := emulator.CustomerServiceNames("us-west-2")
	west, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceRegions: []string{"us-west-2"}})
	e.must(err)
	if len(west.ServiceDetails) != 2 || aws.ToString(west.ServiceDetails[0].ServiceRegion) != "us-west-2" {
		t.Fatalf("%+v", west.ServiceDetails)
	}
	n := e.network(false)
	out, err := e.ec2.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &n.vpc, ServiceName: &westNoAccept, ServiceRegion: aws.String("us-west-2"),
		VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: []string{n.subnets[0]}})
	e.must(err)
	if aws.ToString(out.VpcEndpoint.ServiceRegion) != "us-west-2" {
		t.Fatalf("%+v", out.VpcEndpoint)
	}
}
