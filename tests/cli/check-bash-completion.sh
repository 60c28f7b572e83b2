#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash completion of skytally-cli: it parses, it offers every command "skytally-cli --help"
# lists and, after each command, exactly the options its --help lists; and it offers what a
# few partial command lines expect (values of --format, files where a file goes).
# Usage: check-bash-completion.sh SKYTALLY_CLI COMPLETION
set -u
SKYTALLY_CLI=$1
completion=$2
. "$(dirname "$0")/cli-help.sh"

bash -n "$completion" || { echo "not ok: bash -n $completion"; exit 1; }
# shellcheck source=/dev/null
. "$completion"
complete -p skytally-cli >/dev/null || { echo "not ok: no completion for skytally-cli"; exit 1; }

# What the completion offers for the command line given, the word being completed last (""
# for a new word): sorted, one a line.
offers ()
{
  COMP_WORDS=(skytally-cli "$@")
  COMP_CWORD=$#
  COMP_LINE="skytally-cli $*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _skytally_cli
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}

expect ()
{
  local what=$1 expected=$2 got=$3
  if [ "$got" != "$expected" ]; then
    fail "$what: offers [$(echo $got)], not [$(echo $expected)]"
  fi
}

expect "commands" "$( (cli_commands; echo help) | sort)" "$(offers "")"
expect "global options" "$( (cli_global_options; echo -h) | sort)" "$(offers "-")"
for command in $(cli_commands); do
  expect "$command -" "$( (cli_command_options "$command" short; echo --help) | sort)" \
    "$(offers "$command" "-")"
done

# Partial command lines.
expect "exp" "export" "$(offers exp)"
expect "--catalog c.db es" "estimate" "$(offers --catalog c.db es)"
expect "export --format" "$(printf '%s\n' csv json pdf xlsx)" "$(offers export --format "")"
expect "export --format=" "$(printf '%s\n' csv json pdf xlsx)" "$(offers export --format = "")"
expect "estimate --format" "$(printf '%s\n' csv json table)" "$(offers estimate --format "")"
expect "search --geo E" "EU" "$(offers search --geo E)"
expect "update" "$(printf '%s\n' aws azure digitalocean gcp)" "$(offers update "")"
expect "sheets" "$(printf '%s\n' diff remove)" "$(offers sheets "")"
expect "convert --from aws-" "$(printf '%s\n' aws-offer-csv aws-savings-plans-csv)" \
  "$(offers convert --from aws-)"
expect "search --provider" "" "$(offers search --provider "")"

# Files: scenarios for estimate, sheets for import, any file for -o, folders to go into.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
mkdir sub
touch web.skytally notes.txt prices.xml prices.xml.gz
expect "estimate" "$(printf '%s\n' sub web.skytally)" "$(offers estimate "")"
expect "estimate web.skytally" "" "$(offers estimate web.skytally "")"
expect "import" "$(printf '%s\n' prices.xml prices.xml.gz sub)" "$(offers import "")"
expect "export --format csv -o n" "notes.txt" "$(offers export --format csv -o n)"
expect "--catalog" "$(printf '%s\n' notes.txt prices.xml prices.xml.gz sub web.skytally)" \
  "$(offers --catalog "")"

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "ok: the bash completion offers every command and option, and what partial lines expect"
