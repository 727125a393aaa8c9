output "gateway_endpoints" {
  description = "Gateway endpoints by service short name: id, service_name, prefix_list_id."
  value = {
    for s, e in vpce_gateway_endpoint.this : s => {
      id             = e.id
      service_name   = e.service_name
      prefix_list_id = e.prefix_list_id
    }
  }
}

output "interface_endpoints" {
  description = "Interface endpoints by service short name: id, service_name, dns_entries."
  value = {
    for s, e in vpce_interface_endpoint.this : s => {
      id           = e.id
      service_name = e.service_name
      dns_entries  = e.dns_entries
    }
  }
}

output "endpoints" {
  description = "Every endpoint's id by service short name."
  value = merge(
    { for s, e in vpce_gateway_endpoint.this : s => e.id },
    { for s, e in vpce_interface_endpoint.this : s => e.id },
  )
}

output "endpoint_types" {
  description = "The endpoint type chosen for each service (`Gateway` or `Interface`)."
  value       = { for s, d in data.vpce_service.this : s => d.preferred_type }
}
