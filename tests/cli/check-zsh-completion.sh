#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The zsh completion of skytally-cli: zsh -n reads it; it names every command
# "skytally-cli --help" lists, every global option, and in each command's branch (from
# "(COMMAND)" to ";;", with the option arrays it expands) exactly the options of its --help.
# Skipped where zsh is not installed.
# Usage: check-zsh-completion.sh SKYTALLY_CLI COMPLETION
set -u
SKYTALLY_CLI=$1
completion=$2
. "$(dirname "$0")/cli-help.sh"

if ! command -v zsh >/dev/null; then
  echo "skipped: zsh is not installed, so its completion cannot be checked (build-aux/setup-debian.sh installs it)"
  exit 77
fi
zsh -n "$completion" || { echo "not ok: zsh -n $completion"; exit 1; }
head -1 "$completion" | grep -qx '#compdef skytally-cli' || fail "the first line is not #compdef skytally-cli"

# The options an array (local -a NAME=( ... )) holds.
array_options ()
{
  sed -n "/^  local -a $1=(/,/^  )/p" "$completion" | grep -oE "^ *'--[a-z0-9-]+" | grep -oE -- '--[a-z0-9-]+'
}

# The options of a command's branch, its arrays expanded, sorted.
branch_options ()
{
  local branch
  branch=$(sed -n "/^        ($1)\$/,/^          ;;\$/p" "$completion")
  {
    printf '%s\n' "$branch" | grep -oE -- "(^ *'|[{,])(\([^)]*\))?\*?--[a-z0-9-]+|[{,]-o\+" |
      grep -oE -- '--[a-z0-9-]+|-o'
    for array in $(printf '%s\n' "$branch" | grep -oE '^ *\$[a-z_]+' | tr -d ' $'); do
      array_options "$array"
    done
  } | sort -u
}

for command in $(cli_commands); do
  grep -q "^        '$command:" "$completion" || fail "the command $command is not offered"
  expected=$( (cli_command_options "$command" short; echo --help) | sort -u)
  got=$(branch_options "$command")
  [ "$got" = "$expected" ] || fail "$command: offers [$(echo $got)], not [$(echo $expected)]"
done
top=$(sed -n '/_arguments -C/,/^$/p' "$completion")
for option in $(cli_global_options); do
  printf '%s\n' "$top" | grep -qe "$option\b" || fail "the global option $option is not offered"
done
grep -q "'--format=\[what to write\]:format:(csv json pdf xlsx)'" "$completion" ||
  fail "export --format does not offer its formats"

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "ok: the zsh completion parses and names every command and option"
