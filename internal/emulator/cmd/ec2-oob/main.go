// Command ec2-oob makes out-of-band changes to VPC endpoints through the EC2 API, as someone in the
// console would; the demo uses it to show drift.
//
//	ec2-oob -endpoint URL detach-route-table vpce-… rtb-…
//	ec2-oob -endpoint URL set-policy vpce-… '<json>'
//	ec2-oob -endpoint URL set-private-dns vpce-… true|false
//	ec2-oob -endpoint URL delete vpce-…
//
// Credentials default to the local EC2 API's (test/test); AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// override them.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func main() {
	endpoint := flag.String("endpoint", "", "EC2 endpoint URL")
	region := flag.String("region", "us-east-1", "region")
	flag.Parse()
	if err := run(*endpoint, *region, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "ec2-oob:", err)
		os.Exit(1)
	}
}

func run(endpoint, region string, args []string) error {
	if endpoint == "" || len(args) < 2 {
		return fmt.Errorf("usage: ec2-oob -endpoint URL detach-route-table|set-policy|set-private-dns|delete vpce-… [arg]")
	}
	key, secret := envOr("AWS_ACCESS_KEY_ID", "test"), envOr("AWS_SECRET_ACCESS_KEY", "test")
	conn := ec2.New(ec2.Options{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		BaseEndpoint: aws.String(endpoint),
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	id := args[1]
	in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id)}
	switch {
	case args[0] == "detach-route-table" && len(args) == 3:
		in.RemoveRouteTableIds = []string{args[2]}
	case args[0] == "set-policy" && len(args) == 3:
		in.PolicyDocument = aws.String(args[2])
	case args[0] == "set-private-dns" && len(args) == 3:
		on, err := strconv.ParseBool(args[2])
		if err != nil {
			return fmt.Errorf("set-private-dns: %q is not true or false", args[2])
		}
		in.PrivateDnsEnabled = aws.Bool(on)
	case args[0] == "delete" && len(args) == 2:
		_, err := conn.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		return err
	default:
		return fmt.Errorf("unknown command %q", args)
	}
	_, err := conn.ModifyVpcEndpoint(ctx, in)
	return err
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
