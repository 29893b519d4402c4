#!/usr/bin/env bash
# Measures how long a window takes to come up, Flowcase beside the smallest
# eframe app built with the same eframe (examples/empty_window.rs), in a
# virtual display: from the start of the process until its window is
# mapped and visible, RUNS times each (default 10), alternating; and for
# Flowcase also until its first full frame is drawn (the window's title
# names the document then).
#   scripts/cold-start.sh [RUNS] [FILE]   FILE: what Flowcase opens (the 1.9 sample)
# Needs Xvfb and xdotool (Debian: xvfb, xdotool); builds both in release.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
file=${2:-samples/sales-1.9-key-customer-development.ron}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/flowcase-target}"
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "cold-start: $tool is missing (apt install xvfb xdotool)" >&2; exit 2; }
done
cargo build --quiet --locked --release --example empty_window --bin flowcase
bin="$CARGO_TARGET_DIR/release"
for n in $(seq 90 140); do [ -e /tmp/.X$n-lock ] || break; done
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=":$n"
sleep 1

# Milliseconds from the start of "$@" until a visible window named $name,
# and (when $then is not empty) until one named $then: "UP THEN".
up_ms() {
  local name=$1 then=$2; shift 2
  local start up full=""
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  local pid=$!
  until xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "cold-start: $* exited before its window" >&2; return 1; }
    sleep 0.002
  done
  up=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -n "$then" ]; then
    until xdotool search --onlyvisible --name "$then" >/dev/null 2>&1; do sleep 0.002; done
    full=$(( ($(date +%s%N) - start) / 1000000 ))
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$up $full"
}

empty=() flowcase=() content=()
name=$(basename "$file")
for _ in $(seq "$runs"); do
  read -r e _ < <(up_ms '^empty$' '' "$bin/examples/empty_window")
  read -r f c < <(up_ms 'Flowcase' "$name" "$bin/flowcase" "$file")
  empty+=("$e") flowcase+=("$f") content+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
e=$(median "${empty[@]}") f=$(median "${flowcase[@]}") c=$(median "${content[@]}")
echo "empty eframe app, window up: ${empty[*]} ms (median $e)"
echo "flowcase $file, window up: ${flowcase[*]} ms (median $f)"
echo "flowcase $file, first full frame: ${content[*]} ms (median $c)"
awk -v e="$e" -v f="$f" 'BEGIN { printf "window up, flowcase / empty: %.2f (target <= 1.5)\n", f / e }'
