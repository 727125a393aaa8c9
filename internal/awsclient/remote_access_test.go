package awsclient_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/emulator"
)

// A cross-region endpoint with a subnet outside the zones AWS offers for remote access: the local
// EC2 API refuses it as AWS does, and the error is translated into one naming the subnet, its zone
// ID and the accepted zone IDs.
func TestExplainRemoteAccessZones(t *testing.T) {
	t.Parallel()
	srv := emulator.New(emulator.Options{})
	url, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	ctx := context.Background()
	client, err := awsclient.New(ctx, awsclient.Config{Region: emulator.DefaultRegion, AccessKey: emulator.DefaultAccessKeyID,
		SecretKey: emulator.DefaultSecretAccessKey, EC2Endpoint: url, STSEndpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	vpc, err := client.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	var subnets []string
	for i, az := range []string{"us-east-1a", "us-east-1c"} { // use1-az1 (accepted), use1-az3 (not)
		sn, err := client.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, AvailabilityZone: aws.String(az),
			CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i))})
		if err != nil {
			t.Fatal(err)
		}
		subnets = append(subnets, aws.ToString(sn.Subnet.SubnetId))
	}
	_, createErr := client.EC2.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: vpc.Vpc.VpcId,
		ServiceName: aws.String("com.amazonaws.us-west-2.s3"), ServiceRegion: aws.String("us-west-2"),
		VpcEndpointType: types.VpcEndpointTypeInterface, PrivateDnsEnabled: aws.Bool(false), SubnetIds: subnets})
	const awsMsg = "Only the following availability zones are supported for remote access: use1-az1, use1-az2, use1-az4, use1-az6"
	if !awsclient.ErrMessageContains(createErr, awsclient.ErrCodeInvalidParameter, awsMsg) {
		t.Fatalf("CreateVpcEndpoint: %v", createErr)
	}

	var re *awsclient.RuleError
	if !errors.As(client.ExplainRemoteAccessZones(ctx, createErr, subnets), &re) {
		t.Fatal("not a RuleError")
	}
	want := "Subnet " + subnets[1] + " (zone ID use1-az3) is not in a zone AWS accepts for this cross-region endpoint; " +
		"the accepted zone IDs are use1-az1, use1-az2, use1-az4, use1-az6."
	if re.Rule != "P2" || re.Attribute != "subnet_ids" || !strings.HasPrefix(re.Detail, want) ||
		!strings.Contains(re.Detail, "the plan cannot check them") || re.AWSMessage != awsMsg || !errors.Is(re, createErr) {
		t.Fatalf("%+v", re)
	}
	if strings.Contains(re.Detail, subnets[0]) {
		t.Errorf("the accepted subnet is named: %s", re.Detail)
	}
	// TranslateError keeps it, and translates the bare AWS error without the subnets.
	if got := awsclient.TranslateError(re); !errors.Is(got, re) {
		t.Errorf("TranslateError replaced the explained error: %v", got)
	}
	if !errors.As(awsclient.TranslateError(createErr), &re) || re.Rule != "P2" || re.Attribute != "subnet_ids" {
		t.Errorf("TranslateError: %v", awsclient.TranslateError(createErr))
	}
	other := errors.New("boom")
	if got := client.ExplainRemoteAccessZones(ctx, other, subnets); !errors.Is(got, other) || errors.As(got, &re) {
		t.Error("another error was changed")
	}
}
