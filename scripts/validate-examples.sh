#!/usr/bin/env bash
# make examples-check: every example is formatted (`terraform fmt -check`) and every example directory
# passes `terraform validate` with the provider built from this tree.
#
# Terraform finds the provider through a dev_overrides CLI configuration, as examples/demo/run.sh does;
# with only dev-overridden providers, `terraform validate` needs no `terraform init`. Each directory is
# copied to a temporary one so that no .terraform/ or lock file is left in examples/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-go}
TERRAFORM=${TERRAFORM:-terraform}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vpce-examples.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "vpce-dev/vpce" = "$WORK/plugins"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# Provider functions need Terraform 1.8 (OpenTofu 1.7), and `moved` across resource types (the
# migration guide's example) Terraform 1.8 (OpenTofu 1.8); an older CLI skips those examples.
tf_version=$("$TERRAFORM" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\).*/\1/p' | head -n1)
functions_ok=1
case "$tf_version" in
  1.[0-7].*) functions_ok=0 ;;
esac
fmt_dirs=("$ROOT/examples/")
if [ "$functions_ok" = 0 ]; then
  mapfile -t fmt_dirs < <(find "$ROOT/examples" -mindepth 1 -maxdepth 1 -type d -not -name functions -not -name guides | sort)
fi
echo "==> terraform fmt -check -recursive examples/"
if ! "$TERRAFORM" fmt -check -recursive -diff "${fmt_dirs[@]}"; then
  echo "examples/ is not formatted: run 'make generate' (or 'terraform fmt -recursive examples/')" >&2
  exit 1
fi

echo "==> building the provider"
(cd "$ROOT" && "$GO" build -o "$WORK/plugins/terraform-provider-vpce" .)

# Every directory under examples/ that holds .tf files (examples/provider, resources/*, data-sources/*,
# demo, demo/rejected, modules/*, ...).
mapfile -t dirs < <(cd "$ROOT" && find examples -name '*.tf' -not -path '*/.terraform/*' -printf '%h\n' | sort -u)

# The examples are validated in a copy: relative module sources keep working, examples/ stays clean.
cp -r "$ROOT/examples" "$WORK/examples"
failed=()
for dir in "${dirs[@]}"; do
  tmp="$WORK/$dir"
  # Example files of a resource page have no terraform block; the provider's source must still be
  # known to Terraform, or it would look for hashicorp/vpce.
  if ! grep -qs 'required_providers' "$tmp"/*.tf; then
    cat >"$tmp/zz_required_providers.tf" <<'TF'
terraform {
  required_providers {
    vpce = {
      source = "vpce-dev/vpce"
    }
  }
}
TF
  fi
done
for dir in "${dirs[@]}"; do
  tmp="$WORK/$dir"
  if [ "$functions_ok" = 0 ] && [[ "$dir" == examples/functions/* ]]; then
    echo "skip  $dir (provider functions need Terraform 1.8+; this is $tf_version)"; continue
  fi
  if [ "$functions_ok" = 0 ] && [[ "$dir" == examples/guides/* ]]; then
    echo "skip  $dir (moved across resource types needs Terraform 1.8+; this is $tf_version)"; continue
  fi
  # Directories calling modules need them installed: `terraform get` (not init, which would look the
  # dev-overridden provider up in the registry).
  if grep -qs '^[[:space:]]*module[[:space:]]' "$tmp"/*.tf; then
    if ! out=$("$TERRAFORM" -chdir="$tmp" get -no-color 2>&1); then
      echo "FAIL  $dir (terraform get)"; printf '%s\n' "$out" | sed 's/^/      /'; failed+=("$dir"); continue
    fi
  fi
  out=$("$TERRAFORM" -chdir="$tmp" validate -no-color 2>&1) && rc=0 || rc=$?
  case "$dir" in
  */rejected)
    # Configurations that must be rejected by `terraform validate` (the demo's gateway for ssm).
    if [ "$rc" -ne 0 ]; then echo "ok    $dir (rejected, as expected)"; else
      echo "FAIL  $dir: terraform validate accepted a configuration it must reject"; failed+=("$dir"); fi ;;
  *)
    if [ "$rc" -eq 0 ]; then echo "ok    $dir"; else
      echo "FAIL  $dir"; printf '%s\n' "$out" | sed 's/^/      /'; failed+=("$dir"); fi ;;
  esac
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "${#failed[@]} example director(y/ies) failed terraform validate: ${failed[*]}" >&2
  exit 1
fi
echo "==> ${#dirs[@]} example directories valid"
