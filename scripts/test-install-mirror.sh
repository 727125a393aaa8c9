#!/usr/bin/env bash
# The README's "Using a local build" steps, checked with one Terraform or OpenTofu CLI (run by
# TestAccInstallMirror in internal/acctest):
#
#   1. `make install-mirror` into a temporary mirror; the CLI configuration it writes is the README's.
#   2. A configuration using vpce-dev/vpce together with another provider, hashicorp/time: `init`
#      installs both and locks both, `validate` passes, `plan` plans both resources (the vpce one
#      against the local EC2 API). No registry is reachable here, so the CLI configuration's
#      `direct {}` block is replaced by a second filesystem mirror holding hashicorp/time, built from
#      its Go module into ./bin once: the only difference from the README's steps.
#   3. A rebuild of the provider: `init` refuses the changed package until
#      `providers lock -fs-mirror=<mirror> vpce-dev/vpce` records its checksum, as the README says.
#   4. The dev_overrides route with the same two providers fails: `init` looks for vpce-dev/vpce in the
#      registry (here its stand-in) and does not find it; skipping `init`, hashicorp/time is missing.
#
# Environment: TERRAFORM (the CLI), VPCE_TEST_ENDPOINT (the local EC2 API's URL), VPCE_TEST_REGION,
# VPCE_TEST_VPC_ID and VPCE_TEST_ROUTE_TABLE_ID (a VPC and one of its route tables there); GO, MAKE.
# Exits non-zero, naming the step, on any unexpected result.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-go}
MAKE=${MAKE:-make}
TERRAFORM=${TERRAFORM:?TERRAFORM names the Terraform or OpenTofu CLI}
: "${VPCE_TEST_ENDPOINT:?}" "${VPCE_TEST_REGION:?}" "${VPCE_TEST_VPC_ID:?}" "${VPCE_TEST_ROUTE_TABLE_ID:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vpce-mirror.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# The provider that stands in for one from the registry: built from its Go module once, kept in ./bin.
STANDIN_VERSION=0.14.2
STANDIN_BIN=$ROOT/bin/terraform-provider-time_v$STANDIN_VERSION

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
tf() { "$TERRAFORM" -chdir="$WORK/config" "$@" -no-color; }
# expect_fail WHAT TEXT CMD...: CMD must fail and print TEXT.
expect_fail() {
  local what=$1 text=$2 out rc
  shift 2
  out=$("$@" 2>&1) && rc=0 || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  [ "$rc" -ne 0 ] || fail "$what succeeded; it must fail"
  # The CLI wraps long messages: compare with the line breaks and indentation folded.
  local folded
  folded=$(tr -s ' \n' '  ' <<<"$out")
  [[ $folded == *"$text"* ]] || fail "$what failed without '$text'"
}

# The version line ("OpenTofu v…" or "Terraform v…") found among all it prints: a pipe into
# `head -n 1` can end the CLI with SIGPIPE, which pipefail turns into a failure (it once made OpenTofu
# look like Terraform here), and without a CLI configuration file OpenTofu prints a warning first.
CLI_VERSION=$("$TERRAFORM" version 2>&1 | sed -n '/^\(OpenTofu\|Terraform\) v/p') || true
[ -n "$CLI_VERSION" ] || fail "$TERRAFORM version names neither Terraform nor OpenTofu"
case $CLI_VERSION in
  OpenTofu*) HOST=registry.opentofu.org ;;
  *) HOST=registry.terraform.io ;;
esac
PLATFORM=$("$GO" env GOOS)_$("$GO" env GOARCH)
echo "CLI: $CLI_VERSION (providers from $HOST)"

step "1. make install-mirror MIRROR_DIR=$WORK/mirror"
"$MAKE" -s -C "$ROOT" install-mirror MIRROR_DIR="$WORK/mirror" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "make install-mirror"; }
cat "$WORK/install.log"
VERSION=$(cd "$WORK/mirror/$HOST/vpce-dev/vpce" && ls)
exe="$WORK/mirror/$HOST/vpce-dev/vpce/$VERSION/$PLATFORM/terraform-provider-vpce_v$VERSION"
[ -x "$exe" ] || fail "no executable $exe"
grep -qF 'direct {' "$WORK/mirror.tfrc" || fail "the CLI configuration has no direct block"

