#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs the whole test suite (the GTK tests on a private X server). The
# server is kept from resetting when its last client leaves: a test whose first client connects
# during such a reset would find no display.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh
xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" meson test -C build --print-errorlogs "$@"
