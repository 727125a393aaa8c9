# By VPC, service and type: a VPC with an S3 gateway and an S3 interface endpoint has two endpoints
# for s3, and type picks one.
data "vpce_endpoint" "s3_gateway" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "s3"
  type    = "Gateway"
}

data "vpce_endpoint" "s3_interface" {
  vpc_id  = "vpc-0123456789abcdef0"
  service = "s3"
  type    = "Interface"
}

# By tags, or by any EC2 filter of DescribeVpcEndpoints.
data "vpce_endpoint" "tagged" {
  vpc_id = "vpc-0123456789abcdef0"
  tags = {
    Name = "shared-ssm"
  }
}

data "vpce_endpoint" "filtered" {
  filter {
    name   = "vpc-id"
    values = ["vpc-0123456789abcdef0"]
  }
  filter {
    name   = "ip-address-type"
    values = ["dualstack"]
  }
}

# ...or by id.
data "vpce_endpoint" "by_id" {
  id = "vpce-0123456789abcdef0"
}

output "s3_route_tables" {
  value = data.vpce_endpoint.s3_gateway.route_table_ids
}

output "s3_interface_dns" {
  value = data.vpce_endpoint.s3_interface.dns_entries[0].dns_name
}
