#!/usr/bin/env bash
# Installs what building, serving and testing budget-lint needs, skipping whatever is already there:
#   - the wasm32-unknown-unknown Rust target (rustup)
#   - trunk 0.21.14 (cargo install; about 9 minutes the first time on 2 cores)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install; about 3 minutes)
#   - Debian's chromium, chromium-driver and fonts-noto-cjk (apt-get; needs root or sudo)
#   - the npm packages of package.json (binaryen for wasm-opt, playwright-core; puppeteer-core 2.1.1 and
#     chrome-aws-lambda 2.1.1, whose Chromium 80 tests/browser/chromium80.test.mjs runs), with `npm ci`
#   - every crate of Cargo.lock in cargo's cache (`cargo fetch`), because Trunk builds offline
#
# Run it (`scripts/setup.sh`) or source it (`. scripts/setup.sh`): sourcing also puts
# node_modules/.bin and ~/.cargo/bin on PATH and sets TRUNK_SKIP_VERSION_CHECK in your shell, which
# scripts/serve and scripts/test do.
#
# Environment: BUDGET_LINT_SKIP_APT=1 skips the Debian packages (for a machine that has its own
# Chromium at /usr/bin/chromium and no root).

_bl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_bl_setup() (
  set -euo pipefail
  cd "$_bl_root"
  export PATH="$_bl_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

  trunk_version="0.21.14"
  log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
  t0=$(date +%s)

  # --- Debian packages, in the background while cargo compiles (they only download and unpack) ---
  apt_pid=""
  apt_log="$_bl_root/target/setup-apt.log"
  mkdir -p "$_bl_root/target"
  missing=()
  if [ "${BUDGET_LINT_SKIP_APT:-0}" != 1 ]; then
    for pkg in chromium chromium-driver fonts-noto-cjk; do
      if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
      fi
    done
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
      sudo="sudo -n"
    fi
    log "apt-get install ${missing[*]} (log: $apt_log)"
    (
      export DEBIAN_FRONTEND=noninteractive
      $sudo apt-get -o DPkg::Lock::Timeout=600 update &&
        $sudo apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
    ) >"$apt_log" 2>&1 </dev/null &
    apt_pid=$!
  else
    log "Debian packages present (chromium, chromium-driver, fonts-noto-cjk)"
  fi

  # --- npm packages (binaryen's wasm-opt for trunk, @gfx/zopfli for the precompressed files of
  # scripts/finish-dist.mjs, playwright-core for the browser tests, puppeteer-core and
  # chrome-aws-lambda's Chromium 80 for tests/browser/chromium80.test.mjs) ---
  if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] &&
    [ -d node_modules/@gfx/zopfli ] &&
    [ -d node_modules/puppeteer-core ] && [ -f node_modules/chrome-aws-lambda/bin/chromium.br ] &&
    [ node_modules/.package-lock.json -nt package-lock.json ]; then
    log "npm packages present"
  else
    log "npm ci"
    npm ci --no-audit --no-fund </dev/null
  fi

  # --- Rust: target, crates, tools ---
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rust target wasm32-unknown-unknown present"
  else
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  # Downloads every crate of the lock file (all targets), so `trunk build` can run cargo --offline.
  # Also writes Cargo.lock if there is none yet.
  log "cargo fetch"
  cargo fetch --quiet

  if [ "$(trunk --version 2>/dev/null || true)" = "trunk $trunk_version" ]; then
    log "trunk $trunk_version present"
  else
    log "cargo install --locked trunk --version $trunk_version (about 9 minutes on 2 cores)"
    cargo install --locked trunk --version "$trunk_version"
  fi

  wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ -z "$wb_version" ]; then
    log "no wasm-bindgen in Cargo.lock"
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $wb_version" ]; then
    log "wasm-bindgen-cli $wb_version present"
  else
    # Without --locked: with it, one of its dependencies is missing from the registry copy here.
    log "cargo install wasm-bindgen-cli --version $wb_version (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$wb_version"
  fi
  if ! grep -q "^wasm_bindgen = \"$wb_version\"" Trunk.toml; then
    log "Trunk.toml [tools] wasm_bindgen differs from Cargo.lock's wasm-bindgen $wb_version: make them equal"
    exit 1
  fi

  if [ -n "$apt_pid" ]; then
    log "waiting for apt-get"
    if ! wait "$apt_pid"; then
      tail -n 30 "$apt_log"
      log "apt-get failed (log: $apt_log)"
      exit 1
    fi
  fi
  if [ -x /usr/bin/chromium ]; then
    log "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium: no version')"
  else
    log "warning: no /usr/bin/chromium; the browser tests need it"
  fi
  log "done in $(($(date +%s) - t0)) s"
)

# Not `_bl_setup || …`: bash ignores `set -e` inside anything whose status is tested.
_bl_setup
_bl_status=$?
if [ "$_bl_status" -ne 0 ]; then
  echo "scripts/setup.sh failed ($_bl_status)" >&2
  return "$_bl_status" 2>/dev/null || exit "$_bl_status"
fi
unset _bl_status

export PATH="$_bl_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk asks crates.io for a newer version at every start unless told not to.
export TRUNK_SKIP_VERSION_CHECK=true
