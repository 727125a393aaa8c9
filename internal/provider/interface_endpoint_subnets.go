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

// candidate_subnet_ids: the planner picks one subnet per Availability Zone that the service offers.
// The picks are recorded in the private state with the candidates they came from, so that a plan
// whose candidates have not changed plans the same picks without describing anything (and drift of
// the endpoint's subnets shows against the picks, as it does against subnet_ids).

// subnetPicksKey is the private-state key of the record.
const subnetPicksKey = "subnet_picks"

type subnetPicks struct {
	Candidates []string `json:"candidates"`
	Picks      []string `json:"picks"`
}

// recordSubnetPicks stores the plan's picks (or clears the record when candidates are not in use).
func recordSubnetPicks(ctx context.Context, p privateSetter, m *interfaceEndpointModel) diag.Diagnostics {
	cands, unknown := setStrings(m.CandidateSubnetIDs)
	picks, picksUnknown := setStrings(m.SubnetIDs)
	if m.CandidateSubnetIDs.IsNull() || unknown || picksUnknown {
		return p.SetKey(ctx, subnetPicksKey, nil)
	}
	b, _ := json.Marshal(subnetPicks{Candidates: sortedCopy(cands), Picks: sortedCopy(picks)})
	return p.SetKey(ctx, subnetPicksKey, b)
}

func recordedSubnetPicks(ctx context.Context, p privateGetter) (subnetPicks, bool) {
	var rec subnetPicks
	if p == nil {
		return rec, false
	}
	b, diags := p.GetKey(ctx, subnetPicksKey)
	if diags.HasError() || len(b) == 0 || json.Unmarshal(b, &rec) != nil {
		return rec, false
	}
	return rec, true
}

func sortedCopy(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// pickSubnets plans subnet_ids from candidate_subnet_ids. It returns an unknown set when the
// candidates or the service are not known yet.
func (r *interfaceEndpointResource) pickSubnets(ctx context.Context, cfg interfaceEndpointModel, state *interfaceEndpointModel, serviceName string, priv privateGetter, diags *diag.Diagnostics) types.Set {
	unknownSet := types.SetUnknown(types.StringType)
	cands, unknown := setStrings(cfg.CandidateSubnetIDs)
	if unknown || serviceName == "" || cfg.ServiceRegion.IsUnknown() {
		return unknownSet
	}
	if state != nil {
		if rec, ok := recordedSubnetPicks(ctx, priv); ok && slices.Equal(rec.Candidates, sortedCopy(cands)) {
			return setValue(rec.Picks)
		}
	}
	attr := path.Root("candidate_subnet_ids")
	client := r.data.client
	subnets, err := client.SubnetFacts(ctx, cands)
	if err != nil {
		factsProblem(diags, err, "subnet_ids (picked from candidate_subnet_ids)")
		return unknownSet
	}
	var facts []planner.SubnetFacts
	var missing []string
	for _, id := range cands {
		if f, ok := subnets[id]; ok {
			facts = append(facts, f)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		diags.AddAttributeError(attr, "Subnet not found",
			fmt.Sprintf("Candidate subnet %s does not exist. Check the IDs, or reference the subnets' resources so that Terraform creates them first.", planner.QuoteList(missing)))
		return unknownSet
	}
	svc, err := client.ServiceFacts(ctx, serviceName, cfg.ServiceRegion.ValueString())
	if err != nil {
		factsProblem(diags, err, "subnet_ids (picked from candidate_subnet_ids)")
		return unknownSet
	}
	if svc == nil {
		return unknownSet // the live rules report the unknown service (P1)
	}
	var inUse []string
	if state != nil {
		inUse, _ = setStrings(state.AssociatedSubnetIDs)
	}
	picks, dropped := planner.PickSubnets(facts, svc.AvailabilityZones, inUse)
	if len(dropped) > 0 {
		var parts []string
		for _, d := range dropped {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", d.SubnetID, d.AvailabilityZone, d.AvailabilityZoneID))
		}
		diags.AddAttributeWarning(attr, "Candidate subnets dropped: zones the service does not offer",
			fmt.Sprintf("%s offers endpoints in %s only, so these candidates are not used: %s. The endpoint gets one subnet in each offered zone: %s.",
				serviceName, planner.QuoteList(svc.AvailabilityZones), strings.Join(parts, ", "), planner.QuoteList(picks)))
	}
	if len(picks) == 0 {
		diags.AddAttributeError(attr, "No candidate subnet in a zone the service offers",
			fmt.Sprintf("%s offers endpoints in %s only, and no candidate subnet is in one of them. Add a subnet in one of those zones to candidate_subnet_ids.",
				serviceName, planner.QuoteList(svc.AvailabilityZones)))
		return unknownSet
	}
	return setValue(picks)
}
