#!/usr/bin/env bash
# Installs what WebGPU needs on a machine without a GPU, when it is missing: Debian's chromium
# (it ships SwiftShader's Vulkan driver, used by the browser tests and by Dawn in Node) and
# the Vulkan loader libvulkan1. See shared/docs/GPU.md. Used by .ci/run and `npm test`.
# Set ADAMSCOPE_SKIP_SYSTEM_DEPS=1 to skip (e.g. a machine with a GPU and Playwright's browser).
set -euo pipefail
[ "${ADAMSCOPE_SKIP_SYSTEM_DEPS:-0}" = 1 ] && exit 0

has_vulkan_loader() {
  compgen -G '/usr/lib/*/libvulkan.so.1' >/dev/null ||
    compgen -G '/usr/lib/libvulkan.so.1' >/dev/null ||
    { command -v ldconfig >/dev/null && ldconfig -p | grep -q 'libvulkan\.so\.1'; }
}

if [ -x /usr/bin/chromium ] && has_vulkan_loader; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "adamscope: chromium or libvulkan1 is missing and this is not a Debian-like system;" >&2
  echo "  install a WebGPU-capable Chromium (npx playwright install chromium) and the Vulkan loader" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "adamscope: run as root, or install chromium and libvulkan1 yourself" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "adamscope: installing chromium and libvulkan1 (SwiftShader WebGPU for tests)"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y chromium libvulkan1
