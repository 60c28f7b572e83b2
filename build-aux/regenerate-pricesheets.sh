#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the bundled price sheets that are converted from a provider's price file:
#
#   build-aux/regenerate-pricesheets.sh [BUILDDIR [REALDATA]]
#
# BUILDDIR is a build of this tree (default: build), whose skytally-cli converts; REALDATA is
# the folder of price files (default: ../shared/realdata beside the source tree). Today that
# is Google Cloud's pricing.yml (Cyclenerd/google-cloud-pricing-cost-calculator), written as
# data/pricesheets/gcp-pricing-yml-DATE.xml.gz, DATE the file's own date. The other bundled
# sheets are hand-written or kept as they are: data/pricesheets/README.md says which and why.
#
# --round-prices: pricing.yml's hourly prices are its monthly ones divided by 730, cut at 14
# digits, so some have more decimals than a sheet keeps (10); rounded half-up to 10, each
# changes by less than 0.00000000005 per hour (docs/converters.md). Without it those machine
# types are bad rows and the conversion is refused.
#
# The sheet is compressed with gzip -n (no name or time in it), so the same file gives the
# same bytes. The summary of the conversion is printed.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
realdata=${2:-$srcdir/../shared/realdata}
cli=$builddir/app/cli/skytally-cli
yml=$realdata/google-cloud-pricing-cost-calculator/pricing.yml
out=$srcdir/data/pricesheets

if [ ! -x "$cli" ]; then
  echo "$0: no $cli: build the tree first (meson setup $builddir && ninja -C $builddir)" >&2
  exit 1
fi
if [ ! -r "$yml" ]; then
  echo "$0: no $yml" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" --no-seed --catalog "$tmp/catalog.db" convert --from gcp-pricing-yml --round-prices \
  "$yml" -o "$tmp/gcp.xml"
date=$(sed -n 's/.*<sheet [^>]*effective-date="\([0-9-]*\)".*/\1/p' "$tmp/gcp.xml" | head -n 1)
if [ -z "$date" ]; then
  echo "$0: the converted sheet has no effective date" >&2
  exit 1
fi
rm -f "$out"/gcp-pricing-yml-*.xml.gz
gzip -9 -n -c "$tmp/gcp.xml" > "$tmp/gcp.xml.gz"
mv "$tmp/gcp.xml.gz" "$out/gcp-pricing-yml-$date.xml.gz"
echo "Wrote $out/gcp-pricing-yml-$date.xml.gz"
