# SPDX-License-Identifier: GPL-3.0-or-later
# fish completion for skytally-cli: its commands, each command's options, the values of the
# options that take one of a few, and files where a file is expected.
# tests/cli/check-fish-completion.sh checks it against the program's --help.

function __skytally_cli_needs_command
    # True before the command: only global options (and --catalog's file) so far.
    set -l words (commandline -opc)
    set -e words[1]
    while set -q words[1]
        switch $words[1]
            case --catalog
                set -e words[1]
            case '-*'
            case '*'
                return 1
        end
        set -e words[1]
    end
    return 0
end

function __skytally_cli_command_is
    # True when the command is one of those given.
    set -l words (commandline -opc)
    set -e words[1]
    while set -q words[1]
        switch $words[1]
            case --catalog
                set -e words[1]
            case '-*'
            case '*'
                contains -- $words[1] $argv
                return
        end
        set -e words[1]
    end
    return 1
end

complete -c skytally-cli -f

# Global options, before the command.
complete -c skytally-cli -n __skytally_cli_needs_command -l catalog -r -F -d 'The catalog to use'
complete -c skytally-cli -n __skytally_cli_needs_command -l no-seed -d 'Do not load the bundled price sheets into a new catalog'
complete -c skytally-cli -n __skytally_cli_needs_command -l read-only -d 'Write nothing to the catalog'
complete -c skytally-cli -n __skytally_cli_needs_command -l version -d 'Print the version'
complete -c skytally-cli -n __skytally_cli_needs_command -s h -l help -d 'Show the commands'

# The commands.
complete -c skytally-cli -n __skytally_cli_needs_command -a import -d 'Load price sheets into the catalog'
complete -c skytally-cli -n __skytally_cli_needs_command -a convert -d "Write a provider's price list as a price sheet"
complete -c skytally-cli -n __skytally_cli_needs_command -a update -d "Download a provider's current price lists and import them"
complete -c skytally-cli -n __skytally_cli_needs_command -a sheets -d 'List the price sheets in the catalog'
complete -c skytally-cli -n __skytally_cli_needs_command -a search -d 'Find offers in the current price sheets'
complete -c skytally-cli -n __skytally_cli_needs_command -a estimate -d 'Price a scenario on each of its providers'
complete -c skytally-cli -n __skytally_cli_needs_command -a validate -d 'Check a scenario file'
complete -c skytally-cli -n __skytally_cli_needs_command -a match -d "Each provider's offers that meet a requirement"
complete -c skytally-cli -n __skytally_cli_needs_command -a compare -d 'Offers side by side'
complete -c skytally-cli -n __skytally_cli_needs_command -a score -d "Rank a scenario's candidates by its criteria"
complete -c skytally-cli -n __skytally_cli_needs_command -a project -d 'A scenario month by month, against its budget'
complete -c skytally-cli -n __skytally_cli_needs_command -a availability -d 'Each provider\'s availability, and the cheapest way to reach the required one'
complete -c skytally-cli -n __skytally_cli_needs_command -a export -d 'Write a projection for finance'
complete -c skytally-cli -n __skytally_cli_needs_command -a help -d 'Show the commands'

# Every command has --help.
complete -c skytally-cli -n "not __skytally_cli_needs_command" -l help -d "Show the command's options"

# Files where a file is expected ("-" is standard input).
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -F
function __skytally_cli_scenarios
    # Scenario files, and folders to go into.
    string match -r -- '.*(?:\.skytally|/)(?:\t.*)?$' (__fish_complete_path (commandline -ct))
end
complete -c skytally-cli -n '__skytally_cli_command_is estimate validate score project availability export' -a '(__skytally_cli_scenarios)'

# import and convert
set -l from_formats 'digitalocean-json gcp-skus-json gcp-pricing-yml aws-offer-csv aws-savings-plans-csv azure-retail-json'
complete -c skytally-cli -n '__skytally_cli_command_is import' -l force -d 'Import a sheet without offers too'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l from -x -a $from_formats -d 'The format of the files'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l skip-bad-rows -d 'Skip rows that cannot be read, and list them'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l round-prices -d 'Round prices of more than 10 decimals'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l version -x -d "The sheet's version"
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l effective-date -x -d 'The date the prices apply from'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l retrieved -x -d 'The date the files were taken'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l source-url -x -d 'Where the files came from'
complete -c skytally-cli -n '__skytally_cli_command_is import convert' -l short-name -x -d "The provider's short name"
complete -c skytally-cli -n '__skytally_cli_command_is convert' -s o -l output -r -F -d 'Write the price sheet here (- for standard output)'

