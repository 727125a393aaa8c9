# What a service offers, and which endpoint type to prefer (Gateway where there is one: it is free).
data "vpce_service" "s3" {
  service = "s3"
}

data "vpce_service" "ecs" {
  service = "ecs"
}

output "s3_preferred_type" {
  value = data.vpce_service.s3.preferred_type # "Gateway"
}

# The zones to put interface endpoint subnets in.
output "ecs_availability_zones" {
  value = data.vpce_service.ecs.availability_zones
}

# The fields of the aws provider's aws_vpc_endpoint_service, e.g. for an IAM condition on the service.
output "ecs_service" {
  value = {
    arn        = data.vpce_service.ecs.arn
    service_id = data.vpce_service.ecs.service_id
    dns_names  = data.vpce_service.ecs.base_endpoint_dns_names
  }
}
