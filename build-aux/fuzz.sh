#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the libFuzzer targets, the price-sheet reader and the scenario reader, for SECONDS each
# (default 60) under AddressSanitizer and UBSan.
#
#   build-aux/fuzz.sh [--tap FILE] [SECONDS]
#
# Installs clang and its libFuzzer runtime when they are missing (as root, or through sudo),
# configures build-fuzz/ with clang when it has no build yet and builds both targets. Each
# target starts from a copy of its committed seed corpus, tests/fuzz/corpus/TARGET/, made in
# build-fuzz/fuzz-run/TARGET/ (what a run finds goes to the copy, never to the committed files),
# with the format's names and values as a dictionary (tests/fuzz/TARGET.dict).
# A crash, a sanitizer report, a leak, an input that takes over 10 s or a run that does not stop
# fails the target; the input that did it is kept in build-fuzz/fuzz-run/TARGET/ and named.
# Each target's runs, coverage (cov: edges, ft: features) and speed are printed, with one TAP
# line per target (also written to FILE with --tap). Exits 1 when a target failed.
set -uo pipefail
caller=$PWD
cd "$(dirname "$0")/.." || exit 1

CLANG=clang-14
PACKAGES=(clang-14 libclang-rt-14-dev)
BUILD=build-fuzz
RUN=$BUILD/fuzz-run
# Inputs up to these sizes: every committed seed fits, among them a sheet whose <source> is just
# past its 10,000 characters and a scenario just past its 20,000 lines.
declare -A MAX_LEN=([sheet-reader]=16384 [scenario]=32768)
TARGETS=(sheet-reader scenario)

TAP_FILE=
SECONDS_EACH=60
while [ $# -gt 0 ]; do
  case $1 in
    --tap) TAP_FILE=$2; [[ $TAP_FILE = /* ]] || TAP_FILE=$caller/$TAP_FILE; shift 2 ;;
    [0-9]*) SECONDS_EACH=$1; shift ;;
    *) echo "usage: $0 [--tap FILE] [SECONDS]" >&2; exit 2 ;;
  esac
done
[ -z "$TAP_FILE" ] || : > "$TAP_FILE"

tap() {
  printf '%s\n' "$*"
  [ -z "$TAP_FILE" ] || printf '%s\n' "$*" >> "$TAP_FILE"
}
# fail_all REASON LOG: every target fails for the same reason, with the end of LOG.
fail_all() {
  local n=0
  for target in "${TARGETS[@]}"; do
    n=$((n + 1))
    tap "not ok $n - fuzz-$target: $1"
  done
  if [ -n "${2:-}" ]; then
    tail -n 20 "$2" | sed 's/^/#   /'
    [ -z "$TAP_FILE" ] || tail -n 20 "$2" | sed 's/^/#   /' >> "$TAP_FILE"
  fi
  tap "1..$n"
  exit 1
}

start=$SECONDS
# Logs from before build-fuzz/ is configured go elsewhere: meson marks a folder it makes as one
# for git to ignore, but not one that holds a file already.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  if ! { "${as_root[@]}" apt-get update -q &&
         DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "${missing[@]}"; } \
       > "$tmp/install.log" 2>&1; then
    fail_all "clang and its libFuzzer runtime (${missing[*]}) could not be installed" \
             "$tmp/install.log"
  fi
fi

if [ ! -f "$BUILD/build.ninja" ]; then
  if ! CC=$CLANG meson setup "$BUILD" -Dfuzzing=true -Dgui=disabled \
         -Db_sanitize=address,undefined -Db_lundef=false > "$tmp/setup.log" 2>&1; then
    fail_all "meson setup $BUILD failed" "$tmp/setup.log"
  fi
fi
if ! ninja -C "$BUILD" "${TARGETS[@]/#/tests/fuzz/fuzz-}" > "$tmp/build.log" 2>&1; then
  fail_all "the targets did not build (is $BUILD configured with -Dfuzzing=true?)" \
           "$tmp/build.log"
fi
echo "# fuzz targets built in $((SECONDS - start)) s"

# UBSan only reports and goes on unless told to stop: stopping makes libFuzzer keep the input.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
export G_SLICE=always-malloc
export LC_ALL=C.UTF-8

n=0
failed=0
for target in "${TARGETS[@]}"; do
  n=$((n + 1))
  work=$RUN/$target
  log=$work/fuzz.log
  rm -rf "$work"
  mkdir -p "$work"
  cp -R "tests/fuzz/corpus/$target" "$work/corpus"
  seeds=$(find "$work/corpus" -type f | wc -l)

  target_start=$SECONDS
  # libFuzzer stops itself after max_total_time; the outer limit catches a run that does not.
  timeout --kill-after=30 $((SECONDS_EACH * 2 + 120)) \
    "$BUILD/tests/fuzz/fuzz-$target" -max_total_time="$SECONDS_EACH" \
      -max_len="${MAX_LEN[$target]}" -dict="tests/fuzz/$target.dict" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" \
      > "$log" 2>&1
  status=$?
  took=$((SECONDS - target_start))

  # The last status line libFuzzer printed, "#152000 DONE cov: 1416 ft: 4509 corp: …", as
  # "152000 runs, cov: 1416 ft: 4509 corp: …".
  stats=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -n 1 |
          sed 's/^#\([0-9]*\)[[:space:]]*[A-Z]*[[:space:]]*/\1 runs, /')
  found=$(grep -E '^stat::new_units_added:' "$log" | awk '{print $2}')
  summary="$took s, $seeds seeds, ${stats:-no statistics}, ${found:-0} new inputs"
  if [ "$status" -eq 0 ]; then
    tap "ok $n - fuzz-$target: no crash in $summary"
  else
    failed=$((failed + 1))
    artifact=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -n 1 | sed 's/.* to //')
    what="fuzz-$target failed (status $status) in $summary"
    [ -z "$artifact" ] || what="$what; the input is $artifact"
    tap "not ok $n - $what"
    report=$(grep -E 'ERROR|SUMMARY|runtime error|^ *#[0-9]+ 0x|^==[0-9]+==' "$log" | head -n 40)
    tap "$(printf '%s\n' "$report" | sed 's/^/#   /')"
  fi
done
tap "1..$n"
echo "# fuzzing took $((SECONDS - start)) s in all; the logs are in $RUN/"
[ "$failed" -eq 0 ]
