package provider

import (
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// mapValue builds a types.Map of strings; an empty map becomes null when nullIfEmpty.
func mapValue(m map[string]string, nullIfEmpty bool) types.Map {
	if len(m) == 0 && nullIfEmpty {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// setValue builds a types.Set of strings (empty, not null, for no elements).
func setValue(ss []string) types.Set {
	elems := make([]attr.Value, 0, len(ss))
	for _, s := range ss {
		elems = append(elems, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, elems)
}

// listValue builds a types.List of strings (empty, not null, for no elements).
func listValue(ss []string) types.List {
	elems := make([]attr.Value, 0, len(ss))
	for _, s := range ss {
		elems = append(elems, types.StringValue(s))
	}
	return types.ListValueMust(types.StringType, elems)
}

// setStrings reads the known elements of a set of strings. unknown is true when the set or any
// element is unknown; null sets read as nil.
func setStrings(s types.Set) (known []string, unknown bool) {
	if s.IsNull() {
		return nil, false
	}
	if s.IsUnknown() {
		return nil, true
	}
	for _, e := range s.Elements() {
		sv, ok := e.(types.String)
		if !ok || sv.IsUnknown() {
			unknown = true
			continue
		}
		if !sv.IsNull() {
			known = append(known, sv.ValueString())
		}
	}
	sort.Strings(known)
	return known, unknown
}
