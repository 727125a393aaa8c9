import {
  to = vpce_gateway_endpoint.s3
  id = "vpce-0123456789abcdef0"
}
