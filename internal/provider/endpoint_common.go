package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

var (
	vpcIDRegexp        = regexp.MustCompile(`^vpc-[0-9a-f]+$`)
	routeTableIDRegexp = regexp.MustCompile(`^rtb-[0-9a-f]+$`)
	endpointIDRegexp   = regexp.MustCompile(`^vpce-[0-9a-f]+$`)
	// subnetIDRegexp and securityGroupIDRegexp are shared by the interface endpoint and the
	// association resources.
	subnetIDRegexp        = regexp.MustCompile(`^subnet-[0-9a-f]+$`)
	securityGroupIDRegexp = regexp.MustCompile(`^sg-[0-9a-f]+$`)
)

// gatewayServices are the services that offer gateway endpoints (DESIGN.md P1).
var gatewayServices = []string{"s3", "dynamodb", "s3express"}

// newClientToken returns a fresh idempotency token: one per Create, so that SDK retries of the same
// call can never make a second endpoint.
func newClientToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "terraform-vpce-" + hex.EncodeToString(b)
}

// endpointARN builds the endpoint's ARN; the owner id stands in for the account when the provider
// skipped looking it up.
func endpointARN(client *awsclient.Client, e *ec2types.VpcEndpoint) string {
	account := client.AccountID
	if account == "" {
		account = aws.ToString(e.OwnerId)
	}
	partition := client.Partition
	if partition == "" {
		partition = "aws"
	}
	return fmt.Sprintf("arn:%s:ec2:%s:%s:vpc-endpoint/%s", partition, client.Region, account, aws.ToString(e.VpcEndpointId))
}

// deleteVPCEndpoint deletes an endpoint and waits until it is gone; an endpoint already gone is
// success.
func deleteVPCEndpoint(ctx context.Context, client *awsclient.Client, id string, timeout time.Duration) error {
	out, err := client.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if awsclient.ErrCodeEquals(err, awsclient.ErrCodeInvalidVPCEndpointIDNotFound, awsclient.ErrCodeInvalidVPCEndpointNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	client.InvalidateMutableFacts()
	var errs []error
	for _, item := range out.Unsuccessful {
		if item.Error == nil {
			continue
		}
		code := aws.ToString(item.Error.Code)
		if strings.Contains(code, "NotFound") {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %s: %s", aws.ToString(item.ResourceId), code, aws.ToString(item.Error.Message)))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := awsclient.WaitVPCEndpointDeleted(ctx, client.EC2, id, timeout); err != nil {
		return fmt.Errorf("waiting for delete: %w", err)
	}
	return nil
}

// readEndpoint is the shared start of an endpoint resource's Read: it finds the endpoint, removes the
// resource from state with a warning when it was deleted out of band (drift, not an error), and
// rejects an endpoint of the other type, naming the resource that manages it. It returns nil when
// Read must stop.
func readEndpoint(ctx context.Context, client *awsclient.Client, id string, want ec2types.VpcEndpointType, resp *resource.ReadResponse) *ec2types.VpcEndpoint {
	endpoint, err := awsclient.FindVPCEndpointByID(ctx, client.EC2, id)
	if awsclient.IsNotFound(err) {
		resp.Diagnostics.AddWarning("VPC endpoint not found",
			fmt.Sprintf("VPC endpoint %s no longer exists (deleted outside Terraform); it is removed from state and the next apply creates it again.", id))
		resp.State.RemoveResource(ctx)
		return nil
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoint (%s)", id), err.Error())
		return nil
	}
	if endpoint.VpcEndpointType != want {
		other := "vpce_interface_endpoint"
		if endpoint.VpcEndpointType == ec2types.VpcEndpointTypeGateway {
			other = "vpce_gateway_endpoint"
		}
		article := "a"
		if want == ec2types.VpcEndpointTypeInterface {
			article = "an"
		}
		resp.Diagnostics.AddError(fmt.Sprintf("reading VPC endpoint (%s)", id),
			fmt.Sprintf("%s is a %s endpoint, not %s %s endpoint. Manage it with %s (import it there with the same ID).", id, endpoint.VpcEndpointType, article, want, other))
		return nil
	}
	return endpoint
}

// defaultOperationTimeout bounds a create, update or delete whose timeouts block leaves it unset.
const defaultOperationTimeout = 10 * time.Minute

// operationContext bounds ctx by an operation's timeout (the resource's timeouts block, else
// defaultOperationTimeout). ok is false when the timeouts block could not be read; the diagnostics
// then say why.
func operationContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics,
) (context.Context, context.CancelFunc, time.Duration, bool) {
	d, ds := timeout(ctx, defaultOperationTimeout)
	diags.Append(ds...)
	if diags.HasError() {
		return ctx, func() {}, 0, false
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, d, true
}

// modifyPlanModels reads a ModifyPlan request's plan and configuration, and its state (nil on
// create). ok is false when any could not be read; the diagnostics then say why.
func modifyPlanModels[M any](ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (plan, cfg M, state *M, ok bool) {
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if !req.State.Raw.IsNull() {
		state = new(M)
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	return plan, cfg, state, !resp.Diagnostics.HasError()
}
