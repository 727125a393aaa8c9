package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

type providerModel struct {
	AccessKey                 types.String                    `tfsdk:"access_key"`
	AllowedAccountIDs         types.Set                       `tfsdk:"allowed_account_ids"` //< string
	AssumeRole                *assumeRoleModel                `tfsdk:"assume_role"`
	AssumeRoleWithWebIdentity *assumeRoleWithWebIdentityModel `tfsdk:"assume_role_with_web_identity"`
	CustomCABundle            types.String                    `tfsdk:"custom_ca_bundle"`
	DefaultTags               *defaultTagsModel               `tfsdk:"default_tags"`
	Endpoints                 *endpointsModel                 `tfsdk:"endpoints"`
	ForbiddenAccountIDs       types.Set                       `tfsdk:"forbidden_account_ids"` //< string
	HTTPProxy                 types.String                    `tfsdk:"http_proxy"`
	HTTPSProxy                types.String                    `tfsdk:"https_proxy"`
	IgnoreTags                *ignoreTagsModel                `tfsdk:"ignore_tags"`
	MaxRetries                types.Int64                     `tfsdk:"max_retries"`
	NoProxy                   types.String                    `tfsdk:"no_proxy"`
	PlanTimeValidation        types.Bool                      `tfsdk:"plan_time_validation"`
	Profile                   types.String                    `tfsdk:"profile"`
	Region                    types.String                    `tfsdk:"region"`
	RetryMode                 types.String                    `tfsdk:"retry_mode"`
	SecretKey                 types.String                    `tfsdk:"secret_key"`
	SharedConfigFiles         []types.String                  `tfsdk:"shared_config_files"`
	SharedCredentialsFiles    []types.String                  `tfsdk:"shared_credentials_files"`
	SkipCredentialsValidation types.Bool                      `tfsdk:"skip_credentials_validation"`
	SkipMetadataAPICheck      types.Bool                      `tfsdk:"skip_metadata_api_check"`
	SkipRequestingAccountID   types.Bool                      `tfsdk:"skip_requesting_account_id"`
	STSRegion                 types.String                    `tfsdk:"sts_region"`
	Token                     types.String                    `tfsdk:"token"`
}

type assumeRoleModel struct {
	Duration          types.String `tfsdk:"duration"`
	ExternalID        types.String `tfsdk:"external_id"`
	Policy            types.String `tfsdk:"policy"`
	PolicyARNs        types.Set    `tfsdk:"policy_arns"` //< string
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SourceIdentity    types.String `tfsdk:"source_identity"`
	Tags              types.Map    `tfsdk:"tags"`                //< string
	TransitiveTagKeys types.Set    `tfsdk:"transitive_tag_keys"` //< string
}

type assumeRoleWithWebIdentityModel struct {
	Duration             types.String `tfsdk:"duration"`
	Policy               types.String `tfsdk:"policy"`
	PolicyARNs           types.Set    `tfsdk:"policy_arns"` //< string
	RoleARN              types.String `tfsdk:"role_arn"`
	SessionName          types.String `tfsdk:"session_name"`
	WebIdentityToken     types.String `tfsdk:"web_identity_token"`
	WebIdentityTokenFile types.String `tfsdk:"web_identity_token_file"`
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"` //< string
}

type endpointsModel struct {
	EC2 types.String `tfsdk:"ec2"`
	STS types.String `tfsdk:"sts"`
}

type ignoreTagsModel struct {
	KeyPrefixes types.Set `tfsdk:"key_prefixes"` //< string
	Keys        types.Set `tfsdk:"keys"`         //< string
}

func (m *providerModel) accountIDs(name string) types.Set {
	if name == "allowed_account_ids" {
		return m.AllowedAccountIDs
	}
	return m.ForbiddenAccountIDs
}

func (m *providerModel) ignoreTags(getenv func(string) string) ignoreTags {
	if m.IgnoreTags == nil {
		return newIgnoreTags(nil, nil, getenv)
	}
	return newIgnoreTags(knownSet(m.IgnoreTags.Keys), knownSet(m.IgnoreTags.KeyPrefixes), getenv)
}

