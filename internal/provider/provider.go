// Package provider is the framework layer: the provider's schema and configuration, and one file per
// resource and data source. It glues the planner (which decides) to the AWS layer (which acts), and it
// is the only layer that writes diagnostics.
package provider

import (
	"context"
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// RegistryAddress is the provider's address in the Terraform registry.
const RegistryAddress = "registry.terraform.io/vpce-dev/vpce"

var (
	_ provider.Provider                     = (*vpceProvider)(nil)
	_ provider.ProviderWithConfigValidators = (*vpceProvider)(nil)
	_ provider.ProviderWithFunctions        = (*vpceProvider)(nil)
	_ provider.ProviderWithValidateConfig   = (*vpceProvider)(nil)
)

// Defaults supply values for provider arguments left unset in the configuration. The acceptance-test
// harness uses them to point a provider at its own local EC2 API without a provider block; users never
// set them.
type Defaults struct {
	Region      string
	AccessKey   string
	SecretKey   string
	EC2Endpoint string
	STSEndpoint string
}

// New returns the provider constructor that providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return NewWithDefaults(version, Defaults{})
}

// NewWithDefaults is New with defaults for unset arguments (tests only).
func NewWithDefaults(version string, defaults Defaults) func() provider.Provider {
	return func() provider.Provider {
		return &vpceProvider{version: version, defaults: defaults}
	}
}

type vpceProvider struct {
	version  string
	defaults Defaults
}

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client             *awsclient.Client
	defaultTags        map[string]string
	ignoreTags         ignoreTags
	planTimeValidation bool
	claims             *claimRegistry // one owner per member, for this configuration's run (claims.go)
}

func (p *vpceProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "vpce"
	resp.Version = p.version
}

func (p *vpceProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{
		providervalidator.Conflicting(path.MatchRoot("allowed_account_ids"), path.MatchRoot("forbidden_account_ids")),
	}
}

func (p *vpceProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.AssumeRole != nil && cfg.AssumeRole.RoleARN.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("assume_role").AtName("role_arn"),
			"Missing role_arn in assume_role",
			"The assume_role block needs role_arn, the ARN of the role to assume (arn:aws:iam::<account>:role/<name>). Add it, or remove the block.")
	}
	if cfg.SkipCredentialsValidation.ValueBool() {
		for _, name := range []string{"allowed_account_ids", "forbidden_account_ids"} {
			if v := cfg.accountIDs(name); !v.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(name), "Account check without the credential check",
					name+" is checked against the account sts:GetCallerIdentity returns, and skip_credentials_validation = true skips that call. Remove one or the other.")
			}
		}
	}
	if cfg.AssumeRole != nil && !cfg.AssumeRole.Tags.IsNull() && !cfg.AssumeRole.Tags.IsUnknown() && !cfg.AssumeRole.TransitiveTagKeys.IsUnknown() {
		tags := stringMap(ctx, cfg.AssumeRole.Tags, &resp.Diagnostics)
		for _, k := range knownSet(cfg.AssumeRole.TransitiveTagKeys) {
			if _, ok := tags[k]; !ok {
				resp.Diagnostics.AddAttributeWarning(path.Root("assume_role").AtName("transitive_tag_keys"), "Transitive tag key without a session tag",
					fmt.Sprintf("%q is in transitive_tag_keys but not in tags: a transitive key passes one of this session's tags on to chained sessions, so this one has no effect. Add it to assume_role.tags, or remove it.", k))
			}
		}
	}
	ignore := cfg.ignoreTags(os.Getenv)
	if cfg.DefaultTags != nil && !cfg.DefaultTags.Tags.IsUnknown() {
		var ignored []string
		for k := range stringMap(ctx, cfg.DefaultTags.Tags, &resp.Diagnostics) {
			if ignore.ignored(k) {
				ignored = append(ignored, k)
			}
		}
		if len(ignored) > 0 {
			sort.Strings(ignored)
			resp.Diagnostics.AddAttributeWarning(path.Root("default_tags").AtName("tags"), "Default tag ignored by ignore_tags",
				fmt.Sprintf("The default tags %s match ignore_tags, so they are never applied. Remove them from default_tags, or from ignore_tags.", quotedList(ignored)))
		}
	}
}

func (p *vpceProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.checkKnown(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	acfg := p.awsConfig(ctx, &cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(ctx, "configuring AWS client", map[string]any{
		"region":        acfg.Region,
		"ec2_endpoint":  awsclient.RedactURL(acfg.EC2Endpoint),
		"sts_endpoint":  awsclient.RedactURL(acfg.STSEndpoint),
		"sts_region":    acfg.STSRegion,
		"http_proxy":    redactedPtr(acfg.HTTPProxy),
		"https_proxy":   redactedPtr(acfg.HTTPSProxy),
		"static_keys":   acfg.AccessKey != "",
		"assume_role":   acfg.AssumeRole != nil,
		"web_identity":  acfg.AssumeRoleWithWebIdentity != nil,
		"account_check": len(acfg.AllowedAccountIDs)+len(acfg.ForbiddenAccountIDs) > 0,
	})
	client, err := awsclient.New(ctx, acfg)
	if err != nil {
		resp.Diagnostics.AddError("configuring the vpce provider", err.Error())
		return
	}

	data := &providerData{
		client:             client,
		planTimeValidation: cfg.PlanTimeValidation.IsNull() || cfg.PlanTimeValidation.ValueBool(),
		defaultTags:        map[string]string{},
		ignoreTags:         cfg.ignoreTags(os.Getenv),
		claims:             newClaimRegistry(),
	}
	if cfg.DefaultTags != nil && !cfg.DefaultTags.Tags.IsNull() {
		resp.Diagnostics.Append(cfg.DefaultTags.Tags.ElementsAs(ctx, &data.defaultTags, false)...)
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

func (p *vpceProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewGatewayEndpointResource,
		NewGatewayLoadBalancerEndpointResource,
		NewInterfaceEndpointResource,
		NewRouteTableAssociationResource,
		NewSecurityGroupAssociationResource,
		NewSubnetAssociationResource,
	}
}

func (p *vpceProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewEndpointDataSource,
		NewEndpointsDataSource,
		NewServiceDataSource,
		NewServicesDataSource,
	}
}

func redactedPtr(s *string) any {
	if s == nil {
		return nil
	}
	return awsclient.RedactURL(*s)
}

// Functions are the provider functions (Terraform 1.8 and later, OpenTofu 1.7 and later); older CLIs
// do not see them.
func (p *vpceProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewGatewaySupportedFunction,
		NewParseServiceNameFunction,
		NewServiceNameFunction,
	}
}
