#!/usr/bin/env bash
# A newcomer's Save As in a real window with no desktop portal running: a
# new process, Ctrl+Shift+S, a whole path typed into Flowcase's own dialog,
# Enter. Prints the file written and leaves screenshots beside it.
#   scripts/try-save-as-without-portal.sh [BINARY]   (default: the release build)
# Needs Xvfb, xdotool and ImageMagick (installed when missing, as root).
set -euo pipefail

bin=${1:-target/release/flowcase}
[ -x "$bin" ] || { echo "no $bin: cargo build --release first" >&2; exit 2; }
bin=$(realpath "$bin")
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v import >/dev/null; then
  apt-get install -y -q --no-install-recommends xvfb xauth xdotool imagemagick >/dev/null
fi

work=$(mktemp -d)
mkdir -p "$work/home"
for n in $(seq 90 140); do [ -e "/tmp/.X$n-lock" ] || break; done
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=":$n" HOME="$work/home" LANG=zh_CN.UTF-8
unset DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR
"$bin" >"$work/flowcase.log" 2>&1 &
app=$!
sleep 4

focus() { for w in $(xdotool search --name "Flowcase"); do xdotool windowfocus "$w" 2>/dev/null || true; done; sleep 0.3; }
focus
xdotool mousemove 1060 820 click 1; sleep 0.3
xdotool key ctrl+shift+s; sleep 2
import -window root "$work/dialog.png"; focus
xdotool key ctrl+a; xdotool type --delay 20 "$work/first-process"; sleep 0.5
xdotool key Return; sleep 1.5
import -window root "$work/after.png"

if [ -s "$work/first-process.ron" ]; then
  echo "written: $work/first-process.ron (screenshots: $work/dialog.png, $work/after.png)"
else
  echo "nothing written; see $work/dialog.png and $work/flowcase.log" >&2
  exit 1
fi
