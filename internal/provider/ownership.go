package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// Which members of an authoritative set did this resource put there? The state cannot tell after a
// refresh (Read copies AWS's set into it, out-of-band members included), so the resource keeps the
// members it last applied in its private state: a member AWS reports that is not among them was
// attached outside the resource. Removing one of the resource's own members is then an ordinary
// update, not a "detached" warning.

// ownedMembersKey is the private-state key: a JSON object from attribute name to member ids.
const ownedMembersKey = "owned_members"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// ownedMembers reads the members the resource last applied, by attribute; ok is false when the
// private state has none (an endpoint imported, or created by an older version of the provider).
func ownedMembers(ctx context.Context, p privateGetter) (owned map[string][]string, ok bool) {
	if p == nil {
		return nil, false
	}
	b, diags := p.GetKey(ctx, ownedMembersKey)
	if diags.HasError() || len(b) == 0 {
		return nil, false
	}
	if err := json.Unmarshal(b, &owned); err != nil {
		return nil, false
	}
	return owned, true
}

// setOwnedMembers records the members of each set the resource owns (null sets are left out).
func setOwnedMembers(ctx context.Context, p privateSetter, sets map[string]types.Set) diag.Diagnostics {
	owned := map[string][]string{}
	for attribute, s := range sets {
		if s.IsNull() || s.IsUnknown() {
			continue
		}
		ids, _ := setStrings(s)
		owned[attribute] = append([]string{}, ids...)
	}
	b, err := json.Marshal(owned)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("recording the endpoint's own members", err.Error())
		return diags
	}
	return p.SetKey(ctx, ownedMembersKey, b)
}

// memberSet describes one authoritative membership set for warnDetached.
type memberSet struct {
	attribute   string // "route_table_ids"
	what        string // "Route table"
	association string // "vpce_route_table_association"
}

var (
	routeTableSet    = memberSet{"route_table_ids", "Route table", "vpce_route_table_association"}
	subnetSet        = memberSet{"subnet_ids", "Subnet", "vpce_subnet_association"}
	securityGroupSet = memberSet{"security_group_ids", "Security group", "vpce_security_group_association"}
)

// warnDetached warns about the members attached outside this resource that the authoritative set
// will detach: those AWS reports (associated) that the resource did not put there (own) and that the
// configuration does not want. own falls back to the set in state when the private state has no
// record (nothing is then reported as outside that the state already holds).
func warnDetached(diags *diag.Diagnostics, set memberSet, associated types.Set, own []string, want []string, id string) {
	current, _ := setStrings(associated)
	var outside []string
	for _, m := range current {
		if !slices.Contains(own, m) && !slices.Contains(want, m) {
			outside = append(outside, m)
		}
	}
	if len(outside) == 0 {
		return
	}
	noun := strings.ToLower(set.what)
	members := planner.QuoteList(outside)
	summary := set.what + " associated outside this resource will be detached"
	if len(outside) > 1 {
		summary = set.what + "s associated outside this resource will be detached"
	}
	diags.AddAttributeWarning(path.Root(set.attribute), summary,
		fmt.Sprintf("%s %s: associated with %s by someone else (a %s, another configuration or someone out of band), and not in %s. This resource owns the endpoint's %ss because %s is set, so the apply detaches it. If it was attached on purpose, add it to %s, or remove %s from this resource to let %s resources own membership.",
			set.what, members, id, set.association, set.attribute, noun, set.attribute, set.attribute, set.attribute, set.association))
}

// ownOf returns the members of attribute that the resource owns: the private record when there is
// one, else the set in state.
func ownOf(owned map[string][]string, ok bool, attribute string, state types.Set) []string {
	if ok {
		return owned[attribute]
	}
	ids, _ := setStrings(state)
	return ids
}

// importedKey marks a resource just imported, until its first Read: the record of its own members is
// empty (every member AWS reports was attached by someone else), and Read copies AWS's sets whole.
const importedKey = "imported"

// markImported records an import: the resource put no member there yet.
func markImported(ctx context.Context, p privateSetter) diag.Diagnostics {
	diags := p.SetKey(ctx, importedKey, []byte("true"))
	diags.Append(setOwnedMembers(ctx, p, nil)...)
	return diags
}

// justImported reports whether the resource was imported and not read since, and clears the mark.
func justImported(ctx context.Context, req privateGetter, resp privateSetter, diags *diag.Diagnostics) bool {
	b, ds := req.GetKey(ctx, importedKey)
	if ds.HasError() || len(b) == 0 {
		return false
	}
	diags.Append(resp.SetKey(ctx, importedKey, nil)...)
	return true
}
