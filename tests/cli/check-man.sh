#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# skytally-cli.1 renders without a warning, and names every command "skytally-cli --help" lists,
# every global option, and in each command's part (its .SS) every long option of its --help.
# Usage: check-man.sh SKYTALLY_CLI MANPAGE
set -u
SKYTALLY_CLI=$1
page=$2
. "$(dirname "$0")/cli-help.sh"

if ! command -v groff >/dev/null; then
  echo "skipped: groff is not installed, so the manual cannot be rendered (build-aux/setup-debian.sh installs groff-base)"
  exit 77
fi

warnings=$(groff -man -ww -z "$page" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"

# The source with "\-" as "-": what the reader sees.
text=$(sed 's/\\-/-/g' "$page")

# The part of the page from ".SS "COMMAND ..." to the next heading.
command_part ()
{
  printf '%s\n' "$text" | awk -v c="$1" '
    /^\.S[SH] / { inside = ($0 ~ "^\\.SS \"" c "( |\")") }
    inside'
}

for option in $(cli_global_options); do
  printf '%s\n' "$text" | sed -n '/^\.SH GLOBAL OPTIONS/,/^\.SH COMMANDS/p' | grep -qe "$option\b" ||
    fail "the global option $option is not described"
done
for command in $(cli_commands); do
  part=$(command_part "$command")
  if [ -z "$part" ]; then
    fail "the command $command has no part (.SS \"$command ...\")"
    continue
  fi
  for option in $(cli_command_options "$command"); do
    printf '%s\n' "$part" | grep -qe "$option\b" || fail "$command: $option is not described"
  done
done

# Its sections, as a manual of a command has them.
for section in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -q "^\.SH $section\$" "$page" || fail "no section $section"
done

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "ok: the manual renders cleanly and names every command and option"
