package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
// success. Throttling and server errors are retried until the timeout (deleting an endpoint being
// deleted succeeds, so a retry whose first attempt was applied is harmless).
func deleteVPCEndpoint(ctx context.Context, client *awsclient.Client, id string, timeout time.Duration) error {
	gone, err := startDeleteVPCEndpoint(ctx, client, id)
	if err != nil || gone {
		return err
	}
	if err := client.WaitVPCEndpointDeleted(ctx, id, timeout); err != nil {
		return fmt.Errorf("waiting for delete: %w", err)
	}
	return nil
}

// startDeleteVPCEndpoint asks EC2 to delete the endpoint; gone: it was not found (deleted already).
func startDeleteVPCEndpoint(ctx context.Context, client *awsclient.Client, id string) (gone bool, _ error) {
	var out *ec2.DeleteVpcEndpointsOutput
	err := retryUntil(ctx, func(ctx context.Context) error {
		var err error
		out, err = client.EC2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		return err
	})
	if awsclient.ErrCodeEquals(err, awsclient.ErrCodeInvalidVPCEndpointIDNotFound, awsclient.ErrCodeInvalidVPCEndpointNotFound) {
		client.EndpointDeleted(id)
		return true, nil
	}
	if err != nil {
		return false, err
	}
	client.EndpointDeleted(id)
	var errs []error
	for _, item := range out.Unsuccessful {
		if item.Error == nil {
			continue
		}
		code := aws.ToString(item.Error.Code)
		if strings.Contains(code, "NotFound") {
			return true, nil
		}
		errs = append(errs, fmt.Errorf("%s: %s: %s", aws.ToString(item.ResourceId), code, aws.ToString(item.Error.Message)))
	}
	return false, errors.Join(errs...)
}

// retryUntil runs call until it succeeds, fails for good, or ctx (the operation's timeout) ends while
// it fails transiently (throttling, 5xx, no answer: the SDK's retries exhausted).
func retryUntil(ctx context.Context, call func(context.Context) error) error {
	delay := awsclient.PollInitialDelay
	for {
		err := call(ctx)
		if err == nil || !awsclient.IsTransient(err) || ctx.Err() != nil {
			return err
		}
		tflog.Warn(ctx, "retrying after a transient failure", map[string]any{"error": err.Error(), "retry_in_ms": delay.Milliseconds()})
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		delay = awsclient.NextDelay(delay)
	}
}

// createdAtKey is the private-state key holding when the resource created an endpoint that no describe
// has shown yet (the create was interrupted, or the wait failed): a Read that finds no endpoint soon
// after (EC2 is eventually consistent) keeps the state instead of dropping it. A create that waited
// for the endpoint clears it (observedCreated).
const createdAtKey = "created_at"

// createEndpoint creates the endpoint (see awsclient.CreateVPCEndpoint: the answer is waited for,
// also after Terraform cancels the create, and a lost answer is found by the creation marker) and
// records its id in the state at once, with the creation time in private state. interrupted is true
// when Terraform cancelled the create: the caller then does not wait for the endpoint.
func createEndpoint(ctx context.Context, client *awsclient.Client, input *ec2.CreateVpcEndpointInput, resp *resource.CreateResponse) (ep *ec2types.VpcEndpoint, interrupted bool, err error) {
	if aws.ToString(input.ClientToken) == "" {
		input.ClientToken = aws.String(newClientToken())
	}
	ep, err = client.CreateVPCEndpoint(ctx, input)
	var intr *awsclient.InterruptedError
	if errors.As(err, &intr) {
		ep, interrupted, err = intr.Endpoint, true, nil
		if ep == nil {
			return nil, true, fmt.Errorf("interrupted before AWS created the endpoint: %w", intr.Err)
		}
	}
	if err != nil {
		return nil, false, err
	}
	id := aws.ToString(ep.VpcEndpointId)
	// Whatever follows, Terraform knows the endpoint: a failure from here on taints it.
	resp.Diagnostics.Append(resp.State.SetAttribute(context.WithoutCancel(ctx), path.Root("id"), id)...)
	if b, err := json.Marshal(time.Now().UTC()); err == nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, createdAtKey, b)...)
	}
	return ep, interrupted, nil
}

// observedCreated clears the creation time once a describe has shown the new endpoint: from then on,
// not found means gone.
func observedCreated(ctx context.Context, resp *resource.CreateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, createdAtKey, nil)...)
}

// interruptedWarning says that the create was interrupted after the endpoint was created: it is in
// state as AWS answered the create, not yet waited for.
func interruptedWarning(diags *diag.Diagnostics, id string) {
	diags.AddWarning("VPC endpoint created, not waited for",
		fmt.Sprintf("The apply was interrupted while VPC endpoint %s was being created. AWS created it, and it is recorded in the state as AWS answered the create (it may still be pending); the next plan refreshes it.", id))
}

