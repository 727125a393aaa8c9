output "endpoints" {
  description = "Every endpoint's id by service short name."
  value       = module.private_network.endpoints
}