if [ ! -x "$STANDIN_BIN" ]; then
  step "building hashicorp/time $STANDIN_VERSION from its Go module into ./bin (once)"
  mkdir -p "$ROOT/bin/.time-build"
  (cd "$ROOT/bin" && GOWORK=off GOBIN="$ROOT/bin/.time-build" \
    "$GO" install "github.com/hashicorp/terraform-provider-time@v$STANDIN_VERSION")
  mv "$ROOT/bin/.time-build/terraform-provider-time" "$STANDIN_BIN" && rmdir "$ROOT/bin/.time-build"
fi
mkdir -p "$WORK/registry/$HOST/hashicorp/time/$STANDIN_VERSION/$PLATFORM"
cp "$STANDIN_BIN" "$WORK/registry/$HOST/hashicorp/time/$STANDIN_VERSION/$PLATFORM/"
# The README's CLI configuration, with the registry (`direct`) replaced by its stand-in.
sed "s|^  direct {|  filesystem_mirror {\n    path    = \"$WORK/registry\"|" "$WORK/mirror.tfrc" >"$WORK/test.tfrc"
export TF_CLI_CONFIG_FILE=$WORK/test.tfrc

mkdir -p "$WORK/config"
cat >"$WORK/config/main.tf" <<EOF
terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
    time = {
      source = "hashicorp/time"
    }
  }
}

provider "vpce" {
  region     = "$VPCE_TEST_REGION"
  access_key = "test"
  secret_key = "test"
  endpoints {
    ec2 = "$VPCE_TEST_ENDPOINT"
    sts = "$VPCE_TEST_ENDPOINT"
  }
}

resource "time_static" "created" {}

resource "vpce_gateway_endpoint" "s3" {
  vpc_id          = "$VPCE_TEST_VPC_ID"
  service         = "s3"
  route_table_ids = ["$VPCE_TEST_ROUTE_TABLE_ID"]
}
EOF

step "2. init, validate and plan a configuration using vpce-dev/vpce and hashicorp/time"
tf init -input=false
for p in "$HOST/vpce-dev/vpce" "$HOST/hashicorp/time"; do
  grep -qF "provider \"$p\"" "$WORK/config/.terraform.lock.hcl" || fail "the lock file lacks $p"
done
lock_entry=$(grep -A1 "provider \"$HOST/vpce-dev/vpce\"" "$WORK/config/.terraform.lock.hcl")
[[ $lock_entry == *"version = \"$VERSION\""* ]] ||
  fail "the lock file does not hold vpce-dev/vpce $VERSION"
tf validate
rc=0
tf plan -input=false -detailed-exitcode >"$WORK/plan.log" 2>&1 || rc=$?
cat "$WORK/plan.log"
[ "$rc" -eq 2 ] || fail "plan exited $rc, not 2 (changes planned)"
for r in time_static.created vpce_gateway_endpoint.s3; do
  grep -qF "# $r will be created" "$WORK/plan.log" || fail "the plan does not create $r"
done

step "3. a rebuild: init refuses the changed package until providers lock records its checksum"
"$MAKE" -s -C "$ROOT" install-mirror MIRROR_DIR="$WORK/mirror" MIRROR_VERSION="$VERSION" \
  GO_LDFLAGS="-X main.rebuiltBy=test-install-mirror" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "make install-mirror (rebuild)"; }
expect_fail "init after a rebuild" "doesn't match any of the checksums previously recorded in the dependency lock file" \
  tf init -input=false
tf providers lock -fs-mirror="$WORK/mirror" vpce-dev/vpce
tf init -input=false
tf validate

step "4. the dev_overrides route with the same configuration fails"
mkdir -p "$WORK/dev"
cp "$exe" "$WORK/dev/terraform-provider-vpce"
cat >"$WORK/dev.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "vpce-dev/vpce" = "$WORK/dev"
  }
  # stands in for direct {}
  filesystem_mirror {
    path = "$WORK/registry"
  }
}
EOF
export TF_CLI_CONFIG_FILE=$WORK/dev.tfrc
rm -rf "$WORK/config/.terraform" "$WORK/config/.terraform.lock.hcl"
expect_fail "init with dev_overrides" "provider $HOST/vpce-dev/vpce was not found in any of the search locations" \
  tf init -input=false
rm -rf "$WORK/config/.terraform" "$WORK/config/.terraform.lock.hcl"
expect_fail "validate with dev_overrides, without init" \
  "This configuration requires provider $HOST/hashicorp/time, but that provider isn't available" tf validate

printf '\nOK: the local build installs from the mirror beside another provider; dev_overrides does not\n'
