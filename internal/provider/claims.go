package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpce-dev/terraform-provider-vpce/internal/planner"
)

// One owner per member. Each membership set of an endpoint (route tables, subnets, security groups)
// is owned either by the endpoint resource, when its set argument is set (the whole set: it detaches
// whatever it does not list), or member by member by association resources. Within one provider
// configuration of one Terraform run (plan, or apply with its re-plans), every resource that owns
// something registers a claim here as it plans, and again at apply before it changes anything:
//
//   - an inline claim on (endpoint, set) by the endpoint resource;
//   - a member claim on (endpoint, set, member) by an association.
//
// A second claim that clashes with one already registered is an error on the resource that claims
// second, naming the other resource's kind, the member and the fix. An association being destroyed
// does not remove a member that another resource of the run still claims.
//
// A claim is held by one resource instance, told apart by a token that its plan carries in the
// planned private state to its apply (two duplicate associations have the same arguments, so the
// arguments cannot tell them apart). The registry lives in the provider's configured data: a new
// one per ConfigureProvider, so per run and per provider configuration (alias).

// claimTokenKey is the private-state key of the token a plan hands its apply.
const claimTokenKey = "claim_token"

type setKey struct{ endpoint, attribute string }

type memberKey struct{ endpoint, attribute, member string }

// claimant is the resource instance that holds a claim.
type claimant struct {
	token    string
	resource string // the resource type, "vpce_gateway_endpoint"
}

type inlineClaim struct {
	claimant
	members []string // the members the set holds, when known
}

type claimRegistry struct {
	mu      sync.Mutex
	inline  map[setKey]inlineClaim
	members map[memberKey]claimant
	// released are the members of associations planned for destroy before any claimant of the member
	// was planned: the destroy will detach them, and a claimant planned later attaches them again.
	released map[memberKey]string
	// planned records the endpoints whose own resource has been planned in this run (true: for
	// destroy), and when.
	planned map[string]plannedEndpoint
	// changed is closed, and replaced, whenever a claim or a planned endpoint is recorded.
	changed chan struct{}
}

type plannedEndpoint struct {
	destroy bool
	at      time.Time
}

func newClaimRegistry() *claimRegistry {
	return &claimRegistry{inline: map[setKey]inlineClaim{}, members: map[memberKey]claimant{}, released: map[memberKey]string{},
		planned: map[string]plannedEndpoint{}, changed: make(chan struct{})}
}

// notifyLocked wakes the destroys waiting for claimants. Caller holds r.mu.
func (r *claimRegistry) notifyLocked() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// endpointPlanned records that the endpoint's own resource has been planned in this run, after its
// claims (an endpoint planned for destroy takes its associations with it).
func (r *claimRegistry) endpointPlanned(endpointID string, destroy bool) {
	if r == nil || endpointID == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.planned[endpointID] = plannedEndpoint{destroy: destroy, at: time.Now()}
	r.notifyLocked()
}

// How long a planned destroy of an association waits for the other resources of the run to be
// planned: Terraform plans a resource removed from the configuration without waiting for anything,
// so it usually comes first, and a claimant (the endpoint resource taking the member into its set,
// an association renamed without a moved block) is planned just after the endpoint resource.
const (
	claimWait  = 3 * time.Second // at the most
	claimGrace = time.Second     // after the endpoint's own resource was planned
)

// releaseAwaiting is release for a destroy being planned: when no claimant holds the member yet, it
// waits (within claimWait) until the endpoint's own resource has been planned and claimGrace has
// passed, or the endpoint is planned for destroy, or a claimant appears.
func (r *claimRegistry) releaseAwaiting(ctx context.Context, endpointID string, set memberSet, member string) (heldBy string) {
	if r == nil {
		return ""
	}
	deadline := time.Now().Add(claimWait)
	key := memberKey{endpointID, set.attribute, member}
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if heldBy = r.heldByLocked(key, ""); heldBy != "" {
			return heldBy
		}
		until := deadline
		if p, ok := r.planned[endpointID]; ok {
			if p.destroy {
				break
			}
			until = p.at.Add(claimGrace)
		}
		wait := time.Until(until)
		if wait <= 0 {
			break
		}
		changed := r.changed
		r.mu.Unlock()
		timer := time.NewTimer(wait)
		select {
		case <-changed:
		case <-timer.C:
		case <-ctx.Done():
		}
		timer.Stop()
		r.mu.Lock()
		if ctx.Err() != nil {
			break
		}
	}
	r.released[key] = set.association
	return ""
}

