#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs an accessibility test (a Python script using pyatspi) on a private session bus, where
# the application and the test meet on the accessibility bus that at-spi2-core starts. Exits
# 77 (skipped), saying why, when something it needs is missing.
set -u
script=$1

skip() {
  echo "SKIP: $*"
  exit 77
}

[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ||
  skip "no display: the accessibility tests run under a display server (build-aux/run-tests.sh runs them under xvfb-run)"
command -v dbus-run-session >/dev/null 2>&1 ||
  skip "dbus-run-session is not installed (package dbus)"
found=
IFS=:
for dir in ${XDG_DATA_DIRS:-/usr/local/share:/usr/share}; do
  [ -f "$dir/dbus-1/services/org.a11y.Bus.service" ] && found=yes
done
unset IFS
[ -n "$found" ] || skip "at-spi2-core is not installed (no org.a11y.Bus service)"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 is not installed"
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || skip "pyatspi is not installed (package python3-pyatspi)"

exec dbus-run-session -- /usr/bin/python3 "$script"
