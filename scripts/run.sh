#!/usr/bin/env bash
# Opens the Flowcase editor (release build), on the files given if any:
#   scripts/run.sh samples/sales-1.9-key-customer-development.ron
# Installs the libraries a window needs at run time when they are missing
# (X11 and Wayland clients, EGL/GL and Vulkan drivers); a desktop Debian has
# them already, a bare one does not.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libwayland-client0
          libegl1 libgl1-mesa-dri libvulkan1 mesa-vulkan-drivers)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

exec cargo run --release --locked -- "$@"
