#!/usr/bin/env bash
# gradscape's developer commands: `serve`, `test`, `dist`, `offline`, `tools`, `bench`.
# Each installs what it needs when missing (wasm32 target, pinned
# wasm-bindgen-cli, Debian's chromium + chromium-driver, npm packages) and
# never downloads a prebuilt binary: wasm-bindgen is built by cargo, wasm-opt
# is the npm package `binaryen` (binaryen compiled to wasm, on Node). The page
# is built by scripts/build.mjs (Node) and served by scripts/serve.mjs.
set -uo pipefail

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
WASM_OPT_VERSION=132           # npm `binaryen` (package.json); scripts/build.mjs checks it too
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# node_modules/.bin first: its wasm-opt (npm binaryen) is the one to use.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_rust_tools() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
  fi
  # wasm-bindgen is built with a lighter release profile: it only rewrites
  # wasm, and opt-level 1 without LTO builds it in about half the time (what
  # a newcomer waits for before the first page).
  local light=(env CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0)
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]] ||
     ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
    # Not --locked: its lock file does not resolve against today's index.
    "${light[@]}" cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" || die "installing wasm-bindgen-cli failed"
  fi
  # wasm-opt: the npm package (seconds), not the crate (binaryen's C++, 5–28 min).
  ensure_npm
  if [[ "$(wasm-opt --version 2>/dev/null)" != "wasm-opt version $WASM_OPT_VERSION"* ]]; then
    die "wasm-opt $WASM_OPT_VERSION not found in node_modules/.bin (npm ci installs the binaryen package)"
  fi
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then return; fi
  if [[ $(id -u) -ne 0 ]]; then
    die "the browser tests need Debian's chromium and chromium-driver; run as root or: sudo apt-get install -y chromium chromium-driver"
  fi
  say "installing Debian's chromium and chromium-driver"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver ||
    die "apt-get install chromium chromium-driver failed"
}

# The CLI's media tests: rsvg-convert (librsvg) draws the SVG beside
# Chromium, pdftoppm (poppler) reads the PDF back.
ensure_media_tools() {
  if command -v rsvg-convert >/dev/null && command -v pdftoppm >/dev/null; then return; fi
  if [[ $(id -u) -ne 0 ]]; then
    die "the media tests need rsvg-convert and pdftoppm; run as root or: sudo apt-get install -y librsvg2-bin poppler-utils"
  fi
  say "installing Debian's librsvg2-bin (rsvg-convert) and poppler-utils (pdftoppm)"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q librsvg2-bin poppler-utils ||
    die "apt-get install librsvg2-bin poppler-utils failed"
}

