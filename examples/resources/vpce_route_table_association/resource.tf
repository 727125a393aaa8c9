resource "vpce_gateway_endpoint" "s3" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "s3"
  # route_table_ids left unset: the associations below own membership.
}

resource "vpce_route_table_association" "private_a" {
  vpc_endpoint_id = vpce_gateway_endpoint.s3.id
  route_table_id  = "rtb-0123456789abcdef0"
}
