#!/usr/bin/env bash
# Installs what is missing (Chromium too, which draws the figures' static PNG
# images; without it the notebooks are refreshed without those images), then
# executes the notebooks and refreshes their outputs (deno task notebooks).
# Arguments name notebooks to run; none: all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
nn_setup --browser-if-possible
deno task notebooks "$@"
