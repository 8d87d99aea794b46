#!/usr/bin/env bash
# The desktop entry and the AppStream metadata that packages install are valid: desktop-file-validate
# reports nothing at all, and appstreamcli (--strict, no network) reports nothing above pedantic.
# Skipped (exit 77) when desktop-file-utils or appstream is not installed (the test command
# installs both). Usage: validate_desktop_metadata.sh DESKTOP_FILE METAINFO_FILE
set -uo pipefail
desktop=${1:?usage: validate_desktop_metadata.sh DESKTOP_FILE METAINFO_FILE}
metainfo=${2:?usage: validate_desktop_metadata.sh DESKTOP_FILE METAINFO_FILE}
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed; skipped"; exit 77; }
done

status=0
# desktop-file-validate exits 0 on warnings and hints; any line it prints is a problem here.
if ! report=$(desktop-file-validate "$desktop" 2>&1) || [ -n "$report" ]; then
    echo "desktop-file-validate $desktop:"
    echo "$report"
    status=1
fi
if ! report=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1); then
    echo "appstreamcli validate $metainfo:"
    echo "$report"
    status=1
fi
[ "$status" = 0 ] && echo "$desktop and $metainfo are valid"
exit "$status"
