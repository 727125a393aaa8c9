# Every service of the region that offers gateway endpoints.
data "vpce_services" "gateway" {
  service_type = "Gateway"
}

output "gateway_services" {
  value = data.vpce_services.gateway.service_names
}

# Short names key a for_each without a region prefix: s3, dynamodb, s3express.
data "vpce_service" "each_gateway" {
  for_each = toset(data.vpce_services.gateway.short_names)

  service = each.key
}

output "gateway_zones" {
  value = { for name, s in data.vpce_service.each_gateway : name => s.availability_zones }
}
