package planner

import "fmt"

// memberKind describes one kind of endpoint member (route table, subnet, security group) for the
// findings every membership rule shares: the member does not exist, or is in another VPC.
type memberKind struct {
	rule     string // P7 for route tables, P10 for subnets and security groups
	noun     string // "route table"
	notFound func(id string) rejection
}

var (
	routeTableMember = memberKind{"P7", "route table", func(id string) rejection {
		return rejection{"InvalidRouteTableId.NotFound", "The routeTable ID '" + id + "' does not exist"}
	}}
	subnetMember = memberKind{"P10", "subnet", func(id string) rejection {
		return rejection{"InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist"}
	}}
	securityGroupMember = memberKind{"P10", "security group", func(id string) rejection {
		return rejection{"InvalidGroup.NotFound", "The security group '" + id + "' does not exist"}
	}}
)

// missing is the error for a member that does not exist.
func (k memberKind) missing(attr, id string) Finding {
	return finding{
		rule: k.rule, severity: SeverityError, attr: attr, members: []string{id},
		summary: upperFirst(k.noun) + " not found",
		fact:    fmt.Sprintf("The %s %s does not exist in the region", k.noun, id),
		aws:     k.notFound(id),
		fix:     fmt.Sprintf("Check the %s id, and that the provider is configured for the %s's account and region", k.noun, k.noun),
	}.build()
}

// inOtherVPC is the error for a member of memberVPC given to an endpoint in endpointVPC; endpointID
// is "" for an endpoint not created yet.
func (k memberKind) inOtherVPC(attr, id, memberVPC, endpointID, endpointVPC string, aws rejection, fix string) Finding {
	endpoint := "the endpoint"
	if endpointID != "" {
		endpoint += " " + endpointID
	}
	return finding{
		rule: k.rule, severity: SeverityError, attr: attr, members: []string{id},
		summary: upperFirst(k.noun) + " in another VPC",
		fact:    fmt.Sprintf("The %s %s belongs to %s, but %s is in %s", k.noun, id, memberVPC, endpoint, endpointVPC),
		aws:     aws,
		fix:     fix,
	}.build()
}

// otherVPC reports whether a member's VPC is known to differ from the endpoint's.
func otherVPC(memberVPC, endpointVPC string) bool {
	return memberVPC != "" && endpointVPC != "" && memberVPC != endpointVPC
}
