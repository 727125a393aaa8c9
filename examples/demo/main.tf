# The demo: S3 and DynamoDB gateway endpoints on the demo network of the local EC2 API.
# `make demo` runs it; the variables come from the emulator's seed file.

terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}

provider "vpce" {
  region     = var.region
  access_key = "test"
  secret_key = "test"
  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
  default_tags {
    tags = {
      project = "vpce-demo"
    }
  }
}

data "vpce_service" "s3" {
  service = "s3"
}

resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = var.vpc_id
  service         = data.vpce_service.s3.service_name
  route_table_ids = var.route_table_ids
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = "*"
    }]
  })
  tags = {
    Name = "demo-s3"
  }
}

resource "vpce_gateway_endpoint" "dynamodb" {
  vpc_id          = var.vpc_id
  service         = "dynamodb"
  route_table_ids = var.route_table_ids
}

output "s3_endpoint_id" {
  value = vpce_gateway_endpoint.s3.id
}

output "s3_prefix_list_id" {
  value = vpce_gateway_endpoint.s3.prefix_list_id
}

output "dynamodb_endpoint_id" {
  value = vpce_gateway_endpoint.dynamodb.id
}

output "s3_preferred_type" {
  value = data.vpce_service.s3.preferred_type
}

output "vpc_id" {
  value = var.vpc_id
}

output "first_route_table_id" {
  value = var.route_table_ids[0]
}
