# An interface endpoint is imported by its ID.
terraform import vpce_interface_endpoint.example vpce-0123456789abcdef0
