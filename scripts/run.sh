#!/usr/bin/env bash
# Opens the Flowcase editor (release build), on the files given if any:
#   scripts/run.sh samples/sales-1.9-key-customer-development.ron
# Installs the libraries a window needs where they are missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --gui
exec cargo run --release --locked -- "$@"
