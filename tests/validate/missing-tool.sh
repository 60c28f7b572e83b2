#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stands in for a validator that this machine lacks: says which, and reports the test as
# skipped (exit status 77). build-aux/setup-debian.sh installs them all.
echo "skipped: $1 is not installed, so this check cannot run (build-aux/setup-debian.sh installs it)"
exit 77