// checkKnown reports the arguments whose value is unknown at plan time (computed from another
// resource): the provider is configured before anything is applied, so an unknown role, region or
// proxy would silently configure something else.
func (m *providerModel) checkKnown(diags *diag.Diagnostics) {
	type arg struct {
		path    path.Path
		unknown bool
	}
	args := []arg{
		{path.Root("region"), m.Region.IsUnknown()},
		{path.Root("access_key"), m.AccessKey.IsUnknown()},
		{path.Root("secret_key"), m.SecretKey.IsUnknown()},
		{path.Root("token"), m.Token.IsUnknown()},
		{path.Root("profile"), m.Profile.IsUnknown()},
		{path.Root("sts_region"), m.STSRegion.IsUnknown()},
		{path.Root("http_proxy"), m.HTTPProxy.IsUnknown()},
		{path.Root("https_proxy"), m.HTTPSProxy.IsUnknown()},
		{path.Root("no_proxy"), m.NoProxy.IsUnknown()},
		{path.Root("custom_ca_bundle"), m.CustomCABundle.IsUnknown()},
		{path.Root("allowed_account_ids"), m.AllowedAccountIDs.IsUnknown()},
		{path.Root("forbidden_account_ids"), m.ForbiddenAccountIDs.IsUnknown()},
		{path.Root("max_retries"), m.MaxRetries.IsUnknown()},
	}
	if ar := m.AssumeRole; ar != nil {
		p := path.Root("assume_role")
		args = append(args, arg{p.AtName("role_arn"), ar.RoleARN.IsUnknown()}, arg{p.AtName("external_id"), ar.ExternalID.IsUnknown()},
			arg{p.AtName("policy"), ar.Policy.IsUnknown()}, arg{p.AtName("tags"), ar.Tags.IsUnknown()})
	}
	if w := m.AssumeRoleWithWebIdentity; w != nil {
		p := path.Root("assume_role_with_web_identity")
		args = append(args, arg{p.AtName("role_arn"), w.RoleARN.IsUnknown()}, arg{p.AtName("web_identity_token"), w.WebIdentityToken.IsUnknown()},
			arg{p.AtName("web_identity_token_file"), w.WebIdentityTokenFile.IsUnknown()}, arg{p.AtName("policy"), w.Policy.IsUnknown()})
	}
	for _, a := range args {
		if a.unknown {
			diags.AddAttributeError(a.path, "Unknown provider argument",
				fmt.Sprintf("%s depends on a value not known until apply. Provider arguments must be known at plan time: use a literal, a variable or an environment variable.", a.path))
		}
	}
}

