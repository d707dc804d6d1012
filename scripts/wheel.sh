#!/usr/bin/env bash
# `make wheel`: the Jupyter widget's pure-Python wheel. Builds the page
# (node scripts/build.mjs), copies its module and wasm into
# python/gradscape/static/ (build outputs, not committed) and builds
# python/dist/gradscape-VERSION-py3-none-any.whl with hatchling, in a venv of
# its own (target/python-build; `build` and `hatchling` from PyPI when
# missing). SKIP_BUILD=1 reuses an existing dist/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

if [[ -z "${SKIP_BUILD:-}" || ! -f dist/gradscape_bg.wasm ]]; then
  bash scripts/dev.sh tools
  say "node scripts/build.mjs → dist/"
  node scripts/build.mjs || die "the build failed"
fi
mkdir -p python/gradscape/static
cp dist/gradscape.js dist/gradscape_bg.wasm dist/zh.json python/gradscape/static/

# Debian's python3 makes venvs only with python3-venv (the notebook test
# makes one too): installed when missing, as dev.sh does for chromium.
command -v python3 >/dev/null || die "python3 not found (3.9 or later)"
probe="$(mktemp -d)"
if ! python3 -m venv "$probe/v" >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || die "python3 -m venv fails: sudo apt-get install -y python3-venv"
  say "installing Debian's python3-venv"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv ||
    die "apt-get install python3-venv failed"
fi
rm -rf "$probe"

VENV="${GRADSCAPE_BUILD_VENV:-$ROOT/target/python-build}"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import build, hatchling' 2>/dev/null; then
  say "a venv for the Python build tools: $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed"
  "$VENV/bin/pip" install -q build hatchling || die "pip install build hatchling failed (PyPI unreachable?)"
fi
rm -rf python/dist
say "python -m build --wheel → python/dist/"
"$VENV/bin/python" -m build --wheel --no-isolation --outdir python/dist python >/dev/null ||
  die "building the wheel failed"
ls python/dist/*-py3-none-any.whl
