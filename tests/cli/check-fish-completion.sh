#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fish completion of skytally-cli: fish -n reads it, and fish itself completes (complete -C)
# every command "skytally-cli --help" lists, after each command exactly the options its --help
# lists, and what a few partial command lines expect. Skipped where fish is not installed.
# Usage: check-fish-completion.sh SKYTALLY_CLI COMPLETION
set -u
SKYTALLY_CLI=$1
completion=$(realpath "$2")
. "$(dirname "$0")/cli-help.sh"

if ! command -v fish >/dev/null; then
  echo "skipped: fish is not installed, so its completion cannot be checked (build-aux/setup-debian.sh installs it)"
  exit 77
fi
fish -n "$completion" || { echo "not ok: fish -n $completion"; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/home" "$dir/work" "$dir/work/sub"
touch "$dir/work/web.skytally" "$dir/work/notes.txt"

# What fish completes for the command line given (ending in the word being completed): the
# candidates alone, sorted, one a line.
offers ()
{
  (cd "$dir/work" &&
   HOME="$dir/home" XDG_CONFIG_HOME="$dir/home" XDG_DATA_HOME="$dir/home" \
     fish --no-config -c "source '$completion'; complete -C '$1'") | cut -f1 | sort -u
}

expect ()
{
  local what=$1 expected=$2 got=$3
  if [ "$got" != "$expected" ]; then
    fail "$what: offers [$(echo $got)], not [$(echo $expected)]"
  fi
}

expect "commands" "$( (cli_commands; echo help) | sort)" "$(offers 'skytally-cli ')"
expect "global options" "$(cli_global_options)" "$(offers 'skytally-cli --')"
for command in $(cli_commands); do
  expect "$command --" "$( (cli_command_options "$command"; echo --help) | sort -u)" \
    "$(offers "skytally-cli $command --")"
done
expect "export --format" "$(printf '%s\n' csv json pdf xlsx)" "$(offers 'skytally-cli export --format ')"
expect "estimate --format" "$(printf '%s\n' csv json table)" "$(offers 'skytally-cli estimate --format ')"
expect "update" "$(printf '%s\n' aws azure digitalocean gcp)" "$(offers 'skytally-cli update ')"
expect "estimate" "$(printf '%s\n' sub/ web.skytally)" "$(offers 'skytally-cli estimate ')"
expect "export -o n" "notes.txt" "$(offers 'skytally-cli export --format csv -o n')"

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "ok: fish completes every command and option, and what partial lines expect"