// awsConfig turns the provider block (with the harness's defaults) into the AWS layer's
// configuration. Values the schema validated are used as they are.
func (p *vpceProvider) awsConfig(ctx context.Context, m *providerModel, diags *diag.Diagnostics) awsclient.Config {
	acfg := awsclient.Config{
		Region:                    stringOr(m.Region, p.defaults.Region),
		Profile:                   m.Profile.ValueString(),
		AccessKey:                 stringOr(m.AccessKey, p.defaults.AccessKey),
		SecretKey:                 stringOr(m.SecretKey, p.defaults.SecretKey),
		Token:                     m.Token.ValueString(),
		EC2Endpoint:               p.defaults.EC2Endpoint,
		STSEndpoint:               p.defaults.STSEndpoint,
		STSRegion:                 m.STSRegion.ValueString(),
		AllowedAccountIDs:         knownSet(m.AllowedAccountIDs),
		ForbiddenAccountIDs:       knownSet(m.ForbiddenAccountIDs),
		HTTPProxy:                 m.HTTPProxy.ValueStringPointer(),
		HTTPSProxy:                m.HTTPSProxy.ValueStringPointer(),
		NoProxy:                   m.NoProxy.ValueStringPointer(),
		CustomCABundle:            m.CustomCABundle.ValueString(),
		SkipMetadataAPICheck:      m.SkipMetadataAPICheck.ValueBoolPointer(),
		SkipCredentialsValidation: m.SkipCredentialsValidation.ValueBool(),
		SkipRequestingAccountID:   m.SkipRequestingAccountID.ValueBool(),
		RetryMode:                 m.RetryMode.ValueString(),
		UserAgent:                 "terraform-provider-vpce/" + p.version,
	}
	if !m.MaxRetries.IsNull() {
		n := int(m.MaxRetries.ValueInt64())
		acfg.MaxRetries = &n
	}
	for _, f := range m.SharedConfigFiles {
		acfg.SharedConfigFiles = append(acfg.SharedConfigFiles, f.ValueString())
	}
	for _, f := range m.SharedCredentialsFiles {
		acfg.SharedCredentialsFiles = append(acfg.SharedCredentialsFiles, f.ValueString())
	}
	if m.Endpoints != nil {
		acfg.EC2Endpoint = stringOr(m.Endpoints.EC2, acfg.EC2Endpoint)
		acfg.STSEndpoint = stringOr(m.Endpoints.STS, acfg.STSEndpoint)
	}
	if ar := m.AssumeRole; ar != nil {
		acfg.AssumeRole = &awsclient.AssumeRole{
			RoleARN:           ar.RoleARN.ValueString(),
			SessionName:       ar.SessionName.ValueString(),
			ExternalID:        ar.ExternalID.ValueString(),
			Duration:          sessionDuration(ar.Duration, path.Root("assume_role").AtName("duration"), diags),
			Policy:            ar.Policy.ValueString(),
			PolicyARNs:        knownSet(ar.PolicyARNs),
			Tags:              stringMap(ctx, ar.Tags, diags),
			TransitiveTagKeys: knownSet(ar.TransitiveTagKeys),
			SourceIdentity:    ar.SourceIdentity.ValueString(),
		}
	}
	if w := m.AssumeRoleWithWebIdentity; w != nil {
		acfg.AssumeRoleWithWebIdentity = &awsclient.AssumeRoleWithWebIdentity{
			RoleARN:              w.RoleARN.ValueString(),
			SessionName:          w.SessionName.ValueString(),
			WebIdentityToken:     w.WebIdentityToken.ValueString(),
			WebIdentityTokenFile: w.WebIdentityTokenFile.ValueString(),
			Duration:             sessionDuration(w.Duration, path.Root("assume_role_with_web_identity").AtName("duration"), diags),
			Policy:               w.Policy.ValueString(),
			PolicyARNs:           knownSet(w.PolicyARNs),
		}
	}
	// Half a static key pair takes the other half from the environment, as the aws provider does.
	if acfg.SecretKey != "" && acfg.AccessKey == "" {
		acfg.AccessKey = os.Getenv("AWS_ACCESS_KEY_ID")
	}
	if acfg.AccessKey != "" && acfg.SecretKey == "" {
		acfg.SecretKey = os.Getenv("AWS_SECRET_ACCESS_KEY")
	}
	if (acfg.AccessKey == "") != (acfg.SecretKey == "") {
		diags.AddAttributeError(path.Root("secret_key"), "Incomplete static credentials",
			"Only one of access_key and secret_key is set (in the provider block or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). Set both, or neither to use the SDK's credential chain.")
	}
	return acfg
}

// sessionDuration parses a validated duration ("" is 0, the default), with the same function as
// the schema's validator.
func sessionDuration(v types.String, p path.Path, diags *diag.Diagnostics) (d time.Duration) {
	if v.ValueString() == "" {
		return 0
	}
	d, err := parseDuration(v.ValueString(), assumeRoleMinDuration, assumeRoleMaxDuration)
	if err != nil {
		diags.AddAttributeError(p, "Invalid duration", err.Error())
	}
	return d
}

// knownSet reads the known elements of a set of strings (sorted; nil when null or unknown).
func knownSet(s types.Set) []string {
	known, _ := setStrings(s)
	return known
}

func stringOr(v types.String, def string) string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return def
	}
	return v.ValueString()
}
