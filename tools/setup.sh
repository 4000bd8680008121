#!/usr/bin/env bash
# Installs what the project needs and is missing, and says what it does:
#   - Deno 2.9.6 (npm install -g deno@2.9.6; the npm package ships the binary),
#   - Jupyter's Python client (Debian packages, or pip elsewhere),
#   - Chromium and the classic Jupyter Notebook server, with --browser
#     (Debian packages `chromium` and `jupyter-notebook`); with
#     --browser-if-possible, a Chromium that cannot be installed is reported
#     and setup goes on without it,
# and registers the Deno Jupyter kernel for the user when Jupyter lacks it.
# Debian packages are installed without their recommended packages.
# Running it again changes nothing.
#
# Usage: tools/setup.sh [--browser | --browser-if-possible]
# It may also be sourced (`. tools/setup.sh`, then `nn_setup [OPTION]`),
# so that a Deno it finds off the PATH is put on the caller's PATH.

nn_setup() {
  local want_browser=0 arg
  for arg in "$@"; do
    case "$arg" in
      --browser) want_browser=1 ;;
      --browser-if-possible) want_browser=maybe ;;
      -h | --help)
        sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
        return 0
        ;;
      *)
        echo "setup: unknown option $arg (try --help)" >&2
        return 2
        ;;
    esac
  done
  nn_ensure_deno || return 1
  nn_ensure_jupyter_client || return 1
  if [ "$want_browser" = 1 ]; then
    nn_ensure_chromium || return 1
    nn_ensure_notebook_server || return 1
  fi
  if [ "$want_browser" = maybe ] && ! nn_ensure_chromium; then
    nn_say "going on without Chromium: figures get no static PNG images"
  fi
  nn_ensure_deno_kernel || return 1
  echo "setup: done"
}

nn_say() { echo "setup: $*"; }

# Runs a command as root: directly when we are root, else through sudo.
nn_as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

nn_is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

