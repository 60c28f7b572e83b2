#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Skytally's Flatpak without Flathub, installs it and tries it in the sandbox.
#
#   build-aux/flatpak-check.sh [--tap FILE] [--checks-only]
#
# Runs as root or as a user who may run apt-get through sudo, on Debian 12 with apt reaching
# Debian's packages. Three stages:
#
# 1. Runtime. The manifest asks for org.gnome.Platform and org.gnome.Sdk. Flathub cannot be
#    reached here, so a stand-in of each is made from Debian 12 packages (GTK 4.8, libadwaita
#    1.2, GLib 2.74; no Mesa) under the branch "$STANDIN_BRANCH", a name of its own that no GNOME
#    release uses, from the mirrors this machine's apt already uses, and installed for the user.
#    When both are installed with the same package lists, they are reused.
# 2. Build. The committed tree (git archive HEAD) is built with flatpak-builder against a copy
#    of the manifest that names the stand-in branch, exported to a repository and written as the
#    single-file bundle $OUT/skytally.flatpak, which is then installed for the user: a bundle
#    installs offline wherever its runtime is present.
# 3. Checks in the sandbox, each printed as a TAP line (and written to FILE with --tap):
#    permissions, skytally-cli, a fresh catalog, the example scenario priced as the native build
#    prices it, the desktop file, the window's first frame under Xvfb with a session bus, and a
#    scenario outside the sandbox opened as a file manager opens it, priced and saved in place
#    through the document portal.
#
# Environment: SKYTALLY_FLATPAK_WORK (where the runtime and builds are made and kept, default
# ~/.cache/skytally-flatpak-check), SKYTALLY_NATIVE_CLI (the native skytally-cli to compare with,
# default build/app/cli/skytally-cli). Everything else it writes goes to build-flatpak/.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=io.github.skytally.Skytally
STANDIN_BRANCH=skytally-debian12-standin
STANDIN_REMOTE=skytally-standin
WORK=${SKYTALLY_FLATPAK_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/skytally-flatpak-check}
OUT=$ROOT/build-flatpak
NATIVE_CLI=${SKYTALLY_NATIVE_CLI:-$ROOT/build/app/cli/skytally-cli}
TAP_FILE=
CHECKS_ONLY=0

# What the application needs at run time. The version of this list is kept in the runtime (see
# runtime_stamp), so a changed list makes a new stand-in.
PLATFORM_PACKAGES=(
  libglib2.0-0 libglib2.0-bin shared-mime-info gsettings-desktop-schemas
  libgtk-4-1 libgtk-4-bin libadwaita-1-0 libxml2 libsqlite3-0 libjson-glib-1.0-0 libnettle8
  libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libgdk-pixbuf-2.0-0 librsvg2-common
  fontconfig fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme
  libsoup-3.0-0 glib-networking ca-certificates
)
# What building it needs on top. Like the real org.gnome.Sdk, no flatpak-builder, xvfb or other
# tools that only the tests need. flatpak-builder runs appstream-compose (appstream-util),
# eu-strip (elfutils) and debugedit inside the Sdk.
SDK_PACKAGES=(
  "${PLATFORM_PACKAGES[@]}"
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libxml2-dev libxml2-utils
  libsqlite3-dev nettle-dev libjson-glib-dev libcairo2-dev libpango1.0-dev libsoup-3.0-dev
  desktop-file-utils appstream appstream-util elfutils debugedit
)
HOST_PACKAGES=(
  flatpak flatpak-builder mmdebstrap git python3 xvfb xauth dbus xdotool imagemagick
  xdg-desktop-portal fuse3 libglib2.0-bin
)

log() { printf '# %s %s\n' "$(date +%T)" "$*"; }

# --- TAP -------------------------------------------------------------------------------------

