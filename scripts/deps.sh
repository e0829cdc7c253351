#!/usr/bin/env bash
# Installs what mcpgate needs to build and test, only what is missing; quiet when all is there.
# Debian 12 packages through apt-get (as root, or through sudo), the Node tooling with `npm ci`.
#   scripts/deps.sh          build and test dependencies
#   scripts/deps.sh bench    also the benchmark peers (nginx, HAProxy, wrk)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build ccache pkg-config make git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev ca-certificates libre2-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev
  libgoogle-perftools-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  nodejs curl procps chromium
)
if [[ "${1:-}" == bench ]]; then
  packages+=(nginx-light haproxy wrk)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
# npm ships inside nodesource's nodejs; Debian's nodejs needs its own npm package.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
# `kubectl kustomize` renders deploy/k8s in the tests. Debian's kubectl (1.20, kustomize v2.0) is
# enough; a newer kubectl already on the machine (another package) is used as it is.
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/mcpgate-apt.log 2>&1; then
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/mcpgate-apt.log 2>&1 ||
      { cat /tmp/mcpgate-apt.log; exit 1; }
  fi
fi

# node_modules is refreshed when the lock file changes.
stamp=node_modules/.mcpgate-lock
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
