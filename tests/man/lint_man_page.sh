#!/usr/bin/env bash
# The man page renders without a warning: mandoc -Tlint when mandoc is installed (it also reports
# style problems), else groff with every warning on. Skipped (exit 77) when neither is installed.
# Usage: lint_man_page.sh MAN_PAGE. Prints the warnings; exit 1 if there is one.
set -uo pipefail
page=${1:?usage: lint_man_page.sh MAN_PAGE}
[ -r "$page" ] || { echo "cannot read $page"; exit 2; }
if command -v mandoc >/dev/null; then
    linter=(mandoc -Tlint)
elif command -v groff >/dev/null; then
    linter=(groff -man -Tutf8 -ww -z)
else
    echo "neither mandoc nor groff is installed: cannot check $page"
    exit 77
fi
# Both print their findings on stderr; groff exits 0 even when it warns.
if ! warnings=$("${linter[@]}" "$page" 2>&1) || [ -n "$warnings" ]; then
    echo "${linter[*]} $page:"
    echo "$warnings"
    exit 1
fi
echo "${linter[*]} $page: no warnings"
