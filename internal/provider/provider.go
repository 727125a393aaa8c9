// Package provider is the framework layer: the provider's schema and configuration, and one file per
// resource and data source. It glues the planner (which decides) to the AWS layer (which acts), and it
// is the only layer that writes diagnostics.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

// RegistryAddress is the provider's address in the Terraform registry.
const RegistryAddress = "registry.terraform.io/vpce-dev/vpce"

var (
	_ provider.Provider                   = (*vpceProvider)(nil)
	_ provider.ProviderWithValidateConfig = (*vpceProvider)(nil)
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
	planTimeValidation bool
}

var retryModes = []string{"standard", "adaptive"}

func (p *vpceProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "vpce"
	resp.Version = p.version
}

func (p *vpceProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The `vpce` provider manages AWS VPC endpoints and checks the rules of each " +
			"endpoint service at `terraform plan`. Its arguments mirror the `aws` provider's; every argument " +
			"falls back to the AWS SDK's environment variables and shared configuration files.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				MarkdownDescription: "AWS access key id. Falls back to `AWS_ACCESS_KEY_ID`, the shared credentials file, and the rest of the SDK's credential chain.",
				Optional:            true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed AWS call is retried (throttling such as `RequestLimitExceeded`, 5xx and other transient errors), with exponential backoff capped at 20 seconds. `0` turns retries off. When unset: `AWS_MAX_ATTEMPTS` (attempts = retries + 1), else the profile's `max_attempts`, else 24 retries (25 attempts in all, the `aws` provider's default).",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 100)},
			},
			"plan_time_validation": schema.BoolAttribute{
				MarkdownDescription: "Run the planner's live rules at `terraform plan` (they call `Describe*` EC2 APIs). Set `false` for callers without describe permissions; static rules still run. Defaults to `true`.",
				Optional:            true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Named profile of the shared configuration files. Falls back to `AWS_PROFILE`.",
				Optional:            true,
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region, e.g. `us-east-1`. Falls back to `AWS_REGION`, `AWS_DEFAULT_REGION` and the profile's region.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regionRegexp, "must be an AWS region name such as us-east-1")},
			},
			"retry_mode": schema.StringAttribute{
				MarkdownDescription: "SDK retry mode: " + quotedList(retryModes) + ". Falls back to `AWS_RETRY_MODE`; defaults to `standard`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(retryModes...)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AWS secret access key. Falls back to `AWS_SECRET_ACCESS_KEY` and the SDK's credential chain.",
				Optional:            true,
				Sensitive:           true,
			},
			"shared_config_files": schema.ListAttribute{
				MarkdownDescription: "Paths of shared configuration files. Defaults to `~/.aws/config`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"shared_credentials_files": schema.ListAttribute{
				MarkdownDescription: "Paths of shared credentials files. Defaults to `~/.aws/credentials`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"skip_credentials_validation": schema.BoolAttribute{
				MarkdownDescription: "Skip the `sts:GetCallerIdentity` call that checks the credentials when the provider is configured. Defaults to `false`.",
				Optional:            true,
			},
			"skip_requesting_account_id": schema.BoolAttribute{
				MarkdownDescription: "Do not look the account id up. Endpoint ARNs then use the endpoint's `owner_id`. Defaults to `false`.",
				Optional:            true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "Session token for temporary credentials. Falls back to `AWS_SESSION_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume an IAM role (through `sts:AssumeRole`) with the credentials found above.",
				Attributes: map[string]schema.Attribute{
					"duration": schema.StringAttribute{
						MarkdownDescription: "Session duration as a Go duration (`1h`, `90m`), between 15 minutes and 12 hours. Defaults to 1 hour.",
						Optional:            true,
						Validators:          []validator.String{durationValidator{min: 15 * time.Minute, max: 12 * time.Hour}},
					},
					"external_id": schema.StringAttribute{
						MarkdownDescription: "External id the role's trust policy requires.",
						Optional:            true,
					},
					"role_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the role to assume. Required when the block is present.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(roleARNRegexp, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/name")},
					},
					"session_name": schema.StringAttribute{
						MarkdownDescription: "Session name. Defaults to `terraform-provider-vpce`.",
						Optional:            true,
					},
				},
			},
			"default_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags added to every endpoint this provider creates; a resource's own `tags` win on conflict. The merged set is shown in `tags_all`.",
				Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{
						MarkdownDescription: "The default tags.",
						Optional:            true,
						ElementType:         types.StringType,
					},
				},
			},
			"endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom service endpoints, e.g. the local EC2 API or LocalStack. Fall back to `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL`.",
				Attributes: map[string]schema.Attribute{
					"ec2": schema.StringAttribute{
						MarkdownDescription: "EC2 endpoint URL, e.g. `http://127.0.0.1:4566`.",
						Optional:            true,
						Validators:          []validator.String{urlValidator{}},
					},
					"sts": schema.StringAttribute{
						MarkdownDescription: "STS endpoint URL.",
						Optional:            true,
						Validators:          []validator.String{urlValidator{}},
					},
				},
			},
		},
	}
}

