import {
  to = vpce_interface_endpoint.example
  id = "vpce-0123456789abcdef0"
}
