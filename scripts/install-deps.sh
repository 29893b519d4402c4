#!/usr/bin/env bash
# Installs the Debian packages Flowcase's build and tests need, only when
# they are missing, so it is cheap to run every time.
#   e2fsprogs: chattr, used by the test that saves into an unwritable folder.
#   poppler-utils: pdftotext and pdfinfo, which read exported PDFs back.
#   mesa-vulkan-drivers, libvulkan1: lavapipe, the CPU Vulkan driver that
#     renders the editor's image snapshot tests (no GPU needed).
# Building needs no -dev packages: X11, Wayland, GL and fonts are loaded at
# run time.
set -euo pipefail

packages=(e2fsprogs poppler-utils mesa-vulkan-drivers libvulkan1)

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

for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done
