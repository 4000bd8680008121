#!/usr/bin/env bash
# Installs what is missing (Chromium included, for the figure tests), then
# runs the whole test suite (deno task test). Arguments go to `deno test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
nn_setup --browser
deno task test "$@"
