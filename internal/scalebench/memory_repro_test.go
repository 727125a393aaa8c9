package scalebench_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	vpceprovider "github.com/vpce-dev/terraform-provider-vpce/internal/provider"
)

// The reproduction, for terraform-plugin-framework, of what the scale bench found holding most of the
// provider's memory in a large plan: the framework's protocol 6 server keeps every request's context
// (internal/proto6server/serve.go, registerContext: the cancel function of a context derived from it,
// kept until StopProvider). A minimal framework provider (one resource that reads nothing, logs
// nothing) is sent ReadResource requests whose contexts carry 10 KB each, as terraform-plugin-go's
// loggers weigh on every real request; the benchmark reports the heap still in use per request after
// a garbage collection, for the framework's server as it is and wrapped with
// provider.DetachRequestContexts, which this provider serves with.
//
//	go test -run '^$' -bench RequestContextRetention -benchtime 2000x ./internal/scalebench/
func BenchmarkRequestContextRetention(b *testing.B) {
	for _, bc := range []struct {
		name string
		wrap func(tfprotov6.ProviderServer) tfprotov6.ProviderServer
	}{
		{"framework", func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return s }},
		{"detached", vpceprovider.DetachRequestContexts},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s, err := providerserver.NewProtocol6WithError(minimalProvider{})()
			if err != nil {
				b.Fatal(err)
			}
			s = bc.wrap(s)
			ctx := context.Background()
			if _, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
				b.Fatal(err)
			}
			if _, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{}); err != nil {
				b.Fatal(err)
			}
			typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "tags": tftypes.Map{ElementType: tftypes.String}}}
			state, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{
				"name": tftypes.NewValue(tftypes.String, "x"), "tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
			}))
			if err != nil {
				b.Fatal(err)
			}
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for range b.N {
				// A request's context, as gRPC cancels it once the request is answered.
				reqCtx, cancel := context.WithCancel(context.WithValue(ctx, payloadKey{}, make([]byte, 10_000)))
				resp, err := s.ReadResource(reqCtx, &tfprotov6.ReadResourceRequest{TypeName: "minimal_thing", CurrentState: &state})
				cancel()
				if err != nil || len(resp.Diagnostics) > 0 {
					b.Fatal(err, resp.Diagnostics)
				}
			}
			b.StopTimer()
			var after runtime.MemStats
			runtime.GC()
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(int64(after.HeapInuse)-int64(before.HeapInuse))/float64(b.N), "retained-B/op")
			runtime.KeepAlive(s)
		})
	}
}

type payloadKey struct{}

type minimalProvider struct{}

func (minimalProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "minimal"
}
func (minimalProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (minimalProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (minimalProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (minimalProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return minimalThing{} }}
}

type minimalThing struct{}

type minimalThingModel struct {
	Name types.String `tfsdk:"name"`
	Tags types.Map    `tfsdk:"tags"`
}

func (minimalThing) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (minimalThing) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true},
		"tags": schema.MapAttribute{Optional: true, ElementType: types.StringType},
	}}
}

func (minimalThing) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m minimalThingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (minimalThing) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (minimalThing) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m minimalThingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (minimalThing) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
