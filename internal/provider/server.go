package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer serves the provider (protocol 6) as providerserver.NewProtocol6 does, with each request's
// context detached from the framework once the request is answered.
//
// terraform-plugin-framework (v1.19.0, internal/proto6server/serve.go, registerContext) derives a
// cancellable context from every request's context and keeps its cancel function until StopProvider,
// so that Stop can cancel requests in flight. Terraform seldom sends StopProvider, so the provider
// process keeps every request's context, with the loggers that terraform-plugin-go and the framework
// put in it: about 20 KB a request, most of the memory of a large plan (a 1,100-endpoint plan makes
// some 4,400 requests). internal/scalebench's BenchmarkRequestContextRetention is the reproduction, with
// a minimal provider. Here the framework gets a small context of this package's
// that stands for the request's while the request runs (values, deadline and cancellation pass
// through) and forgets it once the answer is sent; what the framework keeps of a request is then a
// few hundred bytes.
func NewServer(p func() provider.Provider) func() tfprotov6.ProviderServer {
	inner := providerserver.NewProtocol6(p())
	return func() tfprotov6.ProviderServer { return DetachRequestContexts(inner()) }
}

// DetachRequestContexts wraps a framework provider server so that it keeps nothing of a request's
// context once the request is answered (see NewServer). The resource, data source and function
// requests are wrapped; the others (schemas, configure, stop) are few and pass through.
func DetachRequestContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return &detachingServer{ProviderServer: s}
}

type detachingServer struct {
	tfprotov6.ProviderServer
}

// serve runs one request with a detachable context.
func serve[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	d := detach(ctx)
	defer d.release()
	return f(d, req)
}

func (s *detachingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return serve(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *detachingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *detachingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return serve(ctx, req, s.ProviderServer.ReadResource)
}

func (s *detachingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return serve(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *detachingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return serve(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *detachingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *detachingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.MoveResourceState)
}

func (s *detachingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return serve(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *detachingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return serve(ctx, req, s.ProviderServer.ReadDataSource)
}

func (s *detachingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return serve(ctx, req, s.ProviderServer.CallFunction)
}

// detachedContext stands for a request's context until release: values and the deadline are the
// request's, and it is done when the request's context is done (or once released).
type detachedContext struct {
	mu       sync.RWMutex
	parent   context.Context // nil once released
	deadline time.Time
	hasDL    bool
	own      context.Context // done when parent is, or at release
	cancel   context.CancelFunc
	stop     func() bool // stops the AfterFunc that cancels own with parent
}

func detach(parent context.Context) *detachedContext {
	own, cancel := context.WithCancel(context.Background())
	d := &detachedContext{parent: parent, own: own, cancel: cancel}
	d.deadline, d.hasDL = parent.Deadline()
	d.stop = context.AfterFunc(parent, cancel)
	return d
}

// release forgets the request's context: the request is answered.
func (d *detachedContext) release() {
	d.stop()
	d.cancel()
	d.mu.Lock()
	d.parent = nil
	d.stop = nil // it holds the request's context too
	d.mu.Unlock()
}

func (d *detachedContext) Deadline() (time.Time, bool) { return d.deadline, d.hasDL }

func (d *detachedContext) Done() <-chan struct{} { return d.own.Done() }

func (d *detachedContext) Err() error { return d.own.Err() }

func (d *detachedContext) Value(key any) any {
	d.mu.RLock()
	p := d.parent
	d.mu.RUnlock()
	if p == nil {
		return nil
	}
	return p.Value(key)
}

// AfterFunc lets context.WithCancel(d) register with d's own cancellation instead of starting a
// goroutine per request (context's afterFuncer).
func (d *detachedContext) AfterFunc(f func()) func() bool { return context.AfterFunc(d.own, f) }