// heldByLocked names the claimant other than token that holds the member, or "". Caller holds r.mu.
func (r *claimRegistry) heldByLocked(key memberKey, token string) string {
	if c, ok := r.members[key]; ok && c.token != token {
		return "a " + c.resource
	}
	if c, ok := r.inline[setKey{key.endpoint, key.attribute}]; ok && c.token != token &&
		(c.members == nil || slices.Contains(c.members, key.member)) {
		return "the " + c.resource + " that sets " + key.attribute
	}
	return ""
}

// warnReleased warns a claimant planned after the destroy of another resource holding the same
// member: Terraform may run that destroy first, so the member can be detached for a moment before
// the claimant attaches it again in the same apply. Caller holds r.mu.
func (r *claimRegistry) warnReleased(endpointID string, set memberSet, member string, attr path.Path, diags *diag.Diagnostics) {
	for k, releaser := range r.released {
		if k.endpoint != endpointID || k.attribute != set.attribute || (member != "" && k.member != member) {
			continue
		}
		noun := strings.ToLower(set.what)
		diags.AddAttributeWarning(attr, fmt.Sprintf("%s may be detached briefly during the apply", set.what),
			fmt.Sprintf("A %s that this plan destroys also holds %s %s of VPC endpoint %s. Terraform may run that destroy before this resource's change, which detaches the %s for a moment; this resource then attaches it again in the same apply, and the next plan is empty. To keep the %s attached throughout, use a `moved` block when renaming an association, or take the old resource out of state without destroying it (a `removed` block with `destroy = false`, or `terraform state rm`).",
				releaser, noun, k.member, endpointID, noun, noun))
	}
}

// newClaimToken returns a token for one resource instance's plan.
func newClaimToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// planClaimToken gives the instance being planned a fresh token and hands it to the apply through
// the planned private state.
func planClaimToken(ctx context.Context, p privateSetter, diags *diag.Diagnostics) string {
	token := newClaimToken()
	diags.Append(setPrivateString(ctx, p, claimTokenKey, token)...)
	return token
}

// appliedClaimToken reads the token the plan handed the apply; a plan made without one (an older
// provider version) gets a fresh token, which still clashes with every other claimant.
func appliedClaimToken(ctx context.Context, p privateGetter) string {
	if token := privateString(ctx, p, claimTokenKey); token != "" {
		return token
	}
	return newClaimToken()
}

// setPrivateString stores a string in the private state (whose values are JSON).
func setPrivateString(ctx context.Context, p privateSetter, key, value string) diag.Diagnostics {
	b, _ := json.Marshal(value)
	return p.SetKey(ctx, key, b)
}

// privateString reads a string stored by setPrivateString; "" when there is none.
func privateString(ctx context.Context, p privateGetter, key string) string {
	if p == nil {
		return ""
	}
	b, diags := p.GetKey(ctx, key)
	if diags.HasError() || len(b) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(b, &s) != nil {
		return ""
	}
	return s
}

// claimSet registers the endpoint resource's inline claim on one of its sets, with the members the
// set holds (nil when unknown). It fails when another resource claims the set or one of its members.
func (r *claimRegistry) claimSet(endpointID string, set memberSet, owner claimant, members []string, diags *diag.Diagnostics) {
	if r == nil || endpointID == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	key := setKey{endpointID, set.attribute}
	if other, ok := r.inline[key]; ok && other.token != owner.token {
		diags.AddAttributeError(path.Root(set.attribute), "Two resources own one endpoint's "+plural(set),
			fmt.Sprintf("VPC endpoint %s is managed by two %s resources in this configuration that both set %s, so each would detach what the other adds. Keep one resource per endpoint: remove the other one from the configuration (or from state with `terraform state rm`, if it was imported twice).",
				endpointID, other.resource, set.attribute))
		return
	}
	var clashes []string
	var kind string
	for k, c := range r.members {
		if k.endpoint == endpointID && k.attribute == set.attribute && c.token != owner.token {
			clashes = append(clashes, k.member)
			kind = c.resource
		}
	}
	if len(clashes) > 0 {
		sort.Strings(clashes)
		noun := strings.ToLower(set.what)
		diags.AddAttributeError(path.Root(set.attribute), fmt.Sprintf("%s of this endpoint also owned by a %s", set.what, kind),
			fmt.Sprintf("%s %s of VPC endpoint %s is claimed by a %s in this configuration, but this resource sets %s, which makes it the owner of all the endpoint's %ss: it would detach what the association adds, and the association would add it back on every apply. Choose one owner: list the %s in %s and remove the %s, or remove %s from this resource and give each %s its own %s.",
				set.what, planner.QuoteList(clashes), endpointID, kind, set.attribute, noun, noun, set.attribute, kind, set.attribute, noun, kind))
		return
	}
	r.inline[key] = inlineClaim{claimant: owner, members: members}
	r.notifyLocked()
	r.warnReleased(endpointID, set, "", path.Root(set.attribute), diags)
}

