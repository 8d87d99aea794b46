#!/usr/bin/env bash
# The project's version (CMake) is the newest release in the AppStream metadata and the upstream
# part of the newest entry in the Debian changelog, so a version bump cannot ship stale release
# notes. Usage: check_package_versions.sh VERSION METAINFO_FILE DEBIAN_CHANGELOG
set -uo pipefail
version=${1:?usage: check_package_versions.sh VERSION METAINFO_FILE DEBIAN_CHANGELOG}
metainfo=${2:?usage: check_package_versions.sh VERSION METAINFO_FILE DEBIAN_CHANGELOG}
changelog=${3:?usage: check_package_versions.sh VERSION METAINFO_FILE DEBIAN_CHANGELOG}

status=0
# The first <release version="..."> is the newest (AppStream lists releases newest first).
metainfo_version=$(grep -oE '<release [^>]*version="[^"]+"' "$metainfo" | head -n 1 \
    | sed -E 's/.*version="([^"]+)".*/\1/')
if [ "$metainfo_version" != "$version" ]; then
    echo "$metainfo: newest release is '${metainfo_version}', the project is $version"
    status=1
fi
# "kansoku (0.1.0-1) bookworm; urgency=medium": the upstream version is before the last hyphen.
changelog_version=$(head -n 1 "$changelog" | sed -nE 's/^kansoku \((.+)-[^-)]+\) .*/\1/p')
if [ "$changelog_version" != "$version" ]; then
    echo "$changelog: newest entry is for '${changelog_version}', the project is $version"
    status=1
fi
[ "$status" = 0 ] && echo "metainfo and Debian changelog are at version $version"
exit "$status"