checks=0
failures=0
tap() {
  printf '%s\n' "$*"
  [ -z "$TAP_FILE" ] || printf '%s\n' "$*" >> "$TAP_FILE"
}
# check NAME COMMAND...: one TAP line for the command's exit status; its output goes to the log.
check() {
  local name=$1 logfile
  shift
  checks=$((checks + 1))
  logfile="$OUT/logs/check-$checks.log"
  if "$@" > "$logfile" 2>&1; then
    tap "ok $checks - $name"
  else
    failures=$((failures + 1))
    tap "not ok $checks - $name"
    sed 's/^/#   /' "$logfile" | tail -n 20
    [ -z "$TAP_FILE" ] || sed 's/^/#   /' "$logfile" | tail -n 20 >> "$TAP_FILE"
  fi
}
finish() {
  tap "1..$checks"
  log "$((checks - failures)) of $checks checks passed"
  [ "$failures" -eq 0 ]
}
bail() {
  checks=$((checks + 1))
  failures=$((failures + 1))
  tap "not ok $checks - $1"
  finish
  exit 1
}

# --- 1. Runtime ------------------------------------------------------------------------------

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_host_packages() {
  local missing=() p
  for p in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
}

# The package lists and the layout's version: the runtime carries it, so a stand-in made from
# other lists is made anew.
runtime_stamp() {
  printf 'layout 1\nplatform %s\nsdk %s\n' "${PLATFORM_PACKAGES[*]}" "${SDK_PACKAGES[*]}" |
    sha256sum | cut -d' ' -f1
}

installed_stamp() {  # REF -> the stamp in the installed runtime, or nothing
  local location
  location=$(flatpak --user info --show-location "$1" 2>/dev/null) || return 0
  cat "$location/files/share/skytally-standin/stamp" 2>/dev/null || true
}

# The mirrors apt uses for Debian, as files mmdebstrap reads (one-line or deb822 form).
apt_source_files() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && grep -Eq '^[^#]*/debian' "$f" && printf '%s\n' "$f"
  done
}

