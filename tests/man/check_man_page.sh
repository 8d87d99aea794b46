#!/usr/bin/env bash
# Keeps the man page true to the executable: every long option (--xyz) that `kansoku --help`,
# `kansoku scenario --help` and `kansoku replay --help` print must have an entry of its own in
# installers/kansoku.1 (be named in the tag of a .TP paragraph), every command name they print must
# be in the page's SYNOPSIS, and every long option the page names must be one of theirs.
# Usage: check_man_page.sh KANSOKU MAN_PAGE. Prints each omission; exit 1 if there is one.
set -uo pipefail
kansoku=${1:?usage: check_man_page.sh KANSOKU MAN_PAGE}
page=${2:?usage: check_man_page.sh KANSOKU MAN_PAGE}
[ -r "$page" ] || { echo "cannot read $page"; exit 2; }

help_text=""
for arguments in "--help" "scenario --help" "replay --help"; do
    # shellcheck disable=SC2086 # the subcommand and the flag are separate arguments
    if ! output=$("$kansoku" $arguments); then
        echo "kansoku $arguments failed"
        exit 2
    fi
    help_text+="$output"$'\n'
done

# The page's words as a reader sees them: font changes and zero-width escapes dropped, \- as -.
page_text=$(sed -E 's/\\f(\[[^]]*\]|\(..|.)//g; s/\\&//g; s/\\-/-/g; s/\\e/\\/g' "$page")

# Long options: --name, lower case letters, digits and inner hyphens.
long_options() {
    grep -oE -- '(^|[^a-z0-9-])--[a-z][a-z0-9-]*[a-z0-9]' | grep -oE -- '--[a-z0-9-]+' | sort -u
}
# Command names: the lower case words of a usage line "kansoku WORD[|WORD] ..." before its first
# option, placeholder or bracket ("kansoku query traces|trace ID|logs" names query, traces, trace,
# logs).
command_names() {
    grep -E '^kansoku [a-z]' | while read -r -a words; do
        for word in "${words[@]:1}"; do
            [[ $word == [-[]* ]] && break
            tr '|' '\n' <<<"$word"
        done
    done | grep -E '^[a-z][a-z-]*$' | sort -u
}

# The tags of the .TP paragraphs (the line after each .TP), and the SYNOPSIS section.
entry_tags=$(awk 'tag { print; tag = 0 } /^\.TP/ { tag = 1 }' <<<"$page_text")
synopsis=$(awk '/^\.SH/ { inside = ($2 == "SYNOPSIS") ; next } inside' <<<"$page_text")

# has WORD TEXT: TEXT has WORD, not as part of a longer option or word.
has() {
    grep -qE -- "(^|[^a-zA-Z0-9_-])$1([^a-zA-Z0-9_-]|$)" <<<"$2"
}

status=0
help_options=$(long_options <<<"$help_text")
commands=$(command_names <<<"$help_text")
if [ -z "$help_options" ] || [ -z "$commands" ]; then
    echo "found no options or no commands in kansoku's help; has its format changed?"
    exit 2
fi
for option in $help_options; do
    has "$option" "$entry_tags" || { echo "$page has no entry for the option $option"; status=1; }
done
for command in $commands; do
    has "$command" "$synopsis" \
        || { echo "$page does not name the command $command in its SYNOPSIS"; status=1; }
done
for option in $(long_options <<<"$page_text"); do
    grep -qxF -- "$option" <<<"$help_options" \
        || { echo "$page names $option, which kansoku's help does not have"; status=1; }
done
if [ "$status" = 0 ]; then
    echo "$page documents all $(wc -w <<<"$help_options") long options and" \
         "$(wc -w <<<"$commands") command names of kansoku's help"
fi
exit "$status"
