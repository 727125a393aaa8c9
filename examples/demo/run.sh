#!/usr/bin/env bash
# make demo: plan, apply, drift and destroy against the local EC2 API, with no AWS account.
#
#   1. build the provider and the local EC2 API, start it with the demo network
#   2. plan and apply S3 and DynamoDB gateway endpoints on the demo route tables, and Session Manager
#      without internet access (the private-network module's session_manager preset: ssm, ssmmessages
#      and ec2messages interface endpoints with private DNS in the demo subnets)
#   3. change them out of band (detach a route table, edit a policy, turn private DNS off on
#      ssmmessages): `terraform plan` shows the drift
#   4. apply repairs it; the next plan is empty
#   5. a gateway endpoint for ssm is rejected by `terraform validate` and at plan, before any AWS call;
#      an interface endpoint with a subnet in a zone its service does not offer is rejected at plan
#   6. destroy, stop the local EC2 API
#
# Exits non-zero on any unexpected result.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GO=${GO:-go}
TERRAFORM=${TERRAFORM:-terraform}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vpce-demo.XXXXXX")
EMU_PID=""

bold() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mDEMO FAILED: %s\033[0m\n' "$*" >&2; exit 1; }

cleanup() {
  if [ -n "$EMU_PID" ] && kill -0 "$EMU_PID" 2>/dev/null; then
    kill -TERM "$EMU_PID" 2>/dev/null || true
    wait "$EMU_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

bold "Building the provider and the local EC2 API"
(cd "$ROOT" && "$GO" build -o "$WORK/plugins/terraform-provider-vpce" .)
(cd "$ROOT" && "$GO" build -o "$WORK/vpce-emulator" ./internal/emulator/cmd/vpce-emulator)
(cd "$ROOT" && "$GO" build -o "$WORK/ec2-oob" ./internal/emulator/cmd/ec2-oob)

bold "Starting the local EC2 API with the demo network"
"$WORK/vpce-emulator" -seed demo -seed-file "$WORK/seed.tfvars.json" -url-file "$WORK/url" -time-scale 0.5 \
  >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
for _ in $(seq 1 150); do
  [ -s "$WORK/url" ] && break
  kill -0 "$EMU_PID" 2>/dev/null || { cat "$WORK/emulator.log"; fail "the local EC2 API did not start"; }
  sleep 0.2
done
[ -s "$WORK/url" ] || fail "the local EC2 API did not become ready"
URL=$(cat "$WORK/url")
echo "local EC2 API: $URL (credentials test/test)"
echo "demo network:"; cat "$WORK/seed.tfvars.json"; echo

# Terraform uses the freshly built provider through a dev_overrides CLI configuration.
cat >"$WORK/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "vpce-dev/vpce" = "$WORK/plugins"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
mkdir -p "$WORK/demo" "$WORK/rejected" "$WORK/rejected-zone" "$WORK/modules"
cp "$ROOT"/examples/demo/*.tf "$WORK/demo/"
cp "$ROOT"/examples/demo/rejected/*.tf "$WORK/rejected/"
cp "$ROOT"/examples/demo/rejected-zone/*.tf "$WORK/rejected-zone/"
# The demo calls ../modules/private-network, as it does from examples/demo.
cp -r "$ROOT/examples/modules/private-network" "$WORK/modules/"
VARS=(-var-file="$WORK/seed.tfvars.json" -var "endpoint=$URL")
tf() { "$TERRAFORM" -chdir="$WORK/demo" "$@"; }

# Installs the module (`terraform get`: `terraform init` would look the dev-overridden provider up in
# the registry).
bold "terraform get: the private-network module"
tf get -no-color

bold "terraform plan"
tf plan -input=false "${VARS[@]}" -out="$WORK/plan.out"

bold "terraform apply"
tf apply -input=false "$WORK/plan.out"
S3_ID=$(tf output -raw s3_endpoint_id)
DDB_ID=$(tf output -raw dynamodb_endpoint_id)
RTB=$(tf output -raw first_route_table_id)
VPC=$(tf output -raw vpc_id)
echo "S3 endpoint $S3_ID, DynamoDB endpoint $DDB_ID"

bold "Session Manager without internet access: the endpoints and their private DNS names"
tf output -json session_manager_endpoints | tee "$WORK/ssm.json"; echo
for svc in ssm ssmmessages ec2messages; do
  grep -q "\"$svc.us-east-1.amazonaws.com\"" "$WORK/ssm.json" || fail "no endpoint with the private DNS name $svc.us-east-1.amazonaws.com"
done
SSMMSG_ID=$(sed -n 's/.*"ssmmessages":{"id":"\(vpce-[0-9a-f]*\)".*/\1/p' "$WORK/ssm.json")
[ -n "$SSMMSG_ID" ] || fail "no ssmmessages endpoint id in the outputs"
echo "OK: ssm, ssmmessages and ec2messages interface endpoints with private DNS (ssmmessages: $SSMMSG_ID)"

bold "Out of band: detach $RTB from $DDB_ID, edit the policy of $S3_ID, turn private DNS off on $SSMMSG_ID (as someone in the console would)"
"$WORK/ec2-oob" -endpoint "$URL" detach-route-table "$DDB_ID" "$RTB"
"$WORK/ec2-oob" -endpoint "$URL" set-policy "$S3_ID" \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}'
"$WORK/ec2-oob" -endpoint "$URL" set-private-dns "$SSMMSG_ID" false

bold "terraform plan: the drift is reported"
set +e
tf plan -input=false -no-color -detailed-exitcode "${VARS[@]}" | tee "$WORK/drift.txt"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 2 ] || fail "expected the plan to show changes (exit 2), got exit $rc"
grep -q "$RTB" "$WORK/drift.txt" || fail "the plan does not mention the detached route table $RTB"
grep -q 's3:GetObject' "$WORK/drift.txt" || fail "the plan does not show the policy change"
echo "OK: the plan shows the detached route table and the edited policy"
grep -q 'module.session_manager.vpce_interface_endpoint.this\["ssmmessages"\] will be updated in-place' "$WORK/drift.txt" ||
  fail "the plan does not update the ssmmessages endpoint"
