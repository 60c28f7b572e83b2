#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Skytally needs to build and test on Debian 12, then configures ./build.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libxml2-dev libxml2-utils libsqlite3-dev nettle-dev libjson-glib-dev libyaml-dev libcsv-dev libsoup-3.0-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev
  desktop-file-utils appstream flatpak-builder xvfb xauth
  at-spi2-core python3-pyatspi dbus
  gnumeric poppler-utils locales
  groff-base bash-completion zsh fish
  clang-14 libclang-rt-14-dev
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "${missing[@]}"
fi

# The tests that read figures as English and German readers do need these locales; they skip
# where a locale is missing.
for l in en_US.UTF-8 de_DE.UTF-8; do
  if ! locale -a | grep -qix "${l%%.UTF-8}.utf8"; then
    "${as_root[@]}" sed -i -E "s/^# *(${l//./\\.} UTF-8)\$/\\1/" /etc/locale.gen
    grep -qx "$l UTF-8" /etc/locale.gen || echo "$l UTF-8" | "${as_root[@]}" tee -a /etc/locale.gen >/dev/null
    need_locale_gen=1
  fi
done
if [ -n "${need_locale_gen:-}" ]; then
  "${as_root[@]}" locale-gen
fi

if [ ! -f build/build.ninja ]; then
  meson setup build -Dwerror=true
fi
meson compile -C build