# make_runtime NAME DIR PACKAGES...: a Debian 12 tree with those packages, laid out as a
# Flatpak runtime in DIR (metadata, and files/ holding /usr with /etc inside it).
make_runtime() {
  local name=$1 dir=$2 tree="$2.tree" sources=()
  shift 2
  mapfile -t sources < <(apt_source_files)
  if [ ${#sources[@]} -eq 0 ]; then
    echo "no Debian mirror in /etc/apt" >&2
    return 1
  fi
  rm -rf "$tree" "$dir"
  mmdebstrap --variant=essential --include="$(IFS=,; echo "$*")" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    bookworm "$tree" "${sources[@]}" || return 1

  mkdir -p "$dir"
  mv "$tree/usr" "$dir/files"
  mv "$tree/etc" "$dir/files/etc"
  rm -rf "$tree"
  # Files of this machine's or the tree's own that do not belong in a runtime.
  rm -f "$dir"/files/etc/{hostname,machine-id,ld.so.cache,shadow,shadow-,gshadow,gshadow-,passwd-,group-}
  # Flatpak makes the sandbox's library cache with ldconfig from /usr/bin; Debian has it in sbin.
  [ -e "$dir/files/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$dir/files/bin/ldconfig"
  # Libraries of the application come first, as in the GNOME runtime.
  printf '%s\n' '/app/lib' 'include /app/etc/ld.so.conf' 'include /run/flatpak/ld.so.conf.d/*.conf' \
    'include /etc/ld.so.conf.d/*.conf' > "$dir/files/etc/ld.so.conf"
  mkdir -p "$dir/files/share/skytally-standin"
  runtime_stamp > "$dir/files/share/skytally-standin/stamp"
  printf '[Runtime]\nname=%s\nruntime=org.gnome.Platform/%s/%s\nsdk=org.gnome.Sdk/%s/%s\n' \
    "$name" "$ARCH" "$STANDIN_BRANCH" "$ARCH" "$STANDIN_BRANCH" > "$dir/metadata"
}

ensure_runtime() {
  local want platform_log sdk_log
  want=$(runtime_stamp)
  if [ "$(installed_stamp "org.gnome.Platform//$STANDIN_BRANCH")" = "$want" ] &&
     [ "$(installed_stamp "org.gnome.Sdk//$STANDIN_BRANCH")" = "$want" ]; then
    log "reusing the stand-in runtime and Sdk (branch $STANDIN_BRANCH)"
    return 0
  fi
  log "making the stand-in runtime and Sdk from Debian 12 packages (branch $STANDIN_BRANCH)"
  mkdir -p "$WORK"
  platform_log="$OUT/logs/runtime-platform.log"
  sdk_log="$OUT/logs/runtime-sdk.log"
  make_runtime org.gnome.Platform "$WORK/platform" "${PLATFORM_PACKAGES[@]}" > "$platform_log" 2>&1 &
  local platform_pid=$!
  make_runtime org.gnome.Sdk "$WORK/sdk" "${SDK_PACKAGES[@]}" > "$sdk_log" 2>&1 &
  local sdk_pid=$!
  wait "$platform_pid" || { tail -n 20 "$platform_log"; return 1; }
  wait "$sdk_pid" || { tail -n 20 "$sdk_log"; return 1; }

  log "exporting and installing them"
  rm -rf "$WORK/runtime-repo"
  flatpak build-export --runtime --files=files --disable-fsync "$WORK/runtime-repo" "$WORK/platform" \
    "$STANDIN_BRANCH" > "$OUT/logs/runtime-export.log" 2>&1 &&
  flatpak build-export --runtime --files=files --disable-fsync "$WORK/runtime-repo" "$WORK/sdk" \
    "$STANDIN_BRANCH" >> "$OUT/logs/runtime-export.log" 2>&1 || return 1
  rm -rf "$WORK/platform" "$WORK/sdk"
  flatpak --user remote-delete --force "$STANDIN_REMOTE" > /dev/null 2>&1 || true
  flatpak --user remote-add --no-gpg-verify "$STANDIN_REMOTE" "$WORK/runtime-repo" &&
  flatpak --user install -y --noninteractive --reinstall "$STANDIN_REMOTE" \
    "org.gnome.Platform//$STANDIN_BRANCH" "org.gnome.Sdk//$STANDIN_BRANCH"
}

# --- 2. Build --------------------------------------------------------------------------------

build_app() {
  local src="$WORK/src" manifest
  rm -rf "$src" && mkdir -p "$src"
  git -C "$ROOT" archive HEAD | tar -x -C "$src" || return 1
  manifest="$src/flatpak/$APP.standin.json"
  python3 - "$src/flatpak/$APP.json" "$manifest" "$STANDIN_BRANCH" <<'PY' || return 1
import json, sys
manifest = json.load(open(sys.argv[1], encoding="utf-8"))
manifest["runtime-version"] = sys.argv[3]
json.dump(manifest, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
PY
  flatpak-builder --user --force-clean --disable-rofiles-fuse --state-dir="$WORK/builder-state" \
    --repo="$WORK/app-repo" "$WORK/app-build" "$manifest" > "$OUT/logs/flatpak-builder.log" 2>&1 ||
    { tail -n 30 "$OUT/logs/flatpak-builder.log"; return 1; }
  rm -f "$OUT/skytally.flatpak"
  flatpak build-bundle "$WORK/app-repo" "$OUT/skytally.flatpak" "$APP" &&
  flatpak --user install -y --noninteractive --reinstall --bundle "$OUT/skytally.flatpak"
}

# --- 3. Checks -------------------------------------------------------------------------------

# The sandbox is run with a home of its own, so each run starts without a catalog; the
# installation stays the user's.
sandbox_home=
run_app() {
  HOME="$sandbox_home" FLATPAK_USER_DIR="$FLATPAK_USER_DIR" flatpak run "$@"
}

check_permissions() {
  local permissions
  permissions=$(flatpak --user info --show-permissions "$APP") || return 1
  printf '%s\n' "$permissions"
  # The network is for Update Prices… alone.
  printf '%s\n' "$permissions" | grep -Eq '^shared=.*network' &&
  ! printf '%s\n' "$permissions" | grep -Eq '^filesystems=.*(home|host)' &&
  ! printf '%s\n' "$permissions" | grep -Eq '^sockets=.*session-bus|^devices=.*all'
}

check_cli_version() {
  local version
  version=$(run_app --command=skytally-cli "$APP" --version) || return 1
  printf '%s\n' "$version"
  [ "$version" = "skytally-cli $(meson_version)" ]
}

meson_version() {
  sed -n "s/^  version: '\(.*\)',$/\1/p" "$ROOT/meson.build"
}

check_seeded_catalog() {
  run_app --command=skytally-cli "$APP" sheets --format json > "$OUT/sheets.json" || return 1
  cat "$OUT/sheets.json"
  python3 - "$OUT/sheets.json" "$ROOT/data/pricesheets" <<'PY'
import json, os, sys
sheets = json.load(open(sys.argv[1], encoding="utf-8"))
bundled = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith((".xml", ".xml.gz")))
current = sorted(s["provider"] + " " + s["version"] for s in sheets if s["current"])
print("bundled:", bundled, "current in the sandbox:", current)
sys.exit(0 if len(current) == len(bundled) == len(sheets) and
         all(s["offers"] > 0 for s in sheets) else 1)
PY
}

check_same_estimate() {
  local inside="$sandbox_home/.var/app/$APP/data/web-product.skytally"
  [ -x "$NATIVE_CLI" ] || { echo "no native skytally-cli at $NATIVE_CLI (build it first)"; return 1; }
  rm -f "$OUT/native.db"
  SKYTALLY_PRICESHEETS_DIR="$ROOT/data/pricesheets" SKYTALLY_EQUIVALENTS="$ROOT/data/equivalents.ini" \
    "$NATIVE_CLI" --catalog "$OUT/native.db" estimate "$ROOT/data/scenarios/web-product.skytally" \
    --format json > "$OUT/estimate-native.json" || return 1
  mkdir -p "$(dirname "$inside")"
  cp "$ROOT/data/scenarios/web-product.skytally" "$inside"
  run_app --command=skytally-cli "$APP" estimate "$inside" --format json \
    > "$OUT/estimate-flatpak.json" || return 1
  python3 - "$OUT/estimate-native.json" "$OUT/estimate-flatpak.json" <<'PY'
import json, sys
native, sandboxed = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for p in native["providers"]:
    print(p["provider"], "native", p["totals"]["monthly"], p["totals"]["yearly"])
for p in sandboxed["providers"]:
    print(p["provider"], "flatpak", p["totals"]["monthly"], p["totals"]["yearly"])
if native != sandboxed:
    for key in sorted(set(native) | set(sandboxed)):
        if native.get(key) != sandboxed.get(key):
            print("differs:", key)
sys.exit(0 if native == sandboxed and native["providers"] else 1)
PY
}

check_desktop_file() {
  local exported
  exported="$FLATPAK_USER_DIR/exports/share/applications/$APP.desktop"
  cat "$exported" || return 1
  grep -Eq '^Exec=.*--file-forwarding .*@@ %F @@' "$exported" &&
  grep -q '^MimeType=.*application/x-skytally-scenario' "$exported"
}

# The window checks run under Xvfb and a session bus of their own (see gui_session).
# Flatpak hands the sandbox the document portal's files under /run/user/UID/doc, the place a
# desktop session has them, so the session made here uses that folder as its runtime folder.
check_gui() {
  local rundir="/run/user/$(id -u)"
  if mountpoint -q "$rundir/doc"; then
    echo "a document portal is already mounted on $rundir/doc: run this check outside a desktop session"
    return 1
  fi
  as_root mkdir -p "$rundir" && as_root chown "$(id -u):$(id -g)" "$rundir" && chmod 700 "$rundir" || return 1
  cp "$ROOT/data/scenarios/web-product.skytally" "$OUT/outside/web-product.skytally"
  XDG_RUNTIME_DIR="$rundir" HOME="$sandbox_home" FLATPAK_USER_DIR="$FLATPAK_USER_DIR" \
    timeout 300 xvfb-run -a -s "-screen 0 1280x900x24" \
    dbus-run-session -- "$0" --gui-session "$OUT" > "$OUT/logs/gui-session.log" 2>&1
  local status=$?
  fusermount3 -u -z "$rundir/doc" 2>/dev/null || true
  cat "$OUT/logs/gui-session.log"
  return $status
}

# Waits up to 60 s for a visible window whose title matches, and prints its id.
wait_window() {
  local deadline=$((SECONDS + 60)) id
  while [ $SECONDS -lt $deadline ]; do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
    [ -n "$id" ] && { printf '%s\n' "$id"; return 0; }
    sleep 0.5
  done
  return 1
}

# The window has drawn when its picture has more than a few colours (text, icons, borders).
wait_drawn() {
  local deadline=$((SECONDS + 60)) colours
  while [ $SECONDS -lt $deadline ]; do
    if import -window "$1" "$2" 2>/dev/null; then
      colours=$(identify -format '%k' "$2" 2>/dev/null || echo 0)
      [ "${colours:-0}" -gt 64 ] && { echo "$2: $colours colours"; return 0; }
    fi
    sleep 0.5
  done
  echo "$2: the window did not draw (${colours:-0} colours)"
  return 1
}

# The checks run in the window, by number, as gui_session reports them.
GUI_CHECKS=(
  "the window opens in the sandbox and draws its first frame"
  "a scenario outside the sandbox, opened as a file manager opens it, is priced and saved in place through the document portal"
  "Save As writes the scenario where it was picked in the portal's file chooser"
)

# Inside Xvfb and the session bus: runs the window checks, printing "result ok N" or
# "result not ok N" for each of GUI_CHECKS, and what it saw.
gui_session() {
  local out=$1 app_pid id file="$1/outside/web-product.skytally" before
  echo "display $DISPLAY, bus $DBUS_SESSION_BUS_ADDRESS"

  flatpak run "$APP" > "$out/logs/app-window.log" 2>&1 &
  app_pid=$!
  if id=$(wait_window '^Skytally') && wait_drawn "$id" "$out/window.png"; then
    echo "result ok 1"
  else
    echo "result not ok 1"
    tail -n 20 "$out/logs/app-window.log"
  fi
  kill "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null

  # As a file manager opens it: flatpak hands the file to the sandbox through the document
  # portal. Opening prices it; saving (Ctrl+S) records the sheets it was priced against.
  before=$(sha256sum < "$file")
  flatpak run --file-forwarding "$APP" @@ "$file" @@ > "$out/logs/app-file.log" 2>&1 &
  app_pid=$!
  if id=$(wait_window '^web-product') && wait_drawn "$id" "$out/window-file.png"; then
    xdotool getwindowname "$id"
    xdotool windowfocus --sync "$id" && sleep 1 && xdotool key --clearmodifiers ctrl+s
    wait_changed "$file" "$before"
    if [ -f "$file" ] && [ ! -L "$file" ] && saved_priced "$file"; then
      echo "result ok 2"
    else
      echo "result not ok 2"
    fi

    # Save As: the portal's file chooser runs outside the sandbox; the name typed there is
    # where the application writes.
    local saved_as="$out/outside/saved-as.skytally" chooser
    xdotool windowfocus --sync "$id" && sleep 0.5 && xdotool key --clearmodifiers ctrl+shift+s
    if chooser=$(wait_other_window "$id") && chooser_is_portal "$chooser"; then
      xdotool windowfocus --sync "$chooser" && sleep 1 &&
        xdotool key --clearmodifiers ctrl+a && xdotool type --delay 10 "$saved_as" &&
        sleep 0.5 && xdotool key Return
      wait_changed "$saved_as" ""
      if [ -f "$saved_as" ] && saved_priced "$saved_as" && id=$(wait_window '^saved-as'); then
        echo "result ok 3"
      else
        echo "result not ok 3"
        import -window root "$out/save-as.png" 2>/dev/null
      fi
    else
      echo "result not ok 3"
      import -window root "$out/save-as.png" 2>/dev/null
    fi
  else
    echo "result not ok 2"
    echo "result not ok 3"
    tail -n 20 "$out/logs/app-file.log"
  fi
  ls -l "$out/outside"
  kill "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  return 0
}

# Waits up to 30 s for FILE's checksum to differ from BEFORE (empty: for FILE to exist).
wait_changed() {
  local deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    if [ -f "$1" ] && [ "$(sha256sum < "$1")" != "$2" ]; then
      sleep 0.5
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# Waits up to 30 s for a visible window other than ID, and prints its id.
wait_other_window() {
  local deadline=$((SECONDS + 30)) w
  while [ $SECONDS -lt $deadline ]; do
    for w in $(xdotool search --onlyvisible --name '.' 2>/dev/null); do
      [ "$w" != "$1" ] && { printf '%s\n' "$w"; return 0; }
    done
    sleep 0.5
  done
  return 1
}

# The file chooser is the portal's, a program outside the sandbox, when the process that owns
# its window is xdg-desktop-portal-gtk.
chooser_is_portal() {
  local pid program
  pid=$(xdotool getwindowpid "$1" 2>/dev/null) || return 1
  program=$(readlink "/proc/$pid/exe")
  echo "file chooser '$(xdotool getwindowname "$1")' shown by $program (pid $pid)"
  [ "$(basename "$program")" = xdg-desktop-portal-gtk ]
}

# FILE is the example scenario as it was, with the sheets it was priced against recorded: the
# bundled sheets' versions, as the sandbox's catalog lists them.
saved_priced() {
  python3 - "$1" "$ROOT/data/scenarios/web-product.skytally" "$OUT/sheets.json" <<'PY'
import json, re, sys
saved = open(sys.argv[1], encoding="utf-8").read()
original = open(sys.argv[2], encoding="utf-8").read()
# The sheet current for each provider and service.
versions = {(s["provider"], service): s["version"]
            for s in json.load(open(sys.argv[3], encoding="utf-8")) if s["current"]
            for service in s["current_services"]}
block = re.search(r"  <priced-against>\n(.*?)  </priced-against>\n", saved, re.S)
if not block:
    sys.exit("no <priced-against> in " + sys.argv[1])
print(block.group(0), end="")
pinned = re.findall(r'<sheet provider="([^"]+)" service="([^"]+)" version="([^"]+)"/>',
                    block.group(1))
if not pinned or any(versions.get((p, service)) != v for p, service, v in pinned) or \
   {p for p, _, _ in pinned} != {"aws", "azure", "gcp"}:
    sys.exit(f"priced against {pinned}, the catalog's current sheets are {versions}")
if saved.replace(block.group(0), "") != original:
    sys.exit("the rest of the scenario changed")
PY
}

run_checks() {
  sandbox_home="$OUT/home"
  rm -rf "$sandbox_home" "$OUT/outside"
  mkdir -p "$sandbox_home" "$OUT/outside"

  check "the sandbox has the network but no access to home or host files" check_permissions
  check "skytally-cli --version runs in the sandbox" check_cli_version
  check "a fresh catalog in the sandbox is seeded with the bundled price sheets" check_seeded_catalog
  check "the example scenario is priced in the sandbox as the native build prices it" \
    check_same_estimate
  check "the exported desktop file opens scenarios through file forwarding" check_desktop_file

  local gui_log="$OUT/logs/gui-checks.log" i
  check_gui > "$gui_log" 2>&1
  for i in "${!GUI_CHECKS[@]}"; do
    checks=$((checks + 1))
    if grep -qx "result ok $((i + 1))" "$gui_log"; then
      tap "ok $checks - ${GUI_CHECKS[$i]}"
    else
      failures=$((failures + 1))
      tap "not ok $checks - ${GUI_CHECKS[$i]}"
      grep -v 'dbus-daemon\|^$' "$gui_log" | sed 's/^/#   /' | tail -n 25
    fi
  done
}

# --- main ------------------------------------------------------------------------------------

if [ "${1:-}" = "--gui-session" ]; then
  OUT=$2
  gui_session "$OUT"
  exit 0
fi
while [ $# -gt 0 ]; do
  case $1 in
    --tap) TAP_FILE=$2; shift 2 ;;
    --checks-only) CHECKS_ONLY=1; shift ;;
    *) echo "usage: $0 [--tap FILE] [--checks-only]" >&2; exit 2 ;;
  esac
done

mkdir -p "$OUT/logs"
[ -z "$TAP_FILE" ] || : > "$TAP_FILE"
install_host_packages || bail "the host tools (flatpak, flatpak-builder, mmdebstrap, Xvfb) install"
ARCH=$(flatpak --default-arch)
export FLATPAK_USER_DIR=${FLATPAK_USER_DIR:-$HOME/.local/share/flatpak}

if [ "$CHECKS_ONLY" = 0 ]; then
  start=$SECONDS
  ensure_runtime || bail "the stand-in runtime and Sdk are made from Debian 12 packages"
  log "runtime ready in $((SECONDS - start)) s"
  start=$SECONDS
  build_app || bail "flatpak-builder builds the committed tree and the bundle installs"
  log "built, bundled and installed in $((SECONDS - start)) s: $OUT/skytally.flatpak"
  checks=1
  tap "ok 1 - flatpak-builder builds the committed tree against the stand-in runtime, and the bundle installs"
fi
run_checks
finish