// claimMember registers an association's claim on one member. It fails when the endpoint resource
// owns the set inline, or when another association claims the same member.
func (r *claimRegistry) claimMember(endpointID string, set memberSet, member string, owner claimant, attr path.Path, diags *diag.Diagnostics) {
	if r == nil || endpointID == "" || member == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	noun := strings.ToLower(set.what)
	if other, ok := r.inline[setKey{endpointID, set.attribute}]; ok && other.token != owner.token {
		diags.AddAttributeError(attr, fmt.Sprintf("%s set owned by a %s", set.what, other.resource),
			fmt.Sprintf("The %s resource for VPC endpoint %s sets %s, so it owns all the endpoint's %ss: it would detach %s %s when this %s adds it (or re-add it when this one is destroyed), and the two would fight on every apply. Choose one owner: add %s to %s of that %s and remove this %s, or remove %s from that resource and keep the associations.",
				other.resource, endpointID, set.attribute, noun, noun, member, set.association, member, set.attribute, other.resource, set.association, set.attribute))
		return
	}
	key := memberKey{endpointID, set.attribute, member}
	if other, ok := r.members[key]; ok && other.token != owner.token {
		diags.AddAttributeError(attr, "Duplicate "+set.association,
			fmt.Sprintf("Another %s in this configuration also associates %s %s with VPC endpoint %s. Two resources owning one member fight: destroying either one detaches the %s that the other still declares, and the survivor recreates it on the next apply. Keep one of them (use a `moved` block when renaming one).",
				other.resource, noun, member, endpointID, noun))
		return
	}
	r.members[key] = owner
	r.notifyLocked()
	r.warnReleased(endpointID, set, member, attr, diags)
}

// release drops an association's claim (it is being destroyed) and reports the other claimant that
// still holds the member, if any: the association must then leave the member attached.
func (r *claimRegistry) release(endpointID string, set memberSet, member, token string) (heldBy string) {
	if r == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	key := memberKey{endpointID, set.attribute, member}
	if heldBy = r.heldByLocked(key, token); heldBy != "" {
		return heldBy
	}
	if c, ok := r.members[key]; ok && c.token == token {
		delete(r.members, key)
	}
	return ""
}

// plural is the set's member noun in the plural, lower case.
func plural(set memberSet) string { return strings.ToLower(set.what) + "s" }

// claimedSet is one set argument of an endpoint resource, as configured or planned.
type claimedSet struct {
	set   memberSet
	value types.Set
}

// claimSets registers the endpoint resource's inline claims: one per set argument that is set (a
// null argument leaves membership to associations and claims nothing).
func (r *claimRegistry) claimSets(endpointID, resourceType, token string, sets []claimedSet, diags *diag.Diagnostics) {
	for _, s := range sets {
		if s.value.IsNull() {
			continue
		}
		members, unknown := setStrings(s.value)
		if unknown {
			members = nil
		} else if members == nil {
			members = []string{}
		}
		r.claimSet(endpointID, s.set, claimant{token: token, resource: resourceType}, members, diags)
	}
}

// endpointPlanned records, once an endpoint resource's plan is made (its claims registered), that
// the endpoint it manages has been planned in this run.
func endpointPlanned(ctx context.Context, r *claimRegistry, req resource.ModifyPlanRequest) {
	if req.State.Raw.IsNull() {
		return // a new endpoint: no association of this run can name its id yet
	}
	var id types.String
	if diags := req.State.GetAttribute(ctx, path.Root("id"), &id); diags.HasError() {
		return
	}
	r.endpointPlanned(id.ValueString(), req.Plan.Raw.IsNull())
}