# update
complete -c skytally-cli -n '__skytally_cli_command_is update' -a 'aws azure gcp digitalocean' -d 'Provider'
complete -c skytally-cli -n '__skytally_cli_command_is update' -l service -x -d 'Update this service only'
complete -c skytally-cli -n '__skytally_cli_command_is update' -l region -x -d 'Update this region'
complete -c skytally-cli -n '__skytally_cli_command_is update' -l api-key -x -d "Google Cloud's API key"
complete -c skytally-cli -n '__skytally_cli_command_is update' -l token -x -d "DigitalOcean's API token"
complete -c skytally-cli -n '__skytally_cli_command_is update' -l endpoint -x -d "Ask this server instead of the provider's"
complete -c skytally-cli -n '__skytally_cli_command_is update' -l force -d 'Download every list again'

# --format: export writes files, the others print.
complete -c skytally-cli -n '__skytally_cli_command_is sheets search estimate match compare score project availability' -l format -x -a 'table csv json' -d 'Output format'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l format -x -a 'csv json pdf xlsx' -d 'What to write'

# sheets
complete -c skytally-cli -n '__skytally_cli_command_is sheets' -a 'remove diff'

# search and match
set -l geos 'US CA SA EU ME AF APAC GLOBAL'
set -l categories 'compute storage database network serverless containers analytics ai other'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l provider -x -d 'Only this provider'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l region -x -d 'Only this region'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l geo -x -a $geos -d 'Only this geography'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l category -x -a $categories -d 'The category'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l min-vcpu -x -d 'At least this many vCPUs'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l min-memory -x -d 'At least this much memory (GiB)'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l os -x -d 'This operating system'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l limit -x -d 'At most this many results'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l arch -x -a 'x86-64 arm64' -d 'Only this processor architecture'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l tenancy -x -a 'shared dedicated host any' -d 'Rows of this tenancy'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l licence -x -a 'included byol any' -d 'Rows of this licence model'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l software -x -d 'Rows with this pre-installed software'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l capacity -x -d 'Rows of this capacity status'
complete -c skytally-cli -n '__skytally_cli_command_is search match' -l all-rows -d 'Every row'
complete -c skytally-cli -n '__skytally_cli_command_is search' -l term -x -d 'Only this purchase option'
complete -c skytally-cli -n '__skytally_cli_command_is search' -l max-price -x -d 'Unit price at most'
complete -c skytally-cli -n '__skytally_cli_command_is search' -l text -x -d 'Name, SKU or service containing'
complete -c skytally-cli -n '__skytally_cli_command_is search' -l sort -x -a 'price vcpu memory' -d 'Order'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l min-gpu -x -d 'At least this many GPUs'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l max-oversize -x -d 'At most this many times what is asked for'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l min-sla -x -d 'With at least this SLA'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l feature -x -d 'With this feature'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l storage-type -x -d 'Of this storage type'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l unit -x -d 'Priced per this unit'
complete -c skytally-cli -n '__skytally_cli_command_is match' -l rank -x -a 'price per-vcpu per-gib' -d 'Cheapest first by'

# estimate
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l provider -x -d 'Price on this provider'
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l compare-by -x -a 'effective-monthly term-total' -d 'Name the cheapest by'
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l explain -d 'Show the arithmetic of every figure'
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l current -d 'Price against the current sheets'
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l stale-after -x -d 'Notice for prices older than this many days'
complete -c skytally-cli -n '__skytally_cli_command_is estimate' -l term -x -d 'Sum the summary up over this many months'

# compare
complete -c skytally-cli -n '__skytally_cli_command_is compare' -l equivalents -d "Add each other provider's offer of the same kind"

# project and export
complete -c skytally-cli -n '__skytally_cli_command_is project export' -l months -x -d 'How many months, 12 to 60'

# export
complete -c skytally-cli -n '__skytally_cli_command_is export' -s o -l output -r -F -d 'Write it here (default: standard output)'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l assumptions -r -F -d "Write the CSV's assumptions here"
complete -c skytally-cli -n '__skytally_cli_command_is export' -l provider -x -d 'Only this provider'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l delimiter -x -a ', ;' -d 'Between CSV fields'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l bom -d 'Start the CSV with a byte-order mark'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l csv -r -F -d 'The same as --format csv -o'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l json -r -F -d 'The same as --format json -o'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l pdf -r -F -d 'The same as --format pdf -o'
complete -c skytally-cli -n '__skytally_cli_command_is export' -l xlsx -r -F -d 'The same as --format xlsx -o'
# availability
complete -c skytally-cli -n '__skytally_cli_command_is availability' -l required -x -d 'The availability to reach, in percent'
complete -c skytally-cli -n '__skytally_cli_command_is availability' -l provider -x -d 'On this provider'
complete -c skytally-cli -n '__skytally_cli_command_is availability' -l no-search -d 'Do not search for the cheapest way to reach it'
complete -c skytally-cli -n '__skytally_cli_command_is availability' -l json -d 'The same as --format=json'
complete -c skytally-cli -n '__skytally_cli_command_is availability' -l csv -d 'The same as --format=csv'
