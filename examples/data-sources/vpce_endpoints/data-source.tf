# Every gateway endpoint of a VPC, whoever created it...
data "vpce_endpoints" "gateways" {
  vpc_id = "vpc-0123456789abcdef0"
  type   = "Gateway"
}

# ...attached to a route table another module adds later. The list is known at plan (its arguments
# are), so it can drive a for_each.
resource "vpce_route_table_association" "extra" {
  for_each = toset(data.vpce_endpoints.gateways.ids)

  vpc_endpoint_id = each.value
  route_table_id  = "rtb-0123456789abcdef0"
}

# Filter by tags and state (and any EC2 filter): the interface endpoints of team "data" still waiting
# for the service owner to accept them.
data "vpce_endpoints" "pending" {
  type  = "Interface"
  state = "pendingAcceptance"
  tags = {
    team = "data"
  }
}

output "pending_services" {
  value = { for e in data.vpce_endpoints.pending.endpoints : e.id => e.service_name }
}
