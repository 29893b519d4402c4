#!/usr/bin/env bash
# Runs Flowcase's whole test suite after installing what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# npm packages, pinned by their lock files: bpmn-js for the test that opens
# an exported BPMN, playwright-core for the tests that walk a published site
# in Debian's Chromium.
for dir in scripts/bpmn-js scripts/site-check; do
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-from"; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-from"
  fi
done
# The size rules of the code (files, functions): broken, the suite fails.
scripts/sizes.sh > /dev/null || scripts/sizes.sh
# The image snapshots need the Vulkan packages installed above.
cargo test --locked --features snapshots "$@"
