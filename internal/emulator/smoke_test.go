package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestSmoke(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fastOptions())
	n := e.network(true)
	gw := e.gateway(n, "s3", n.rts[0])
	if gw.State != "pending" {
		t.Fatalf("state %s", gw.State)
	}
	ie := e.iface(n, svc("ssm"), true, n.subnets[0], n.subnets[1])
	if len(ie.NetworkInterfaceIds) != 2 || len(ie.DnsEntries) != 4 {
		t.Fatalf("%+v", ie)
	}
	e.waitState(aws.ToString(ie.VpcEndpointId), "available")
	out, err := e.ec2.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{svc("s3")}})
	e.must(err)
	if len(out.ServiceDetails) != 2 || len(out.ServiceNames) != 1 || out.ServiceDetails[0].ServiceType[0].ServiceType != types.ServiceTypeGateway {
		t.Fatalf("%+v", out)
	}
}
