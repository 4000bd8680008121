#!/usr/bin/env bash
# Opens the notebooks for learning: JupyterLab when it is installed, else the
# classic Jupyter Notebook (installed from Debian's packages when missing),
# with the course's kernel registered.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
nn_setup
if jupyter lab --version >/dev/null 2>&1; then
  exec jupyter lab notebooks/
fi
if ! jupyter notebook --version >/dev/null 2>&1; then
  if nn_is_debian; then
    nn_apt_install jupyter-notebook
  else
    echo "open: installing Jupyter Notebook: python3 -m pip install --user notebook"
    python3 -m pip install --user notebook
  fi
fi
exec jupyter notebook notebooks/
