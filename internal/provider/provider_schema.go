package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
)

var retryModes = []string{"standard", "adaptive"}

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
			"allowed_account_ids": schema.SetAttribute{
				MarkdownDescription: "Account ids the credentials must belong to (after any `assume_role`), checked when the provider is configured: any other account is an error, before any change is planned. Conflicts with `forbidden_account_ids`; needs the `sts:GetCallerIdentity` check, so not with `skip_credentials_validation = true`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(accountIDValidator())},
			},
			"custom_ca_bundle": schema.StringAttribute{
				MarkdownDescription: "File of PEM certificates (roots and intermediates) trusted for AWS calls instead of the system's, for endpoints behind a TLS-inspecting proxy or with a private CA. `~/` is expanded. Falls back to `AWS_CA_BUNDLE`, then the profile's `ca_bundle`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"forbidden_account_ids": schema.SetAttribute{
				MarkdownDescription: "Account ids the credentials must not belong to (after any `assume_role`), checked when the provider is configured. Conflicts with `allowed_account_ids`; not with `skip_credentials_validation = true`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(accountIDValidator())},
			},
			"http_proxy": schema.StringAttribute{
				MarkdownDescription: "URL of the proxy for `http://` AWS endpoints (such as a local EC2 API), e.g. `http://proxy.example.com:3128`; userinfo (`http://user:password@…`) is used for proxy authentication and masked in logs. Only for HTTP requests: AWS endpoints are HTTPS, set `https_proxy` for them. An empty string turns the environment's proxy off. Falls back to `HTTP_PROXY` / `http_proxy`. Requests to `localhost` and loopback addresses never use a proxy.",
				Optional:            true,
				Validators:          []validator.String{proxyURLValidator},
			},
			"https_proxy": schema.StringAttribute{
				MarkdownDescription: "URL of the proxy for `https://` AWS endpoints (all of AWS's), e.g. `http://proxy.example.com:3128` (`" + quotedSchemes(proxySchemes) + "` schemes, or `host:port`). An empty string turns the environment's proxy off. Falls back to `HTTPS_PROXY` / `https_proxy`.",
				Optional:            true,
				Validators:          []validator.String{proxyURLValidator},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed AWS call is retried: throttling (`RequestLimitExceeded` and the SDK's other throttling codes), 5xx answers and EC2's server errors (`InternalError`, `Unavailable`, …), with exponential backoff and jitter capped at %s. `0` turns retries off. When unset: `AWS_MAX_ATTEMPTS` (attempts = retries + 1), else the profile's `max_attempts`, else %d retries (%d attempts in all, the `aws` provider's default). Every call uses it: the credential check, role assumption, reads, waiters and changes. A refused connection or a web identity token STS rejects is attempted at most %d times, whatever this says, and an unknown host or an untrusted TLS certificate not at all: they mean a wrong endpoint, proxy, token or CA bundle.",
					awsclient.RetryMaxBackoff, awsclient.DefaultMaxAttempts-1, awsclient.DefaultMaxAttempts, awsclient.MaxMisconfigAttempts),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"no_proxy": schema.StringAttribute{
				MarkdownDescription: "Comma-separated hosts that bypass `http_proxy` and `https_proxy`: host names (`ec2.internal.example`), domains (`.example.com` or `example.com` for the domain and its subdomains), IP addresses and CIDRs, each with an optional `:port`; `*` bypasses the proxies for every host. An empty string turns the environment's list off. Falls back to `NO_PROXY` / `no_proxy`. On EC2 with an `http_proxy`, list `169.254.169.254` so that instance-role credentials come from the metadata service directly.",
				Optional:            true,
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
				MarkdownDescription: "SDK retry mode: " + quotedList(retryModes) + " (which also slows the request rate down while AWS throttles). Falls back to `AWS_RETRY_MODE`, then the profile's `retry_mode`; defaults to `standard`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(retryModes...)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AWS secret access key. Falls back to `AWS_SECRET_ACCESS_KEY` and the SDK's credential chain.",
				Optional:            true,
				Sensitive:           true,
			},
			"shared_config_files": schema.ListAttribute{
				MarkdownDescription: "Paths of shared configuration files. Falls back to `AWS_CONFIG_FILE`; defaults to `~/.aws/config`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"shared_credentials_files": schema.ListAttribute{
				MarkdownDescription: "Paths of shared credentials files. Falls back to `AWS_SHARED_CREDENTIALS_FILE`; defaults to `~/.aws/credentials`.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"skip_credentials_validation": schema.BoolAttribute{
				MarkdownDescription: "Skip the `sts:GetCallerIdentity` call that checks the credentials when the provider is configured. Defaults to `false`.",
				Optional:            true,
			},
			"skip_metadata_api_check": schema.BoolAttribute{
				MarkdownDescription: "Do not ask the EC2 instance metadata service (IMDS) for credentials, for machines or AWS-compatible APIs without one (the SDK would otherwise try it last, after the environment and the shared files). Falls back to `AWS_EC2_METADATA_DISABLED`; `false` turns the metadata service on even when that variable is `true`. Defaults to `false`.",
				Optional:            true,
			},
			"skip_requesting_account_id": schema.BoolAttribute{
				MarkdownDescription: "Do not look the account id up. Endpoint ARNs then use the endpoint's `owner_id`. Defaults to `false`.",
				Optional:            true,
			},
			"sts_region": schema.StringAttribute{
				MarkdownDescription: "Region of the STS calls (the credential check, `assume_role` and `assume_role_with_web_identity`), e.g. where a regional STS endpoint is required; EC2 calls still use `region`. Defaults to `region`. No environment variable.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regionRegexp, "must be an AWS region name such as us-east-1")},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "Session token for temporary credentials. Falls back to `AWS_SESSION_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume an IAM role (through `sts:AssumeRole`) with the credentials found above, or those of `assume_role_with_web_identity`. The credentials are renewed before they expire.",
				Attributes: map[string]schema.Attribute{
					"duration":            durationAttribute("Defaults to 15 minutes; the session is renewed as needed."),
					"external_id":         schema.StringAttribute{MarkdownDescription: "External id the role's trust policy requires: 2 to 1224 characters of letters, digits and `+=,.@:/-_`.", Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(2, 1224), stringvalidator.RegexMatches(externalIDRegexp, "must be letters, digits or +=,.@:/-_")}},
					"policy":              sessionPolicyAttribute(),
					"policy_arns":         sessionPolicyARNsAttribute(),
					"role_arn":            roleARNAttribute("ARN of the role to assume. Required when the block is present."),
					"session_name":        sessionNameAttribute("Session name, shown in CloudTrail. Defaults to `" + awsclient.DefaultAssumeRoleSessionName + "`."),
					"source_identity":     schema.StringAttribute{MarkdownDescription: "Source identity of the session (kept through role chaining and recorded in CloudTrail), if the role's trust policy allows `sts:SetSourceIdentity`: 2 to 64 letters, digits or `+=,.@-_`.", Optional: true, Validators: []validator.String{stringvalidator.RegexMatches(sessionNameRegexp, "must be 2 to 64 letters, digits or +=,.@-_")}},
					"tags":                sessionTagsAttribute(),
					"transitive_tag_keys": schema.SetAttribute{MarkdownDescription: "Keys of `tags` that pass on to the sessions of roles this session assumes in turn (role chaining).", Optional: true, ElementType: types.StringType},
				},
			},
			"assume_role_with_web_identity": schema.SingleNestedBlock{
				MarkdownDescription: "Exchange an OpenID Connect (OIDC) or OAuth token, such as a CI system's, for a role's credentials (through `sts:AssumeRoleWithWebIdentity`, an unsigned call). When present these are the base credentials: `access_key`, `secret_key` and the SDK's chain are not used; an `assume_role` block then assumes its role with them. The token file is read again at each renewal.",
				Attributes: map[string]schema.Attribute{
					"duration":     durationAttribute("Defaults to AWS's default (1 hour); the session is renewed as needed."),
					"policy":       sessionPolicyAttribute(),
					"policy_arns":  sessionPolicyARNsAttribute(),
					"role_arn":     roleARNAttribute("ARN of the role to assume. Falls back to `AWS_ROLE_ARN`; one of them is required."),
					"session_name": sessionNameAttribute("Session name, shown in CloudTrail. Falls back to `AWS_ROLE_SESSION_NAME`; defaults to `" + awsclient.DefaultAssumeRoleSessionName + "`."),
					"web_identity_token": schema.StringAttribute{
						MarkdownDescription: "The token itself. Conflicts with `web_identity_token_file`; one of them (or `AWS_WEB_IDENTITY_TOKEN_FILE`) is required.",
						Optional:            true,
						Sensitive:           true,
						Validators: []validator.String{
							stringvalidator.LengthBetween(4, 20000),
							stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("web_identity_token_file")),
						},
					},
					"web_identity_token_file": schema.StringAttribute{
						MarkdownDescription: "File holding the token (`~/` is expanded). Falls back to `AWS_WEB_IDENTITY_TOKEN_FILE`.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
			"default_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags added to every endpoint this provider creates; a resource's own `tags` win on conflict. The merged set, less the keys `ignore_tags` matches, is shown in `tags_all`.",
				Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{
						MarkdownDescription: "The default tags.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators:          []validator.Map{mapvalidator.NoNullValues(), tagsValidator{}},
					},
				},
			},
			"endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom service endpoints, e.g. the local EC2 API or LocalStack. Fall back to `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL`. Userinfo in a URL (`http://user:password@…`) is not sent, and is masked in logs and errors.",
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
			"ignore_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags this provider leaves alone, for tags another system manages (a cost tool, a Kubernetes controller): they are never shown in `tags_all`, never reported as drift, and never set, changed or removed. A matching key in a resource's `tags` or in `default_tags` is not applied (with a warning). Merged with `TF_AWS_IGNORE_TAGS_KEYS` and `TF_AWS_IGNORE_TAGS_KEY_PREFIXES` (comma-separated), as in the `aws` provider.",
				Attributes: map[string]schema.Attribute{
					"key_prefixes": schema.SetAttribute{
						MarkdownDescription: "Key prefixes to ignore, e.g. `kubernetes.io/`.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
					"keys": schema.SetAttribute{
						MarkdownDescription: "Exact keys to ignore.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
				},
			},
		},
	}
}

