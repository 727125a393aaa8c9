package emulator_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator/seed"
)

// BenchmarkDescribeVpcEndpoints measures one signed DescribeVpcEndpoints round trip through the real
// SDK client against a VPC holding 100 endpoints (the cost a refresh pays per endpoint).
func BenchmarkDescribeVpcEndpoints(b *testing.B) {
	srv := emulator.New(emulator.Options{TimeScale: 0.01, GatewayQuotaPerRegion: 1000})
	url, err := srv.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	conn := ec2Client(url, "test", "test")
	ctx := context.Background()
	n, err := seed.Demo(ctx, conn, "bench")
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i := range 100 {
		rtb, err := conn.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(n.VPCID)})
		if err != nil {
			b.Fatal(err)
		}
		svc := []string{"s3", "dynamodb"}[i%2]
		out, err := conn.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.VPCID), ServiceName: aws.String("com.amazonaws." + emulator.DefaultRegion + "." + svc),
			VpcEndpointType: types.VpcEndpointTypeGateway, RouteTableIds: []string{aws.ToString(rtb.RouteTable.RouteTableId)},
		})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, aws.ToString(out.VpcEndpoint.VpcEndpointId))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := conn.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: ids[i%len(ids) : i%len(ids)+1]}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDescribeVpcEndpointServices measures the largest answer the provider asks for: every
// service of the region (what vpce_services and the fact cache load once per run).
func BenchmarkDescribeVpcEndpointServices(b *testing.B) {
	srv := emulator.New(emulator.Options{})
	url, err := srv.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	conn := ec2Client(url, "test", "test")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		out, err := conn.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{})
		if err != nil {
			b.Fatal(err)
		}
		if len(out.ServiceDetails) == 0 {
			b.Fatal(fmt.Errorf("no services"))
		}
	}
}