type providerModel struct {
	AccessKey                 types.String      `tfsdk:"access_key"`
	AssumeRole                *assumeRoleModel  `tfsdk:"assume_role"`
	DefaultTags               *defaultTagsModel `tfsdk:"default_tags"`
	Endpoints                 *endpointsModel   `tfsdk:"endpoints"`
	MaxRetries                types.Int64       `tfsdk:"max_retries"`
	PlanTimeValidation        types.Bool        `tfsdk:"plan_time_validation"`
	Profile                   types.String      `tfsdk:"profile"`
	Region                    types.String      `tfsdk:"region"`
	RetryMode                 types.String      `tfsdk:"retry_mode"`
	SecretKey                 types.String      `tfsdk:"secret_key"`
	SharedConfigFiles         []types.String    `tfsdk:"shared_config_files"`
	SharedCredentialsFiles    []types.String    `tfsdk:"shared_credentials_files"`
	SkipCredentialsValidation types.Bool        `tfsdk:"skip_credentials_validation"`
	SkipRequestingAccountID   types.Bool        `tfsdk:"skip_requesting_account_id"`
	Token                     types.String      `tfsdk:"token"`
}

type assumeRoleModel struct {
	Duration    types.String `tfsdk:"duration"`
	ExternalID  types.String `tfsdk:"external_id"`
	RoleARN     types.String `tfsdk:"role_arn"`
	SessionName types.String `tfsdk:"session_name"`
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"` //< string
}

type endpointsModel struct {
	EC2 types.String `tfsdk:"ec2"`
	STS types.String `tfsdk:"sts"`
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
}

func (p *vpceProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]types.String{"region": cfg.Region, "access_key": cfg.AccessKey, "secret_key": cfg.SecretKey, "token": cfg.Token, "profile": cfg.Profile} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider argument",
				fmt.Sprintf("%s depends on a value not known until apply. Provider arguments must be known at plan time: use a literal, a variable or an environment variable.", name))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	acfg := awsclient.Config{
		Region:                    stringOr(cfg.Region, p.defaults.Region),
		Profile:                   cfg.Profile.ValueString(),
		AccessKey:                 stringOr(cfg.AccessKey, p.defaults.AccessKey),
		SecretKey:                 stringOr(cfg.SecretKey, p.defaults.SecretKey),
		Token:                     cfg.Token.ValueString(),
		EC2Endpoint:               p.defaults.EC2Endpoint,
		STSEndpoint:               p.defaults.STSEndpoint,
		SkipCredentialsValidation: cfg.SkipCredentialsValidation.ValueBool(),
		SkipRequestingAccountID:   cfg.SkipRequestingAccountID.ValueBool(),
		RetryMode:                 cfg.RetryMode.ValueString(),
		UserAgent:                 "terraform-provider-vpce/" + p.version,
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		n := int(cfg.MaxRetries.ValueInt64())
		acfg.MaxRetries = &n
	}
	for _, f := range cfg.SharedConfigFiles {
		acfg.SharedConfigFiles = append(acfg.SharedConfigFiles, f.ValueString())
	}
	for _, f := range cfg.SharedCredentialsFiles {
		acfg.SharedCredentialsFiles = append(acfg.SharedCredentialsFiles, f.ValueString())
	}
	if cfg.Endpoints != nil {
		acfg.EC2Endpoint = stringOr(cfg.Endpoints.EC2, acfg.EC2Endpoint)
		acfg.STSEndpoint = stringOr(cfg.Endpoints.STS, acfg.STSEndpoint)
	}
	if cfg.AssumeRole != nil {
		ar := &awsclient.AssumeRole{
			RoleARN:     cfg.AssumeRole.RoleARN.ValueString(),
			SessionName: cfg.AssumeRole.SessionName.ValueString(),
			ExternalID:  cfg.AssumeRole.ExternalID.ValueString(),
		}
		if d := cfg.AssumeRole.Duration.ValueString(); d != "" {
			ar.Duration, _ = time.ParseDuration(d) // validated by the schema
		}
		acfg.AssumeRole = ar
	}
	// Half a static key pair takes the other half from the environment, as the aws provider does.
	if acfg.SecretKey != "" && acfg.AccessKey == "" {
		acfg.AccessKey = os.Getenv("AWS_ACCESS_KEY_ID")
	}
	if acfg.AccessKey != "" && acfg.SecretKey == "" {
		acfg.SecretKey = os.Getenv("AWS_SECRET_ACCESS_KEY")
	}
	if (acfg.AccessKey == "") != (acfg.SecretKey == "") {
		resp.Diagnostics.AddAttributeError(path.Root("secret_key"), "Incomplete static credentials",
			"Only one of access_key and secret_key is set (in the provider block or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). Set both, or neither to use the SDK's credential chain.")
		return
	}

	tflog.Debug(ctx, "configuring AWS client", map[string]any{
		"region":       acfg.Region,
		"ec2_endpoint": acfg.EC2Endpoint,
		"static_keys":  acfg.AccessKey != "",
		"assume_role":  acfg.AssumeRole != nil,
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
		NewInterfaceEndpointResource,
		NewRouteTableAssociationResource,
		NewSecurityGroupAssociationResource,
		NewSubnetAssociationResource,
	}
}

func (p *vpceProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewEndpointDataSource,
		NewServiceDataSource,
		NewServicesDataSource,
	}
}

func stringOr(v types.String, def string) string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return def
	}
	return v.ValueString()
}
