#!/usr/bin/env bash
# Opens Jupyter for learning: JupyterLab when it is installed, else the
# classic Jupyter Notebook (installed from Debian's packages when missing),
# with the course's kernel registered. Jupyter serves the project's folder (so
# that a workspace notebook's link to its worked notebook opens) and starts
# in workspace/, the learner's own copies made by `deno task start`, or in
# notebooks/ while there is none.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/setup.sh
nn_setup
folder=notebooks
if [ -d workspace ]; then
  folder=workspace
else
  echo "open: no workspace/ yet, so starting in notebooks/; deno task start makes one to write the exercises in"
fi
if jupyter lab --version >/dev/null 2>&1; then
  exec jupyter lab --ServerApp.preferred_dir="$PWD/$folder"
fi
if ! jupyter notebook --version >/dev/null 2>&1; then
  if nn_is_debian; then
    nn_apt_install jupyter-notebook
  else
    echo "open: installing Jupyter Notebook: python3 -m pip install --user notebook"
    python3 -m pip install --user notebook
  fi
fi
exec jupyter notebook --NotebookApp.default_url="/tree/$folder"
