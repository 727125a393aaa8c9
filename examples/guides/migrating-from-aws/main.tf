# Taking over endpoints that the aws provider manages, with `moved` blocks (Terraform 1.8+,
# OpenTofu 1.8+). The aws provider's configuration was:
#
#   resource "aws_vpc_endpoint" "s3" {
#     vpc_id            = var.vpc_id
#     service_name      = "com.amazonaws.us-east-1.s3"
#     vpc_endpoint_type = "Gateway"
#     route_table_ids   = var.route_table_ids
#   }
#
#   resource "aws_vpc_endpoint" "ssm" {
#     vpc_id             = var.vpc_id
#     service_name       = "com.amazonaws.us-east-1.ssm"
#     vpc_endpoint_type  = "Interface"
#     subnet_ids         = var.subnet_ids
#     security_group_ids = var.security_group_ids
#   }
#
# Replace those blocks with the ones below, plan (only moves), and apply.

terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

variable "vpc_id" {
  type = string
}

variable "route_table_ids" {
  type = list(string)
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

moved {
  from = aws_vpc_endpoint.s3
  to   = vpce_gateway_endpoint.s3
}

moved {
  from = aws_vpc_endpoint.ssm
  to   = vpce_interface_endpoint.ssm
}

# vpc_endpoint_type = "Gateway" becomes the resource type.
resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = var.vpc_id
  service         = "s3"
  route_table_ids = var.route_table_ids
}

resource "vpce_interface_endpoint" "ssm" {
  vpc_id             = var.vpc_id
  service            = "ssm"
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  # The aws provider's default is false, this provider's true: say what the endpoint has, or the
  # plan turns private DNS on.
  private_dns_enabled = false
}
