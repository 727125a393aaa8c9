# By VPC and service (short or full name)...
data "vpce_endpoint" "s3" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "s3"
}

# ...or by id.
data "vpce_endpoint" "by_id" {
  id = "vpce-0123456789abcdef0"
}

output "s3_route_tables" {
  value = data.vpce_endpoint.s3.route_table_ids
}
