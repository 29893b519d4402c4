#!/usr/bin/env bash
# Installs the Debian packages Flowcase needs, only when they are missing,
# so it is cheap to run every time.
#   scripts/install-deps.sh         what the build and the tests need:
#     e2fsprogs: chattr, used by the test that saves into an unwritable folder;
#     poppler-utils: pdftotext and pdfinfo, which read exported PDFs back;
#     mesa-vulkan-drivers, libvulkan1: lavapipe, the CPU Vulkan driver that
#       renders the editor's image snapshot tests (no GPU needed).
#     libreoffice-impress: opens exported PowerPoint decks headless and
#       converts them to PDF, so the tests read the slides back;
#     libreoffice-draw: the same for exported Visio drawings (.vsdx).
#     chromium, nodejs, npm: open exported BPMN files in bpmn-js and walk
#       published sites with playwright-core, headless
#       (scripts/bpmn-js; scripts/test.sh installs its npm packages).
#   scripts/install-deps.sh --gui   what a window needs at run time (X11 and
#     Wayland clients, EGL/GL and Vulkan drivers); a desktop Debian has them.
# Building needs no -dev packages: X11, Wayland, GL and fonts are loaded at
# run time.
set -euo pipefail

if [ "${1:-}" = "--gui" ]; then
  packages=(libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libwayland-client0
            libegl1 libgl1-mesa-dri libvulkan1 mesa-vulkan-drivers)
else
  packages=(e2fsprogs poppler-utils mesa-vulkan-drivers libvulkan1 libreoffice-impress libreoffice-draw chromium)
  # Node.js and npm: the machine's own when it has them, else Debian's.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

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

if [ "${1:-}" != "--gui" ]; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi
