#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up, loads the bundled price sheets into a fresh catalog, shows the cheapest
# on-demand VMs with at least 4 vCPU and 16 GiB in Europe on every provider, and prices the
# example web product on AWS, Azure and Google Cloud, with the arithmetic of every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/setup-debian.sh >/dev/null
catalog=$(mktemp -d)/catalog.db
meson devenv -C build skytally-cli --catalog "$catalog" sheets
echo
meson devenv -C build skytally-cli --catalog "$catalog" search \
  --category compute --geo EU --min-vcpu 4 --min-memory 16 --os linux --term on-demand \
  --sort price --limit 15
echo
meson devenv -C build skytally-cli --catalog "$catalog" estimate \
  "$PWD/data/scenarios/web-product.skytally" --explain
