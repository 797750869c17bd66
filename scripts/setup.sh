#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, then the npm dependencies (which build canvas from source).
# bash scripts/setup.sh --bench also installs the Python references the benchmarks compare against.
set -euo pipefail
cd "$(dirname "$0")/.."
# fonts-dejavu-core + fontconfig: the charts' font (the Dockerfile installs the same); its cache is built below,
# before any test renders, so no test run pays for (or races) the first font scan
# python3-torch: the live-watch tests drive the Python client from a tiny real PyTorch loop
# redis-server, postgresql: the scale-out (BullMQ) and team-memory tests start throwaway instances of each
APT_PACKAGES=(build-essential python3 python3-torch pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev fontconfig fonts-dejavu-core redis-server postgresql)
# --bench: the side-by-side references of npm run bench (pandas, matplotlib from Debian)
if [ "${1:-}" = "--bench" ]; then APT_PACKAGES+=(python3-pandas python3-matplotlib); fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
fc-cache >/dev/null 2>&1 || true
npm ci --no-audit --no-fund
