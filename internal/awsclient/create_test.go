package awsclient

import (
	"errors"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func createInput() *ec2.CreateVpcEndpointInput {
	return &ec2.CreateVpcEndpointInput{
		ClientToken: aws.String("tok-1"), VpcId: aws.String("vpc-1"),
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: ec2types.VpcEndpointTypeGateway,
	}
}

// createFake answers CreateVpcEndpoint like EC2 does with client tokens: one endpoint per token.
// drop is how many answers to lose (the request is committed, the connection closed).
type createFake struct {
	f       *fakeEC2
	mu      sync.Mutex
	byToken map[string]string
	tags    map[string]string // endpoint → marker value
	drop    atomic.Int32
	created atomic.Int32
}

func newCreateFake(t *testing.T, drop int32) *createFake {
	c := &createFake{f: newFakeEC2(t), byToken: map[string]string{}, tags: map[string]string{}}
	c.drop.Store(drop)
	c.f.handle("CreateVpcEndpoint", func(form url.Values) fakeResponse {
		c.mu.Lock()
		tok := form.Get("ClientToken")
		id, seen := c.byToken[tok]
		if !seen {
			id = "vpce-" + tok
			c.byToken[tok] = id
			c.created.Add(1)
			for i := 1; form.Get("TagSpecification.1.Tag."+itoa(i)+".Key") != ""; i++ {
				if form.Get("TagSpecification.1.Tag."+itoa(i)+".Key") == CreateTokenTagKey {
					c.tags[id] = form.Get("TagSpecification.1.Tag." + itoa(i) + ".Value")
				}
			}
		}
		c.mu.Unlock()
		if c.drop.Add(-1) >= 0 {
			return fakeResponse{status: -1} // committed, answer lost
		}
		item := endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "pending", "")
		return ok("CreateVpcEndpoint", "<vpcEndpoint>"+item[len("<item>"):len(item)-len("</item>")]+"</vpcEndpoint>")
	})
	c.f.handle("DescribeVpcEndpoints", func(form url.Values) fakeResponse {
		c.mu.Lock()
		defer c.mu.Unlock()
		var items []string
		for id, marker := range c.tags {
			if form.Get("Filter.1.Name") == "tag:"+CreateTokenTagKey && form.Get("Filter.1.Value.1") == marker {
				items = append(items, endpointXML(id, "vpc-1", "com.amazonaws.us-east-1.s3", "Gateway", "pending", ""))
			}
		}
		return describeEndpoints(items...)
	})
	return c
}

func itoa(i int) string { return string(rune('0' + i)) }

// A lost answer is recovered by sending the same token again: one endpoint, its id returned.
func TestCreateVPCEndpointLostAnswer(t *testing.T) {
	t.Parallel()
	c := newCreateFake(t, 2)
	ep, err := c.f.awsClient().CreateVPCEndpoint(testCtx(t), createInput())
	if err != nil || aws.ToString(ep.VpcEndpointId) != "vpce-tok-1" {
		t.Fatalf("ep %v, err %v", ep, err)
	}
	if n := c.created.Load(); n != 1 {
		t.Errorf("endpoints created = %d, want 1", n)
	}
	if n := c.f.count("CreateVpcEndpoint"); n != 3 {
		t.Errorf("CreateVpcEndpoint calls = %d, want 3 (two answers lost)", n)
	}
	forms := c.f.requests("CreateVpcEndpoint")
	for _, f := range forms {
		if f.Get("ClientToken") != "tok-1" {
			t.Errorf("a retry sent token %q", f.Get("ClientToken"))
		}
	}
}

// Cancelled (Ctrl-C) while the answer is lost, the create goes on for the grace period and returns
// the endpoint AWS created, in an *InterruptedError.
func TestCreateVPCEndpointInterrupted(t *testing.T) {
	t.Parallel()
	c := newCreateFake(t, 3)
	ctx, cancel := contextWithCancel(t)
	cancel() // Terraform cancelled before the first answer
	ep, err := c.f.awsClient().CreateVPCEndpoint(ctx, createInput())
	var intr *InterruptedError
	if !errors.As(err, &intr) || intr.Endpoint == nil || aws.ToString(ep.VpcEndpointId) != "vpce-tok-1" {
		t.Fatalf("ep %v, err %v: want the endpoint in an InterruptedError", ep, err)
	}
	if n := c.created.Load(); n != 1 {
		t.Errorf("endpoints created = %d, want 1", n)
	}
}

// AWS refusing the request is returned at once: no retry, nothing created.
func TestCreateVPCEndpointRejected(t *testing.T) {
	t.Parallel()
	f := newFakeEC2(t)
	f.handle("CreateVpcEndpoint", func(url.Values) fakeResponse {
		return apiError("InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint.")
	})
	_, err := f.awsClient().CreateVPCEndpoint(testCtx(t), createInput())
	if !ErrCodeEquals(err, "InvalidParameter") || f.count("CreateVpcEndpoint") != 1 {
		t.Fatalf("err %v after %d calls", err, f.count("CreateVpcEndpoint"))
	}
}

// When no answer ever comes back, the endpoint is found by its creation marker.
func TestCreateVPCEndpointFoundByMarker(t *testing.T) {
	c := newCreateFake(t, 1000)
	grace := CreateGracePeriod
	CreateGracePeriod = 20 * time.Millisecond
	defer func() { CreateGracePeriod = grace }()
	ctx, cancel := contextWithCancel(t)
	cancel()
	ep, err := c.f.awsClient().CreateVPCEndpoint(ctx, createInput())
	var intr *InterruptedError
	if !errors.As(err, &intr) || ep == nil || aws.ToString(ep.VpcEndpointId) != "vpce-tok-1" {
		t.Fatalf("ep %v, err %v: want the endpoint found by its marker", ep, err)
	}
	if n := c.created.Load(); n != 1 {
		t.Errorf("endpoints created = %d, want 1", n)
	}
	if c.f.count("DescribeVpcEndpoints") == 0 {
		t.Error("the marker was never looked for")
	}
}
