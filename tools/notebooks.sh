#!/usr/bin/env bash
# Installs what is missing, then executes the notebooks and refreshes their
# outputs (deno task notebooks). Arguments name notebooks to run; none: all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
nn_setup
deno task notebooks "$@"
