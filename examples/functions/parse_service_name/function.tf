locals {
  parsed = provider::vpce::parse_service_name("com.amazonaws.eu-west-1.ecr.dkr")
}

output "region" {
  value = local.parsed.region # "eu-west-1"
}

output "short_name" {
  value = local.parsed.short_name # "ecr.dkr"
}

# A PrivateLink endpoint service: private_link is true and service_id holds its vpce-svc-… ID.
output "private_link" {
  value = provider::vpce::parse_service_name("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0")
}
