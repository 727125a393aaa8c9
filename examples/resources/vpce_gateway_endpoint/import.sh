# A gateway endpoint is imported by its ID.
terraform import vpce_gateway_endpoint.s3 vpce-0123456789abcdef0
