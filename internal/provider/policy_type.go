package provider

import (
	"context"
	"fmt"

	awspolicy "github.com/hashicorp/awspolicyequivalence"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// defaultEndpointPolicy is the full-access policy AWS gives an endpoint without a custom one.
const defaultEndpointPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

// policyType is a string type whose values compare as IAM policies: reformatting, reordering keys or
// statements, or writing a one-element list as a scalar never shows a diff.
type policyType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = policyType{}
	_ basetypes.StringValuableWithSemanticEquals = policyValue{}
)

func (t policyType) String() string { return "policyType" }

func (t policyType) ValueType(context.Context) attr.Value { return policyValue{} }

func (t policyType) Equal(o attr.Type) bool {
	_, ok := o.(policyType)
	return ok
}

func (t policyType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return policyValue{StringValue: in}, nil
}

func (t policyType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	sv, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return policyValue{StringValue: sv}, nil
}

// policyValue is a value of policyType.
type policyValue struct {
	basetypes.StringValue
}

func newPolicyValue(s string) policyValue {
	return policyValue{StringValue: basetypes.NewStringValue(s)}
}

func (v policyValue) Type(context.Context) attr.Type { return policyType{} }

func (v policyValue) Equal(o attr.Value) bool {
	other, ok := o.(policyValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v policyValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(policyValue)
	if !ok {
		return false, nil
	}
	return policiesEquivalent(v.ValueString(), other.ValueString()), nil
}

// policiesEquivalent reports whether two policy documents grant the same; unparseable documents are
// equivalent only when identical.
func policiesEquivalent(a, b string) bool {
	if a == b {
		return true
	}
	eq, err := awspolicy.PoliciesAreEquivalent(a, b)
	return err == nil && eq
}
