# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for skytally-cli: its commands, each command's options, the values of the
# options that take one of a few, and files where a file is expected.
# tests/cli/check-bash-completion.sh checks it against the program's --help.

_skytally_cli_commands="import convert update sheets search estimate validate match compare
  score project availability export help"

_skytally_cli_global_options="--catalog --no-seed --read-only --version --help"

# The options of a command, as its --help lists them.
_skytally_cli_options ()
{
  local rows="--arch --tenancy --licence --software --capacity --all-rows"
  local convert="--from --skip-bad-rows --round-prices --version --effective-date --retrieved
    --source-url --short-name"

  case $1 in
    import) echo "--force $convert" ;;
    convert) echo "$convert -o --output" ;;
    update) echo "--service --region --api-key --token --endpoint --force" ;;
    sheets) echo "--format" ;;
    search) echo "--provider --region --geo --category --min-vcpu --min-memory --os --term
      --max-price --text --sort --limit --format $rows" ;;
    estimate) echo "--provider --compare-by --explain --current --format --stale-after --term" ;;
    validate) ;;
    match) echo "--category --min-vcpu --min-memory --min-gpu --max-oversize --geo --region --os
      --min-sla --feature --storage-type --unit --provider --limit --rank --format $rows" ;;
    compare) echo "--equivalents --format" ;;
    score) echo "--format" ;;
    project) echo "--months --format" ;;
    availability) echo "--required --provider --no-search --format --json --csv" ;;
    export) echo "--format -o --output --assumptions --months --provider --delimiter --bom --csv
      --json --pdf --xlsx" ;;
  esac
}

# Offers the words of $1 that begin with the word being completed.
_skytally_cli_offer ()
{
  local IFS=$' \t\n'
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# Offers files (and folders to go into), only those ending in one of the suffixes given.
_skytally_cli_files ()
{
  local IFS=$'\n' suffix f
  compopt -o filenames 2>/dev/null
  if [ $# -eq 0 ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -d -- "$cur"))
  for f in $(compgen -f -- "$cur"); do
    for suffix in "$@"; do
      if [[ $f == *"$suffix" && ! -d $f ]]; then
        COMPREPLY+=("$f")
        break
      fi
    done
  done
}

_skytally_cli ()
{
  local cur prev command= i n_arguments=0
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=
  [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # bash splits --option=value at "=".
  if [ "$cur" = "=" ]; then
    cur=
  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --catalog) ((i++)); [ "${COMP_WORDS[i]}" = "=" ] && ((i++)) ;;
      -*) ;;
      *) command=${COMP_WORDS[i]}; break ;;
    esac
  done
  # The arguments after the command, up to the word being completed (not counting options).
  for ((i = i + 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -*|=) ;;
      *) n_arguments=$((n_arguments + 1)) ;;
    esac
  done

  case $prev in
    --catalog|--assumptions|-o|--output|--csv|--json|--pdf|--xlsx)
      _skytally_cli_files
      return ;;
    --format)
      if [ "$command" = export ]; then
        _skytally_cli_offer "csv json pdf xlsx"
      else
        _skytally_cli_offer "table csv json"
      fi
      return ;;
    --from)
      _skytally_cli_offer "digitalocean-json gcp-skus-json gcp-pricing-yml aws-offer-csv
        aws-savings-plans-csv azure-retail-json"
      return ;;
    --compare-by) _skytally_cli_offer "effective-monthly term-total"; return ;;
    --sort) _skytally_cli_offer "price vcpu memory"; return ;;
    --rank) _skytally_cli_offer "price per-vcpu per-gib"; return ;;
    --geo) _skytally_cli_offer "US CA SA EU ME AF APAC GLOBAL"; return ;;
    --category)
      _skytally_cli_offer "compute storage database network serverless containers analytics ai
        other"
      return ;;
    --arch) _skytally_cli_offer "x86-64 arm64"; return ;;
    --tenancy) _skytally_cli_offer "shared dedicated host any"; return ;;
    --licence) _skytally_cli_offer "included byol any"; return ;;
    --delimiter) _skytally_cli_offer ", ;"; return ;;
    # A value of the user's own.
    --provider|--region|--min-vcpu|--min-memory|--os|--term|--max-price|--text|--limit|\
    --software|--capacity|--stale-after|--months|--min-gpu|--max-oversize|--min-sla|--feature|\
    --storage-type|--unit|--service|--api-key|--token|--endpoint|--version|--effective-date|\
    --retrieved|--source-url|--short-name)
      [ "$command" != "" ] && return ;;
  esac

  if [ -z "$command" ]; then
    if [[ $cur == -* ]]; then
      _skytally_cli_offer "$_skytally_cli_global_options -h"
    else
      _skytally_cli_offer "$_skytally_cli_commands"
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    _skytally_cli_offer "$(_skytally_cli_options "$command") --help"
    return
  fi
  case $command in
    import) _skytally_cli_files .xml .xml.gz .json .csv .yml .yaml ;;
    convert) _skytally_cli_files ;;
    estimate|validate|score|project|availability|export)
      [ "$n_arguments" -eq 0 ] && _skytally_cli_files .skytally ;;
    update) [ "$n_arguments" -eq 0 ] && _skytally_cli_offer "aws azure gcp digitalocean" ;;
    sheets) [ "$n_arguments" -eq 0 ] && _skytally_cli_offer "remove diff" ;;
  esac
}

complete -F _skytally_cli skytally-cli