// waitInterrupted reports whether waiting for a new endpoint failed because Terraform cancelled the
// create (Ctrl-C), not because of the create's timeout or the endpoint: AWS created it and nothing is
// wrong with it, so it is recorded as a create interrupted before its answer is (interruptedWarning),
// not as a failure, which would taint it and make the next apply replace a healthy endpoint.
func waitInterrupted(ctx context.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(ctx.Err(), context.Canceled)
}

// recentlyCreated reports whether this resource created its endpoint less than the not-found window
// ago (private state).
func recentlyCreated(ctx context.Context, p privateGetter) bool {
	b, diags := p.GetKey(ctx, createdAtKey)
	if diags.HasError() || len(b) == 0 {
		return false
	}
	var at time.Time
	if json.Unmarshal(b, &at) != nil {
		return false
	}
	return time.Since(at) < awsclient.NotFoundWindow
}

// readEndpoint is the shared start of an endpoint resource's Read: it finds the endpoint, removes the
// resource from state with a warning when it was deleted out of band (drift, not an error), and
// rejects an endpoint of the other type, naming the resource that manages it. It returns nil when
// Read must stop.
func readEndpoint(ctx context.Context, client *awsclient.Client, id string, want ec2types.VpcEndpointType, req resource.ReadRequest, resp *resource.ReadResponse) *ec2types.VpcEndpoint {
	endpoint, err := client.ReadVPCEndpoint(ctx, id)
	if awsclient.IsNotFound(err) && recentlyCreated(ctx, req.Private) {
		// Created moments ago: EC2 may not describe it yet. Keep the state as it is.
		resp.Diagnostics.AddWarning("VPC endpoint not yet described",
			fmt.Sprintf("VPC endpoint %s was created less than %s ago and EC2 does not describe it yet (it is eventually consistent); the state is kept as it is.", id, awsclient.NotFoundWindow))
		return nil
	}
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
		switch endpoint.VpcEndpointType {
		case ec2types.VpcEndpointTypeGateway:
			other = "vpce_gateway_endpoint"
		case ec2types.VpcEndpointTypeGatewayLoadBalancer:
			other = gatewayLoadBalancerEndpointType
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

// waitCreated waits until a new interface or Gateway Load Balancer endpoint is available or pending
// acceptance, accepting the connection when autoAccept is set and the endpoint waits for it.
func waitCreated(ctx context.Context, client *awsclient.Client, id, serviceName string, autoAccept bool, kind string, timeout time.Duration) (*ec2types.VpcEndpoint, error) {
	endpoint, err := client.WaitVPCEndpointAvailableOrPendingAcceptance(ctx, id, kind, timeout)
	if err != nil || !autoAccept || !awsclient.StateEquals(string(endpoint.State), awsclient.StatePendingAcceptance) {
		return endpoint, err
	}
	if err := acceptEndpointConnection(ctx, client, id, serviceName); err != nil {
		return nil, err
	}
	tflog.Info(ctx, "accepted the VPC endpoint connection")
	return client.WaitVPCEndpointAvailable(ctx, id, kind, timeout)
}

// deleteEndpointAndInterfaces deletes an endpoint with network interfaces (interface and Gateway
// Load Balancer endpoints) and waits for it to be gone and for the interfaces to be released: they
// outlive the endpoint briefly, and the subnet cannot be destroyed next until they are gone. The
// refresh just read the interfaces into the state; timeout bounds the whole.
//
// Both waits run at once when the run knows how long a delete takes (see
// awsclient.WaitVPCEndpointDeletedWithInterfaces).
func deleteEndpointAndInterfaces(ctx context.Context, client *awsclient.Client, id string, enis []string, timeout time.Duration, diags *diag.Diagnostics) {
	gone, err := startDeleteVPCEndpoint(ctx, client, id)
	if err != nil {
		diags.AddError(fmt.Sprintf("deleting VPC endpoint (%s)", id), err.Error())
		return
	}
	if gone {
		err = client.WaitNetworkInterfacesReleased(ctx, enis, timeout)
	} else {
		err = client.WaitVPCEndpointDeletedWithInterfaces(ctx, id, enis, timeout)
	}
	var released *awsclient.InterfacesNotReleasedError
	switch {
	case errors.As(err, &released):
		diags.AddError(fmt.Sprintf("waiting for VPC endpoint (%s) network interfaces release", id), err.Error())
	case err != nil:
		diags.AddError(fmt.Sprintf("deleting VPC endpoint (%s)", id), "waiting for delete: "+err.Error())
	}
}

// validEndpointImportID checks an endpoint resource's import ID.
func validEndpointImportID(req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	if !strings.HasPrefix(req.ID, "vpce-") {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected a VPC endpoint ID such as vpce-0123456789abcdef0, got %q.", req.ID))
		return false
	}
	return true
}

// concurrently runs the functions (nil ones skipped) at the same time and returns when all have
// returned: facts that do not depend on each other are read in one round of calls.
func concurrently(fns ...func()) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		if fn != nil {
			wg.Go(fn)
		}
	}
	wg.Wait()
}