NN_APT_UPDATED=${NN_APT_UPDATED:-0}
# apt-get update once per setup, then install quietly, without questions and
# without the packages Debian merely recommends.
nn_apt_install() {
  if [ "$NN_APT_UPDATED" = 0 ]; then
    nn_say "apt-get update"
    nn_as_root apt-get update -qq || return 1
    NN_APT_UPDATED=1
  fi
  nn_say "apt-get install -y --no-install-recommends $*"
  nn_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

nn_ensure_deno() {
  if command -v deno >/dev/null 2>&1; then
    nn_say "Deno found: $(command -v deno) ($(deno --version | head -n 1))"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: Deno is missing and so is npm to install it; install Node.js and npm, or Deno itself" >&2
    return 1
  fi
  nn_say "installing Deno: npm install -g deno@2.9.6"
  if ! npm install -g deno@2.9.6 </dev/null; then
    nn_say "retrying as root"
    nn_as_root npm install -g deno@2.9.6 </dev/null || return 1
  fi
  if ! command -v deno >/dev/null 2>&1; then
    # npm's bin directory may not be on PATH; the binary is in the package.
    local root binary
    root=$(npm root -g 2>/dev/null)
    binary=$(find "$root/deno" -maxdepth 3 -name deno -type f -perm -u+x 2>/dev/null | head -n 1)
    if [ -z "$binary" ]; then
      echo "setup: npm installed deno but no deno binary is under $root/deno" >&2
      return 1
    fi
    PATH="$(dirname "$binary"):$PATH"
    export PATH
    nn_say "Deno is at $binary; add $(dirname "$binary") to your PATH"
  fi
  nn_say "Deno installed: $(deno --version | head -n 1)"
}

# The Python that imports jupyter_client and nbformat (a pyenv python3 may
# shadow Debian's), or nothing.
nn_jupyter_python() {
  local python
  for python in python3 /usr/bin/python3; do
    if command -v "$python" >/dev/null 2>&1 &&
      "$python" -c "import jupyter_client, nbformat" >/dev/null 2>&1; then
      echo "$python"
      return 0
    fi
  done
  return 1
}

nn_ensure_jupyter_client() {
  local python version pip_packages="nbclient nbconvert jupyter_client ipykernel"
  if python=$(nn_jupyter_python); then
    version=$("$python" -c 'import jupyter_client; print(jupyter_client.__version__)')
    nn_say "Jupyter client found: $python (jupyter_client $version)"
    return 0
  fi
  if nn_is_debian; then
    nn_say "installing Jupyter's client from Debian packages"
    nn_apt_install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client ||
      return 1
  elif command -v python3 >/dev/null 2>&1; then
    nn_say "installing Jupyter's client: python3 -m pip install --user $pip_packages"
    # shellcheck disable=SC2086 # the list is meant to split into words
    python3 -m pip install --user $pip_packages </dev/null || return 1
  else
    echo "setup: Python 3 is missing; install it, then: pip install $pip_packages" >&2
    return 1
  fi
  if ! python=$(nn_jupyter_python); then
    echo "setup: installed, but no python3 imports jupyter_client and nbformat" >&2
    return 1
  fi
  nn_say "Jupyter client ready: $python"
}

# The Chromium that tools/chromium.ts starts: /usr/bin/chromium, else a
# chromium or chromium-browser on the PATH.
nn_chromium() {
  if [ -x /usr/bin/chromium ]; then
    echo /usr/bin/chromium
  else
    command -v chromium || command -v chromium-browser
  fi
}

nn_ensure_chromium() {
  local chromium
  if chromium=$(nn_chromium); then
    nn_say "Chromium found: $chromium"
    nn_ensure_figure_fonts
    return 0
  fi
  if nn_is_debian; then
    nn_say "installing Chromium (headless, for figure images and the browser tests)"
    nn_apt_install chromium fonts-liberation fonts-dejavu-core || return 1
  else
    echo "setup: Chromium is missing; install it from your system's packages (as chromium or chromium-browser on the PATH)" >&2
    return 1
  fi
}

# Plotly asks for Arial; fonts-liberation's metric twin of it makes the figure
# images the same, byte for byte, as the committed ones (without it Chromium
# falls back to DejaVu Sans). Characters Liberation lacks, such as the ‖ of
# ‖dW1‖ in notebook 02, come from DejaVu Sans (fonts-dejavu-core); without it
# they are drawn in whatever font is left, or as boxes. Only Debian's packages
# are installed; elsewhere the images just come out in other fonts.
nn_ensure_figure_fonts() {
  if fc-match Arial 2>/dev/null | grep -q "Liberation Sans" &&
    fc-list 2>/dev/null | grep -q "DejaVuSans.ttf"; then
    return 0
  fi
  if nn_is_debian; then
    nn_say "installing fonts-liberation and fonts-dejavu-core (the fonts of the figure images)"
    nn_apt_install fonts-liberation fonts-dejavu-core ||
      nn_say "figure fonts not installed; figure images will use other fonts"
  fi
  return 0
}

# The classic Notebook server (Debian has no JupyterLab package): the front
# end that the real-browser test drives, and what tools/open.sh opens.
nn_ensure_notebook_server() {
  local python
  python=$(nn_jupyter_python) || return 1
  if "$python" -c "import notebook.notebookapp" >/dev/null 2>&1 ||
    "$python" -c "import jupyterlab" >/dev/null 2>&1; then
    nn_say "Jupyter Notebook found"
    return 0
  fi
  if nn_is_debian; then
    nn_say "installing the Jupyter Notebook server (for the real-browser test)"
    nn_apt_install jupyter-notebook
  else
    nn_say "installing Jupyter Notebook: $python -m pip install --user 'notebook<7'"
    "$python" -m pip install --user "notebook<7" </dev/null
  fi
}

nn_ensure_deno_kernel() {
  local python
  python=$(nn_jupyter_python) || return 1
  if "$python" -c "
import sys
from jupyter_client.kernelspec import KernelSpecManager
sys.exit(0 if 'deno' in KernelSpecManager().find_kernel_specs() else 1)
" 2>/dev/null; then
    nn_say "Deno Jupyter kernel already registered"
    return 0
  fi
  nn_say "registering the Deno Jupyter kernel: deno jupyter --install"
  deno jupyter --install </dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  nn_setup "$@"
fi
