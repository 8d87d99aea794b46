#!/usr/bin/env bash
# Checks the include direction between the libraries (docs/ARCHITECTURE.md): each models layer
# includes only itself and the layers below it (core <- formats <- analysis <- view, and
# scenarios beside view on analysis); ingest and
# storage include no analysis, view, scenarios, ui or app header and not each other's; ui includes no ingest,
# storage or app header. CMake's target links stop a layer from linking what it must not; this
# catches the includes that a shared include root would otherwise let through.
# Usage: check_includes.sh SOURCE_DIR. Prints every violation; exit 1 if there is one.
set -uo pipefail
root=${1:?usage: check_includes.sh SOURCE_DIR}
cd "$root" || exit 2
status=0

# quoted_includes DIR: "file:line:header" for every #include "header" under DIR.
quoted_includes() {
    grep -rnoE '^#include "[^"]+"' --include='*.h' --include='*.cpp' "$1" \
        | sed -E 's/#include "([^"]+)"/\1/'
}

# allow_only DIR PREFIX...: every quoted include under DIR starts with one of the prefixes.
allow_only() {
    local dir=$1
    shift
    local pattern
    pattern="^($(printf '%s|' "$@" | sed 's/|$//'))"
    while IFS=: read -r file line header; do
        if ! [[ $header =~ $pattern ]]; then
            echo "$file:$line: includes \"$header\"; $dir may include only $*"
            status=1
        fi
    done < <(quoted_includes "$dir")
}

# forbid_headers_of DIR OTHER...: no quoted include under DIR names a header that lives in OTHER.
forbid_headers_of() {
    local dir=$1
    shift
    local other header_name
    for other in "$@"; do
        while IFS=: read -r file line header; do
            header_name=$header
            if [[ $header_name != */* && -f "$other/$header_name" && ! -f "$dir/$header_name" ]]; then
                echo "$file:$line: includes \"$header\" from $other/, which $dir must not use"
                status=1
            fi
        done < <(quoted_includes "$dir")
    done
}

# forbid_prefixes DIR PREFIX...: no quoted include under DIR starts with one of the prefixes.
forbid_prefixes() {
    local dir=$1
    shift
    local prefix
    while IFS=: read -r file line header; do
        for prefix in "$@"; do
            if [[ $header == "$prefix"* ]]; then
                echo "$file:$line: includes \"$header\"; $dir must not use $prefix"
                status=1
            fi
        done
    done < <(quoted_includes "$dir")
}

allow_only models/core core/
allow_only models/formats core/ formats/
allow_only models/analysis core/ formats/ analysis/
allow_only models/view core/ formats/ analysis/ view/
allow_only models/scenarios core/ formats/ analysis/ scenarios/

forbid_prefixes ingest analysis/ view/ scenarios/
forbid_headers_of ingest storage ui app
forbid_prefixes storage analysis/ view/ scenarios/
forbid_headers_of storage ingest ui app
forbid_headers_of ui ingest storage app

if [ "$status" = 0 ]; then
    echo "include layering holds"
fi
exit "$status"
