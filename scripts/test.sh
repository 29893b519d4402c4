#!/usr/bin/env bash
# Runs Flowcase's whole test suite after installing what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# bpmn-js, pinned by its lock file, for the test that opens an exported BPMN.
if ! cmp -s scripts/bpmn-js/package-lock.json scripts/bpmn-js/node_modules/.installed-from; then
  npm ci --prefix scripts/bpmn-js --no-audit --no-fund --loglevel=error
  cp scripts/bpmn-js/package-lock.json scripts/bpmn-js/node_modules/.installed-from
fi
# The size rules of the code (files, functions): broken, the suite fails.
scripts/sizes.sh > /dev/null || scripts/sizes.sh
# The image snapshots need the Vulkan packages installed above.
cargo test --locked --features snapshots "$@"
