#!/usr/bin/env bash
# Installs the dependencies, builds Kansoku (Release) and launches it. Extra arguments go to
# kansoku (for example --headless or --db FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/install-dependencies.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$(nproc)" --target kansoku
exec build/app/kansoku "$@"
