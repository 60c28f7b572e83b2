#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CI: runs every benchmark in its short form, sized by SKYTALLY_BENCH_OFFERS (100,000 offers
# unless set), and prints their figures with the time they took. Benchmarks measure and never
# judge: a missed target is printed, and only a benchmark that cannot run fails this script.
# Their long forms (each benchmark's default) are in the README's "Building by hand".
# Needs a configured build in build/ (build-aux/run-tests.sh makes one); any arguments go to
# meson test (a benchmark's name runs that one alone).
set -euo pipefail
cd "$(dirname "$0")/.."

export SKYTALLY_BENCH_OFFERS="${SKYTALLY_BENCH_OFFERS:-100000}"
meson compile -C build
start=$SECONDS
# The window's benchmarks need a display: a private X server, as for the tests.
xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  meson test -C build --benchmark --verbose --num-processes 1 "$@"
echo "benchmarks: $((SECONDS - start)) s at $SKYTALLY_BENCH_OFFERS offers"
