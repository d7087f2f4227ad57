# Shared by the scripts in this folder: paths, tool versions and the step runner.
# Sourced, never run.

set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Versions chosen on purpose; see README "Tool versions".
TRUNK_VERSION="0.21.14"   # 0.22 needs rustc >= 1.96.1; 0.21.14 builds with our 1.95
WASM_TARGET="wasm32-unknown-unknown"
# wasm_split_cli_support's wasm-split-cli, for the split points of wasm_split_helpers 0.2 (the
# version Leptos 0.8.23 uses); 0.2.4 is the newest, tried with wasm-bindgen 0.2.130.
WASM_SPLIT_VERSION="0.2.4"
# The public URL GitHub Pages serves the project under; the e2e tests use it too.
PUBLIC_URL="${PUBLIC_URL:-/vm-playground/}"

# Tools installed from npm (wasm-opt from binaryen, playwright-core) live in node_modules.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The exact wasm-bindgen version Cargo.lock resolves to; wasm-bindgen-cli must equal it.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

STEP_NAME=""
on_error() {
  local code=$?
  if [ -n "$STEP_NAME" ]; then
    printf '\n\033[31mFAILED at step: %s (exit %s)\033[0m\n' "$STEP_NAME" "$code" >&2
  fi
  exit "$code"
}
trap on_error ERR

# step "what is happening" command args...: announce, run, time.
step() {
  STEP_NAME="$1"
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$STEP_NAME"
  local started=$SECONDS
  "$@"
  printf '    done in %ss\n' "$((SECONDS - started))"
  STEP_NAME=""
}

say() { printf '    %s\n' "$*"; }
