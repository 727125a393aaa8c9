import {
  to = vpce_route_table_association.private_a
  id = "vpce-0123456789abcdef0/rtb-0123456789abcdef0"
}
