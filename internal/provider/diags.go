package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/vpce-dev/terraform-provider-vpce/internal/awsclient"
	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// configureData extracts the provider's data in a resource's or data source's Configure.
func configureData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *provider.providerData, got %T. Please report this issue to the provider developers.", raw))
		return nil
	}
	return data
}

// attributePath turns a planner attribute ("dns_options.dns_record_ip_type") into a framework path.
func attributePath(attribute string) path.Path {
	var p path.Path
	for i, step := range strings.Split(attribute, ".") {
		if i == 0 {
			p = path.Root(step)
			continue
		}
		p = p.AtName(step)
	}
	return p
}

// appendFindings writes planner findings as attribute diagnostics. With the configuration, a
// finding about an attribute the configuration leaves unset (a value chosen by default) points at its
// nearest configured parent (dns_options), else at `service`, which decides the defaults, rather
// than at the resource's header.
func appendFindings(ctx context.Context, diags *diag.Diagnostics, findings planner.Findings, config *tfsdk.Config) {
	for _, f := range findings {
		summary := fmt.Sprintf("%s [%s]", f.Summary, f.Rule)
		if f.Attribute == "" {
			if f.Severity == planner.SeverityWarning {
				diags.AddWarning(summary, f.Detail)
			} else {
				diags.AddError(summary, f.Detail)
			}
			continue
		}
		p := sourcePath(configuredPath(ctx, attributePath(f.Attribute), config))
		if f.Severity == planner.SeverityWarning {
			diags.AddAttributeWarning(p, summary, f.Detail)
		} else {
			diags.AddAttributeError(p, summary, f.Detail)
		}
	}
}

// sourcePath is the path a diagnostic about p is attached to: p's top-level attribute when p goes
// into a nested attribute (dns_options.…). Terraform and OpenTofu find a diagnostic's place in the
// configuration by walking blocks only, so a path into `dns_options = { … }` would point at the
// resource's header; its top-level attribute points at the `dns_options` lines. The detail names the
// nested attribute itself.
func sourcePath(p path.Path) path.Path {
	steps := p.Steps()
	if len(steps) < 2 {
		return p
	}
	if name, ok := steps[0].(path.PathStepAttributeName); ok {
		return path.Root(string(name))
	}
	return p
}

// configuredPath is p when the configuration sets it, else its nearest configured parent, else
// `service` (nil config: p).
func configuredPath(ctx context.Context, p path.Path, config *tfsdk.Config) path.Path {
	if config == nil {
		return p
	}
	for q := p; len(q.Steps()) > 0; q = q.ParentPath() {
		var v attr.Value
		if diags := config.GetAttribute(ctx, q, &v); !diags.HasError() && v != nil && !v.IsNull() {
			return q
		}
	}
	return path.Root("service")
}

// appendAPIError writes an AWS error as a diagnostic: translated to the planner's rule when it is a
// known one (AWS's own message kept as detail), else with the summary given.
func appendAPIError(diags *diag.Diagnostics, summary string, err error) {
	var rule *awsclient.RuleError
	if errors.As(awsclient.TranslateError(err), &rule) {
		detail := fmt.Sprintf("%s\n\nAWS said: %s: %s", rule.Detail, rule.AWSCode, rule.AWSMessage)
		title := fmt.Sprintf("%s: %s", summary, rule.Summary)
		if rule.Rule != "" {
			title += " [" + rule.Rule + "]"
		}
		if rule.Attribute != "" {
			diags.AddAttributeError(sourcePath(attributePath(rule.Attribute)), title, detail)
		} else {
			diags.AddError(title, detail)
		}
		return
	}
	diags.AddError(summary, err.Error())
}
