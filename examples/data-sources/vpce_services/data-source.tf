# Every service of the region that offers gateway endpoints.
data "vpce_services" "gateway" {
  service_type = "Gateway"
}

output "gateway_services" {
  value = data.vpce_services.gateway.service_names
}
