#!/usr/bin/env bash
# Creates a Python 3.11 virtual environment with the third-party Mesos clients that
# Tests/compat/run.sh drives, installed from PyPI exactly as /work/shared/reference/clients.md
# describes: http-parser 0.9.0 built with its pure-Python parser, then pymesos 0.3.15,
# mesoshttp 0.4.2, marathon 0.13.0 and chronos-python 1.2.1 (pinned); and prometheus-client,
# whose parser reads every server's Prometheus metrics as Prometheus would (test_prometheus.py).
# Idempotent: an environment that already has all of them at these versions is left as it is.
# Usage: setup-venv.sh VENV_DIR
set -euo pipefail

venv=${1:?usage: setup-venv.sh VENV_DIR}
pins=(pymesos==0.3.15 mesoshttp==0.4.2 marathon==0.13.0 chronos-python==1.2.1 prometheus-client==0.26.0)
die() { echo "setup-venv: $*" >&2; exit 1; }

# A Python 3.11 interpreter ($PYTHON, else python3.11, else python3 if it is 3.11).
python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || die "no Python 3.11 found (set PYTHON=/path/to/python3.11)"
echo "setup-venv: using $("$python" --version 2>&1) at $(command -v "$python")"

# Is everything already there, at the pinned versions?
installed() {
  [ -x "$venv/bin/python" ] || return 1
  "$venv/bin/python" - "${pins[@]}" http-parser==0.9.0 <<'PY' 2>/dev/null
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
# marathon is not imported here: it needs the collections.Iterable shim of its test script.
import http_parser.pyparser, pymesos.process, mesoshttp.client, chronos, prometheus_client.parser  # noqa: F401
PY
}
if installed; then
  echo "setup-venv: $venv already has http-parser 0.9.0 and ${pins[*]}"
  exit 0
fi

# Debian's python3 lacks venv/ensurepip without the python3-venv package: install it then.
install_venv_package() {
  command -v apt-get >/dev/null || die "$python cannot create a venv and there is no apt-get"
  local minor
  minor=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  echo "setup-venv: installing python3-venv"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$minor-venv" ||
    die "could not install python3-venv"
}
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  install_venv_package
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  if ! "$python" -m venv "$venv"; then
    install_venv_package
    "$python" -m venv "$venv" || die "$python -m venv $venv failed"
  fi
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input)

tmp=$(mktemp -d /tmp/corral-venv-build.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# http-parser 0.9.0: its C extension was generated for old Pythons; make setup.py install the
# pure-Python parser instead (pymesos falls back to it by itself).
"${pip[@]}" download --no-binary :all: --no-deps -d "$tmp" http-parser==0.9.0
tar -xzf "$tmp/http-parser-0.9.0.tar.gz" -C "$tmp"
grep -q 'run_setup(not IS_PYPY)' "$tmp/http-parser-0.9.0/setup.py" ||
  die "http-parser 0.9.0's setup.py no longer has 'run_setup(not IS_PYPY)'"
sed -i 's/run_setup(not IS_PYPY)/run_setup(False)/' "$tmp/http-parser-0.9.0/setup.py"
grep -q 'run_setup(False)' "$tmp/http-parser-0.9.0/setup.py" ||
  die "the sed on setup.py did not apply"
"${pip[@]}" install "$tmp/http-parser-0.9.0"
"${pip[@]}" install "${pins[@]}"

installed ||
  die "installed, yet $venv lacks a pinned version or cannot import http_parser.pyparser," \
      "pymesos, mesoshttp, chronos or prometheus_client"
echo "setup-venv: ready: $venv"
