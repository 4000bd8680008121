#!/usr/bin/env bash
# Installs what the project needs and is missing, saying in a few lines of
# its own what it installs and why; the package managers' own output goes to
# a log file, whose path it names and which it prints in full when a step
# fails:
#   - Deno 2.9.6 (npm install -g deno@2.9.6; the npm package ships the binary),
#   - Jupyter's Python client (Debian packages, or pip elsewhere),
#   - Chromium and the classic Jupyter Notebook server, with --browser
#     (Debian packages `chromium` and `jupyter-notebook`); with
#     --browser-if-possible, a Chromium that cannot be installed is reported
#     and setup goes on without it,
# and registers the course's Jupyter kernel, "Deno (nn-from-scratch)", for the
# user (tools/kernel/install.ts). Debian packages are installed without their
# recommended packages. Running it again installs nothing.
#
# Usage: tools/setup.sh [--browser | --browser-if-possible]
# It may also be sourced (`. tools/setup.sh`, then `nn_setup [OPTION]`),
# so that a Deno it finds off the PATH is put on the caller's PATH.
# The log: $NN_SETUP_LOG, else ~/.cache/nn-from-scratch/setup.log.

nn_setup() {
  local want_browser=0 arg
  for arg in "$@"; do
    case "$arg" in
      --browser) want_browser=1 ;;
      --browser-if-possible) want_browser=maybe ;;
      -h | --help)
        sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
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
  nn_ensure_course_kernel || return 1
  echo "setup: done"
}

nn_say() { echo "setup: $*"; }

NN_SETUP_LOG=${NN_SETUP_LOG:-${XDG_CACHE_HOME:-$HOME/.cache}/nn-from-scratch/setup.log}

# Runs a command with its output appended to the log, printing a dot every
# few seconds while it works and how long it took; on failure, prints the
# log in full.
nn_logged() {
  local what=$1 started status pid
  shift
  mkdir -p "$(dirname "$NN_SETUP_LOG")"
  printf '\n==> %s: %s\n' "$(date '+%F %T')" "$*" >>"$NN_SETUP_LOG"
  printf 'setup: %s ' "$what"
  started=$(date +%s)
  "$@" >>"$NN_SETUP_LOG" 2>&1 </dev/null &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 3
    kill -0 "$pid" 2>/dev/null && printf '.'
  done
  if wait "$pid"; then status=0; else status=$?; fi
  if [ "$status" = 0 ]; then
    echo " done ($(($(date +%s) - started)) s)"
    return 0
  fi
  echo " FAILED (exit status $status)"
  echo "setup: the full log, $NN_SETUP_LOG:" >&2
  cat "$NN_SETUP_LOG" >&2
  return "$status"
}

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
# apt-get update once per setup, then install without questions and without
# the packages Debian merely recommends, into the log.
nn_apt_install() {
  if [ "$NN_APT_UPDATED" = 0 ]; then
    nn_logged "reading Debian's package lists (apt-get update)" nn_as_root apt-get update ||
      return 1
    NN_APT_UPDATED=1
  fi
  nn_logged "apt-get install $*" nn_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "$@"
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
  nn_say "Deno runs the notebooks and the tests; it comes from the npm registry"
  if ! nn_logged "npm install -g deno@2.9.6" npm install -g deno@2.9.6; then
    nn_logged "npm install -g deno@2.9.6, as root" nn_as_root npm install -g deno@2.9.6 ||
      return 1
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
  nn_say "Jupyter's client runs the notebooks headless, in the kernel a learner uses"
  if nn_is_debian; then
    nn_apt_install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client ||
      return 1
  elif command -v python3 >/dev/null 2>&1; then
    # shellcheck disable=SC2086 # the list is meant to split into words
    nn_logged "python3 -m pip install --user $pip_packages" \
      python3 -m pip install --user $pip_packages || return 1
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

# The Chromium that tools/browser.ts starts: /usr/bin/chromium, else a
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
    nn_say "Chromium draws the figures' images and runs the browser tests, headless"
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
    nn_say "the figure images are drawn in the Liberation and DejaVu fonts"
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
  nn_say "the classic Jupyter Notebook is the front end the real-browser test drives"
  if nn_is_debian; then
    nn_apt_install jupyter-notebook
  else
    nn_logged "$python -m pip install --user 'notebook<7'" \
      "$python" -m pip install --user "notebook<7"
  fi
}

# The course's kernel: Deno's kernel behind a proxy that keeps each cell's
# output in that cell (tools/kernel/), which the notebooks name; and the
# plotly.js its figures load, where Jupyter servers serve it.
nn_ensure_course_kernel() {
  local dir
  dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  nn_say "$(deno run --quiet --allow-all "$dir/kernel/install.ts" </dev/null)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  nn_setup "$@"
fi
