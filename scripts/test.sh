#!/usr/bin/env bash
# Runs Flowcase's whole test suite after installing what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The image snapshots need the Vulkan packages installed above.
cargo test --locked --features snapshots "$@"
