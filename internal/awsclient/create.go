package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// A create is never lost. CreateVpcEndpoint carries one ClientToken for the whole create: EC2 answers
// a request with a token it has seen with the endpoint that token created, so the request can be
// sent again as often as needed, whatever happened to the earlier answers. CreateVPCEndpoint sends it
// until an answer comes back: through the SDK's retries, then its own, and after Terraform cancels
// the create (Ctrl-C) for CreateGracePeriod more, so that an endpoint AWS committed reaches the
// state. When no answer comes back at all, the endpoint is looked for by the creation marker, a tag
// carrying the token; a second endpoint is never created.

// Internal tag keys begin with InternalTagPrefix; they are the provider's, never shown in tags or
// tags_all, and never removed by a tags update.
const InternalTagPrefix = "terraform-provider-vpce:"

// CreateTokenTagKey is the creation marker's key; its value is the create's ClientToken.
const CreateTokenTagKey = InternalTagPrefix + "create-token"

// CreateGracePeriod is how long a create that Terraform cancelled goes on sending its request, to
// learn the id of an endpoint AWS may have created.
var CreateGracePeriod = 2 * time.Minute

// createMarkerSearch bounds how long a lost create is looked for by its marker (a new endpoint may
// not be described at once).
var createMarkerSearch = 30 * time.Second

// InterruptedError says that Terraform cancelled the create; Endpoint is what AWS created, nil when
// it created nothing.
type InterruptedError struct {
	Endpoint *ec2types.VpcEndpoint
	Err      error
}

func (e *InterruptedError) Error() string {
	if e.Endpoint != nil {
		return fmt.Sprintf("interrupted after VPC endpoint %s was created", aws.ToString(e.Endpoint.VpcEndpointId))
	}
	return "interrupted: " + e.Err.Error()
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// CreateVPCEndpoint creates the endpoint described by input (whose ClientToken it sets when empty)
// and returns it as CreateVpcEndpoint answered. It returns an error only when AWS rejected the
// request or no answer came back and the marker found nothing: then no endpoint exists. When ctx is
// cancelled, it goes on for CreateGracePeriod and returns the endpoint, if any, in an
// *InterruptedError.
func (c *Client) CreateVPCEndpoint(ctx context.Context, input *ec2.CreateVpcEndpointInput) (*ec2types.VpcEndpoint, error) {
	if aws.ToString(input.ClientToken) == "" {
		return nil, errors.New("creating VPC endpoint: no ClientToken")
	}
	token := aws.ToString(input.ClientToken)
	addCreateMarker(input, token)

	// Once ctx ends, the request is sent on a context of its own for the grace period.
	callCtx, stop := graceContext(ctx, CreateGracePeriod)
	defer stop()

	delay := PollInitialDelay
	var lastErr error
	for attempt := 1; ; attempt++ {
		out, err := c.EC2.CreateVpcEndpoint(callCtx, input)
		if err == nil && out.VpcEndpoint != nil {
			ep := out.VpcEndpoint
			c.EndpointCreated(*ep)
			if ctx.Err() != nil {
				return ep, &InterruptedError{Endpoint: ep, Err: ctx.Err()}
			}
			return ep, nil
		}
		if err == nil {
			err = errors.New("CreateVpcEndpoint answered without an endpoint")
		}
		if !mayHaveCommitted(err) {
			return nil, err // AWS rejected the request: nothing was created
		}
		lastErr = err
		tflog.Warn(ctx, "CreateVpcEndpoint got no answer, sending it again with the same client token",
			map[string]any{"attempt": attempt, "error": err.Error()})
		if sleepCtx(callCtx, jitter(delay)) != nil {
			break
		}
		delay = NextDelay(delay)
	}

	// No answer: look for the endpoint by its marker.
	searchCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), createMarkerSearch)
	defer cancel()
	ep, err := c.findByCreateMarker(searchCtx, aws.ToString(input.VpcId), token)
	switch {
	case err != nil:
		return nil, fmt.Errorf("creating VPC endpoint: no answer (%w), and looking for it by its creation marker failed: %w", lastErr, err)
	case ep != nil:
		tflog.Info(ctx, "found the endpoint of a create whose answers were lost", map[string]any{"vpc_endpoint_id": aws.ToString(ep.VpcEndpointId)})
		c.EndpointCreated(*ep)
		if ctx.Err() != nil {
			return ep, &InterruptedError{Endpoint: ep, Err: ctx.Err()}
		}
		return ep, nil
	case ctx.Err() != nil:
		return nil, &InterruptedError{Err: fmt.Errorf("%w (no endpoint was created: %w)", ctx.Err(), lastErr)}
	}
	return nil, fmt.Errorf("creating VPC endpoint: no answer, and no endpoint carries its creation marker: %w", lastErr)
}

// addCreateMarker tags the new endpoint with the create's token.
func addCreateMarker(input *ec2.CreateVpcEndpointInput, token string) {
	marker := ec2types.Tag{Key: aws.String(CreateTokenTagKey), Value: aws.String(token)}
	for i := range input.TagSpecifications {
		if input.TagSpecifications[i].ResourceType == ec2types.ResourceTypeVpcEndpoint {
			for _, t := range input.TagSpecifications[i].Tags {
				if aws.ToString(t.Key) == CreateTokenTagKey {
					return
				}
			}
			input.TagSpecifications[i].Tags = append(input.TagSpecifications[i].Tags, marker)
			return
		}
	}
	input.TagSpecifications = append(input.TagSpecifications, ec2types.TagSpecification{
		ResourceType: ec2types.ResourceTypeVpcEndpoint, Tags: []ec2types.Tag{marker},
	})
}

// findByCreateMarker finds the endpoint whose creation marker is token, retrying while EC2 may not
// describe it yet; nil when none does.
func (c *Client) findByCreateMarker(ctx context.Context, vpcID, token string) (*ec2types.VpcEndpoint, error) {
	input := &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{filter("tag:"+CreateTokenTagKey, token)}}
	if vpcID != "" {
		input.Filters = append(input.Filters, filter("vpc-id", vpcID))
	}
	delay := PollInitialDelay
	for {
		eps, err := FindVPCEndpoints(ctx, c.EC2, input)
		if err != nil && !IsNotFound(err) && !mayHaveCommitted(err) {
			return nil, err
		}
		if err == nil && len(eps) > 0 {
			return &eps[0], nil
		}
		if sleepCtx(ctx, jitter(delay)) != nil {
			if err != nil && !IsNotFound(err) {
				return nil, err
			}
			return nil, nil
		}
		delay = NextDelay(delay)
	}
}

// graceContext returns a context that ends grace after ctx does (and its cancel function).
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	detached, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := detached.Done() // read here: detached is reassigned below
	go func() {
		select {
		case <-ctx.Done():
			t := time.NewTimer(grace)
			defer t.Stop()
			select {
			case <-t.C:
				cancel()
			case <-done:
			}
		case <-done:
		}
	}()
	if dl, ok := ctx.Deadline(); ok {
		// The operation's own timeout still bounds the create, plus the grace period.
		var cancelDL context.CancelFunc
		detached, cancelDL = context.WithDeadline(detached, dl.Add(grace))
		return detached, func() { cancelDL(); cancel() }
	}
	return detached, cancel
}

// mayHaveCommitted reports whether a failed call may still have been carried out by AWS: no answer
// (a lost connection, a timeout), throttling or a server error. An AWS answer of another kind means
// the request was refused.
func mayHaveCommitted(err error) bool {
	return IsTransient(err) || errors.Is(err, context.Canceled)
}
