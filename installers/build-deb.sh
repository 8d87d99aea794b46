#!/usr/bin/env bash
# Builds the Debian package of Kansoku and checks it with lintian (fails on any lintian error):
#   bash installers/build-deb.sh    ->  build/deb/kansoku_<version>-<revision>_<arch>.deb
# Installs the build and packaging dependencies first (as root, or via sudo). Builds in build/deb
# with Debian's compiler flags (dpkg-buildflags: hardening, fortify), without tests or benchmarks,
# so the developers' build/ is left alone. The last line printed is the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/install-dependencies.sh --packaging

build_dir=build/deb
# Debian's flags (all hardening, fortify), passed on every run so they never go stale in the
# cache. CPPFLAGS (-D_FORTIFY_SOURCE) join the compile flags: CMake has no variable of its own for
# them. Without -g: CPack strips the executable and makes no debug-symbol package, so debugging
# information would only cost compile time.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
export DEB_CFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_STRIP=-g
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
    -DBUILD_TESTING=OFF -DKANSOKU_BUILD_BENCH=OFF -DKANSOKU_PACKAGING=ON "${launcher[@]}"
cmake --build "$build_dir" --parallel "$(nproc)"

rm -f "$build_dir"/kansoku_*.deb
(cd "$build_dir" && cpack -G DEB)
package=$(ls "$build_dir"/kansoku_*.deb)
lintian --fail-on error --info "$package"
echo "$PWD/$package"