var proxyURLValidator = urlValidator{kind: "proxy URL", schemes: proxySchemes, bareHostPort: true}

func quotedSchemes(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += "`, `"
		}
		out += v
	}
	return out
}

func accountIDValidator() validator.String {
	return stringvalidator.RegexMatches(accountIDRegexp, "must be a 12-digit AWS account id")
}

func durationAttribute(defaultText string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Session duration as a Go duration (`1h`, `90m`, `1h30m`), between 15 minutes and 12 hours (and at most the role's maximum session duration). " + defaultText,
		Optional:            true,
		Validators:          []validator.String{durationValidator{min: assumeRoleMinDuration, max: assumeRoleMaxDuration}},
	}
}

func roleARNAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(roleARNRegexp, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/name")},
	}
}

func sessionNameAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description + " 2 to 64 letters, digits or `+=,.@-_`.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(sessionNameRegexp, "must be 2 to 64 letters, digits or +=,.@-_")},
	}
}

func sessionPolicyAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "IAM policy (JSON, at most " + strconv.Itoa(sessionPolicyMaxLength) + " characters) that further restricts the session: it gets the intersection of the role's policies and this one.",
		Optional:            true,
		Validators:          []validator.String{jsonObjectValidator{}, stringvalidator.LengthAtMost(sessionPolicyMaxLength)},
	}
}

func sessionPolicyARNsAttribute() schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: "ARNs of managed policies (at most " + strconv.Itoa(sessionPolicyARNsMax) + ") that further restrict the session, like `policy`.",
		Optional:            true,
		ElementType:         types.StringType,
		Validators: []validator.Set{
			setvalidator.SizeAtMost(sessionPolicyARNsMax),
			setvalidator.ValueStringsAre(stringvalidator.RegexMatches(policyARNRegexp, "must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess")),
		},
	}
}

func sessionTagsAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "Session tags (at most " + strconv.Itoa(sessionTagsMax) + "), for attribute-based access control; the role's trust policy must allow `sts:TagSession`.",
		Optional:            true,
		ElementType:         types.StringType,
		Validators: []validator.Map{
			mapvalidator.SizeAtMost(sessionTagsMax),
			mapvalidator.KeysAre(stringvalidator.LengthBetween(1, sessionTagKeyMaxLength)),
			mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(sessionTagValueMaxLength)),
		},
	}
}
