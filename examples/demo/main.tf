# The demo, on the demo network of the local EC2 API: S3 and DynamoDB gateway endpoints on the demo
# route tables, and Session Manager without internet access (the private-network module's
# session_manager preset: ssm, ssmmessages and ec2messages interface endpoints with private DNS).
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

# Session Manager without internet access: the SSM agent reaches ssm, ssmmessages and ec2messages by
# their public names, which private DNS points at the endpoints in the demo subnets.
module "session_manager" {
  source = "../modules/private-network"

  name               = "demo"
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  security_group_ids = [var.security_group_id]
  presets            = ["session_manager"]
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

output "session_manager_endpoints" {
  description = "The Session Manager endpoints by service: id and private DNS name."
  value = {
    for s, e in module.session_manager.by_service : s => {
      id               = e.id
      private_dns_name = e.private_dns_name
    }
  }
}