grep -Eq 'private_dns_enabled += false -> true' "$WORK/drift.txt" || fail "the plan does not turn private DNS back on"
echo "OK: the plan turns private DNS back on for ssmmessages"

bold "terraform apply: the drift is repaired"
tf apply -input=false -auto-approve "${VARS[@]}"
set +e
tf plan -input=false -detailed-exitcode "${VARS[@]}" >"$WORK/after.txt"
rc=$?
set -e
[ "$rc" -eq 0 ] || { cat "$WORK/after.txt"; fail "expected an empty plan after the repair, got exit $rc"; }
echo "OK: the next plan is empty"

bold "A gateway endpoint for ssm: rejected by terraform validate and at plan, before any AWS call"
set +e
"$TERRAFORM" -chdir="$WORK/rejected" validate -no-color >"$WORK/validate.txt" 2>&1
vrc=$?
"$TERRAFORM" -chdir="$WORK/rejected" plan -input=false -no-color -var "vpc_id=$VPC" >"$WORK/rejected.txt" 2>&1
prc=$?
set -e
cat "$WORK/rejected.txt"
[ "$vrc" -ne 0 ] || fail "terraform validate accepted a gateway endpoint for ssm"
[ "$prc" -ne 0 ] || fail "terraform plan accepted a gateway endpoint for ssm"
grep -q "does not support Gateway" "$WORK/rejected.txt" || fail "the plan error does not explain the rejection"
echo "OK: rejected at validate and at plan"

bold "An ssm-contacts interface endpoint in the three demo subnets: ssm-contacts is not offered in us-east-1c, rejected at plan"
set +e
"$TERRAFORM" -chdir="$WORK/rejected-zone" validate -no-color >"$WORK/validate-zone.txt" 2>&1
vrc=$?
"$TERRAFORM" -chdir="$WORK/rejected-zone" plan -input=false -no-color "${VARS[@]}" >"$WORK/rejected-zone.txt" 2>&1
prc=$?
set -e
cat "$WORK/rejected-zone.txt"
[ "$vrc" -eq 0 ] || { cat "$WORK/validate-zone.txt"; fail "terraform validate rejected a configuration only EC2 can judge"; }
[ "$prc" -ne 0 ] || fail "terraform plan accepted a subnet in a zone ssm-contacts does not offer"
grep -q 'Subnet in unsupported Availability Zone' "$WORK/rejected-zone.txt" || fail "the plan error does not explain the rejection"
grep -q 'us-east-1c' "$WORK/rejected-zone.txt" || fail "the plan error does not name the zone"
echo "OK: the subnet in a zone the service does not offer is rejected at plan"

bold "terraform destroy"
tf destroy -input=false -auto-approve "${VARS[@]}"

bold "Stopping the local EC2 API"
kill -TERM "$EMU_PID"
wait "$EMU_PID" || true
EMU_PID=""
printf '\n\033[32mDemo complete: plan, apply, Session Manager without internet, drift, repair, plan-time rejections and destroy all behaved as expected.\033[0m\n'
