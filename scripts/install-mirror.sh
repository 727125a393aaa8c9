#!/usr/bin/env bash
# make install-mirror: build the provider from this tree into a filesystem mirror, in the unpacked
# layout that Terraform and OpenTofu read, and write a CLI configuration that takes vpce-dev/vpce from
# that mirror and every other provider from its registry:
#
#   <mirror>/registry.terraform.io/vpce-dev/vpce/<version>/<os>_<arch>/terraform-provider-vpce_v<version>
#   <mirror>/registry.opentofu.org/vpce-dev/vpce/<version>/<os>_<arch>/terraform-provider-vpce_v<version>
#   <mirror>.tfrc   the CLI configuration (TF_CLI_CONFIG_FILE)
#
# Unlike dev_overrides, a mirror is an ordinary installation source: `terraform init` installs the local
# build beside registry providers and modules and records its checksum in .terraform.lock.hcl.
#
# Environment (all optional):
#   MIRROR_DIR      the mirror (default ./bin/mirror); it holds only the last build of vpce-dev/vpce
#   MIRROR_VERSION  the version the build is installed as (default: the version heading CHANGELOG.md);
#                   it must satisfy the configuration's version constraint, and be X.Y.Z: Terraform
#                   selects a pre-release only when a constraint names it exactly
#   CLI_CONFIG      where the CLI configuration is written (default <MIRROR_DIR>.tfrc)
#   GO, GOOS, GOARCH, GO_LDFLAGS (extra linker flags)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-go}
MIRROR_DIR=${MIRROR_DIR:-$ROOT/bin/mirror}
MIRROR_VERSION=${MIRROR_VERSION:-$(sed -n 's/^## \([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)\([^0-9.].*\)\{0,1\}$/\1/p;T;q' "$ROOT/CHANGELOG.md")}
HOSTS=(registry.terraform.io registry.opentofu.org)

if ! [[ $MIRROR_VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "install-mirror: MIRROR_VERSION='$MIRROR_VERSION' is not a version like 1.2.3 (set MIRROR_VERSION=X.Y.Z)" >&2
  exit 1
fi

mkdir -p "$MIRROR_DIR"
MIRROR_DIR=$(cd "$MIRROR_DIR" && pwd)
CLI_CONFIG=${CLI_CONFIG:-$MIRROR_DIR.tfrc}
GOOS=$("$GO" env GOOS)
GOARCH=$("$GO" env GOARCH)
PLATFORM=${GOOS}_${GOARCH}
EXE=terraform-provider-vpce_v$MIRROR_VERSION
[ "$GOOS" = windows ] && EXE=$EXE.exe

echo "==> building vpce-dev/vpce $MIRROR_VERSION for $PLATFORM"
TMP=$(mktemp "$MIRROR_DIR/.build.XXXXXX")
trap 'rm -f "$TMP"' EXIT
(cd "$ROOT" && GOOS=$GOOS GOARCH=$GOARCH "$GO" build \
  -ldflags "-X main.version=$MIRROR_VERSION${GO_LDFLAGS:+ $GO_LDFLAGS}" -o "$TMP" .)
chmod 0755 "$TMP"

# The same file under both registry hostnames: OpenTofu resolves "vpce-dev/vpce" to
# registry.opentofu.org, Terraform to registry.terraform.io.
for host in "${HOSTS[@]}"; do
  dir=$MIRROR_DIR/$host/vpce-dev/vpce
  rm -rf "$dir"
  mkdir -p "$dir/$MIRROR_VERSION/$PLATFORM"
  ln -f "$TMP" "$dir/$MIRROR_VERSION/$PLATFORM/$EXE" 2>/dev/null || cp "$TMP" "$dir/$MIRROR_VERSION/$PLATFORM/$EXE"
  echo "    $dir/$MIRROR_VERSION/$PLATFORM/$EXE"
done

cat >"$CLI_CONFIG" <<EOF
# Written by \`make install-mirror\`: vpce-dev/vpce from the local build in the filesystem mirror
# below, every other provider from its registry.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR_DIR"
    include = ["registry.terraform.io/vpce-dev/vpce", "registry.opentofu.org/vpce-dev/vpce"]
  }
  direct {
    exclude = ["registry.terraform.io/vpce-dev/vpce", "registry.opentofu.org/vpce-dev/vpce"]
  }
}
EOF

cat <<EOF
==> CLI configuration written to $CLI_CONFIG:

$(sed -n '/^provider_installation/,$p' "$CLI_CONFIG")

Use it (or merge its provider_installation block into ~/.terraformrc), then initialise as usual:

  export TF_CLI_CONFIG_FILE=$CLI_CONFIG
  terraform init        # or: tofu init

After a rebuild, in a directory initialised with an earlier build, record the new checksum first:

  terraform providers lock -fs-mirror=$MIRROR_DIR vpce-dev/vpce
EOF
