variable "services" {
  type    = list(string)
  default = ["s3", "dynamodb", "ssm", "ecr.api"]
}

# Split a list of services into the gateway endpoints (free) and the interface endpoints.
locals {
  gateway_services   = [for s in var.services : s if provider::vpce::gateway_supported(s)]
  interface_services = [for s in var.services : s if !provider::vpce::gateway_supported(s)]
}

output "gateways" {
  value = local.gateway_services # ["s3", "dynamodb"]
}

output "interfaces" {
  value = local.interface_services # ["ssm", "ecr.api"]
}
