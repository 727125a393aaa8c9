import {
  to = vpce_gateway_load_balancer_endpoint.example
  id = "vpce-0123456789abcdef0"
}