ensure_npm() {
  command -v npm >/dev/null || die "npm not found: install Node.js 20"
  if [[ ! -d node_modules/playwright-core || ! -d node_modules/reveal.js || ! -d node_modules/binaryen ||
        package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci (binaryen's wasm-opt; playwright-core, it downloads no browser; reveal.js for the example deck)"
    npm ci --no-audit --no-fund || die "npm ci failed"
  fi
}

# build_release [--dist DIR]: cargo → wasm-bindgen → wasm-opt → dist/ (scripts/build.mjs).
build_release() {
  say "node scripts/build.mjs${*:+ $*} → ${2:-dist}/"
  node scripts/build.mjs "$@"
}

cmd_serve() {
  ensure_rust_tools
  local port=${PORT:-8080}
  say "building, then serving on http://127.0.0.1:$port (Ctrl-C to stop); rebuilds when src/, crates/, www/ or Cargo.* change"
  echo "open http://127.0.0.1:$port"
  # No autoreload (reload by hand): an injected script would be inline, which the page's CSP refuses.
  exec node scripts/serve.mjs --port "$port"
}

cmd_dist() {
  # (npm ci too: binaryen's wasm-opt, and reveal.js for dist/examples/slides.html.)
  ensure_rust_tools
  build_release || die "the build failed"
  say "dist/ is ready: copy it to any static host (it uses relative URLs)"
}

# --- offline: dist/gradscape.html, the page as one file (issue 15) -----------
# Rebuilds the release only when a source is newer than dist/'s wasm, then
# scripts/offline.mjs inlines it into one file that works from file://.
cmd_offline() {
  command -v node >/dev/null || die "node not found: install Node.js 20"
  local wasm=dist/gradscape_bg.wasm newer=""
  [[ -f $wasm ]] && newer=$(find src crates www Cargo.toml Cargo.lock scripts/build.mjs -newer "$wasm" -type f -print -quit)
  if [[ ! -f $wasm || -n $newer || ! -f dist/boot.js ]]; then
    ensure_rust_tools
    build_release || die "the build failed"
  else
    say "dist/ is up to date with the sources"
  fi
  say "node scripts/offline.mjs → dist/gradscape.html"
  node scripts/offline.mjs dist || die "scripts/offline.mjs failed"
}

# --- test: every suite, then one summary line --------------------------------
RESULTS=()
FAILED=0
LOG_DIR="$(mktemp -d)"

# run_suite NAME COUNT_KIND CMD...: runs CMD, keeps its output, records the result.
run_suite() {
  local name=$1 kind=$2; shift 2
  local log="$LOG_DIR/$name.log"
  say "$name: $*"
  local t0=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local took=" in $((SECONDS - t0)) s"
  local detail=""
  case $kind in
    cargo)
      local passed failed
      passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
      failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
      detail=" ($passed passed, $failed failed)";;
    node)
      local passed failed
      passed=$(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      failed=$(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      detail=" ($passed passed, $failed failed)";;
  esac
  if [[ $rc -eq 0 ]]; then
    RESULTS+=("$name ok$detail$took")
  else
    RESULTS+=("$name FAILED$detail$took")
    FAILED=$((FAILED + 1))
  fi
}

cmd_test() {
  ensure_rust_tools
  ensure_chromium
  ensure_media_tools
  ensure_npm
  # Each suite's time is in the summary; this is what the tools took.
  RESULTS+=("tools ready in $SECONDS s")
  export CHROMEDRIVER=/usr/bin/chromedriver
  run_suite fmt none cargo fmt --all -- --check
  run_suite clippy none cargo clippy --workspace --all-targets --features cli -- -D warnings
  run_suite clippy-wasm none cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
  run_suite native cargo cargo test --workspace --features cli
  run_suite wasm cargo cargo test --target wasm32-unknown-unknown --test web
  run_suite build none node scripts/build.mjs
  # The built dist/ itself: no build-time markup left, every integrity right.
  run_suite dist node node --test tests/build/
  # Two test files at a time (node's default on 2 cores is one): their
  # browsers wait on timers and frames as much as they compute; measured
  # 412 s → 314 s on a 2-core machine, 0 failures; three was no faster and flaky.
  run_suite e2e node node --test --test-concurrency=2 tests/e2e/
  run_suite notebook node node --test tests/notebook/
  local total=${#RESULTS[@]}
  local line="${RESULTS[0]}" r
  for r in "${RESULTS[@]:1}"; do line+="; $r"; done
  echo
  if [[ $FAILED -eq 0 ]]; then
    echo "SUMMARY: all $((total - 1)) suites passed in $SECONDS s — $line"
  else
    echo "SUMMARY: $FAILED of $((total - 1)) suites FAILED — $line"
    exit 1
  fi
}

# --- fuzz and soak: on demand, not part of `test` -----------------------------

cmd_fuzz() {
  local secs=${FUZZ_SECONDS:-600}
  rustup toolchain list | grep -q '^nightly' ||
    die "fuzzing needs the nightly toolchain (libFuzzer's sanitizer flags): rustup toolchain install nightly"
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (cargo install, a minute)"
    cargo install --locked cargo-fuzz || die "installing cargo-fuzz failed"
  fi
  local t summary=()
  for t in ${FUZZ_TARGETS:-formula scene_json url_query}; do
    mkdir -p "fuzz/corpus/$t"
    say "fuzz $t for $secs s (corpus fuzz/corpus/$t, seeds fuzz/seeds/$t)"
    local log="$LOG_DIR/fuzz-$t.log"
    (cd fuzz && cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$secs" -max_len=4096 -print_final_stats=1) 2>&1 | tee "$log" | grep -E '^(Done|==|SUMMARY)|panicked|Test unit written'
    local rc=${PIPESTATUS[0]}
    local runs; runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | awk '{print $2}')
    if [[ $rc -eq 0 ]]; then summary+=("$t: ${runs:-?} executions, no crash"); else summary+=("$t: CRASH, see fuzz/artifacts/$t/"); FAILED=1; fi
  done
  printf 'FUZZ: %s\n' "${summary[@]}"
  [[ $FAILED -eq 0 ]]
}

cmd_soak() {
  ensure_rust_tools
  ensure_chromium
  ensure_npm
  build_release || die "the build failed"
  node scripts/soak.mjs
}

# --- bench: native + browser benchmarks → BENCHMARKS.md (issue 7) ----------
# Builds dist/ and dist-nosimd/ (the same page without wasm SIMD, its own
# target dir), then scripts/bench.mjs runs `cargo bench` with
# -C target-cpu=native and the browser measurements; extra arguments go to
# it (e.g. --skip-native, --reps 40, --no-write).
cmd_bench() {
  ensure_rust_tools
  ensure_chromium
  ensure_npm
  build_release || die "the build failed"
  say "the same build without SIMD → dist-nosimd/"
  RUSTFLAGS="-C target-feature=-simd128" CARGO_TARGET_DIR="$ROOT/target/nosimd" \
    node scripts/build.mjs --dist dist-nosimd || die "the build without SIMD failed"
  say "node scripts/bench.mjs $*"
  node scripts/bench.mjs "$@"
}

case "${1:-}" in
  serve) cmd_serve;;
  test) cmd_test;;
  dist) cmd_dist;;
  offline) cmd_offline;;
  tools) ensure_rust_tools; ensure_chromium; ensure_npm;;
  fuzz) cmd_fuzz;;
  soak) cmd_soak;;
  bench) shift; cmd_bench "$@";;
  *) echo "usage: scripts/dev.sh serve|test|dist|offline|tools|fuzz|soak|bench" >&2; exit 2;;
esac
