# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the checks of skytally-cli's manual and completions: what its --help lists, so that
# a command or an option added to the program and not to them fails the checks.
# Needs $SKYTALLY_CLI, the program.

# The commands "skytally-cli --help" lists, one a line.
cli_commands ()
{
  LC_ALL=C.UTF-8 "$SKYTALLY_CLI" --help |
    sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p'
}

# The long options (--name) of "skytally-cli --help", one a line, sorted.
cli_global_options ()
{
  LC_ALL=C.UTF-8 "$SKYTALLY_CLI" --help |
    sed -n '/^Options:/,$p' | grep -oE '^  (-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' |
    sort -u
}

# The long options of a command ("-o" style short ones too with "short"), one a line, sorted:
# those of "COMMAND --help" (and "import --from=X --help") but --help itself.
cli_command_options ()
{
  local command=$1 short=${2:-}
  {
    LC_ALL=C.UTF-8 "$SKYTALLY_CLI" "$command" --help
    if [ "$command" = import ]; then
      LC_ALL=C.UTF-8 "$SKYTALLY_CLI" import --from=x --help
    fi
  } | sed -n '/^Application Options:/,/^$/p' | grep -oE '^  (-[a-zA-Z], )?--[a-z0-9-]+' |
    if [ -n "$short" ]; then grep -oE -- '-[a-zA-Z]\b|--[a-z0-9-]+'; else grep -oE -- '--[a-z0-9-]+'; fi |
    sort -u
}

# Says what is wrong and counts it.
failures=0
fail ()
{
  echo "not ok: $*"
  failures=$((failures + 1))
}
