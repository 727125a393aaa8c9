# <vpc-endpoint-id>/<route-table-id>
terraform import vpce_route_table_association.private_a vpce-0123456789abcdef0/rtb-0123456789abcdef0
