# A Gateway Load Balancer endpoint is imported by its ID.
terraform import vpce_gateway_load_balancer_endpoint.example vpce-0123456789abcdef0
