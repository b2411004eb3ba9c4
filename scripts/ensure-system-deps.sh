#!/usr/bin/env bash
# Makes sure the system packages the test suite needs are present: Debian's Chromium for the
# browser tests, and gnome-keyring + dbus for the real keychain tests. As root with apt-get it
# installs what is missing; otherwise it names exactly what to install and fails. It never lets
# tests be skipped silently.
set -euo pipefail

missing=()
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ "$(uname -s)" == "Linux" ]]; then
  [[ -x "$chromium_path" ]] || missing+=(chromium)
  command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
  command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
  command -v dbus-send >/dev/null 2>&1 || missing+=(dbus)
  pkg-config --exists libsecret-1 2>/dev/null || missing+=(libsecret-1-dev pkg-config)
fi

ensure_keytar() {
  # keytar is an optional dependency: `npm install` skips it where libsecret is missing. The
  # keychain tests need it, so build it now against this Node's headers (never downloaded).
  if node -e "require('keytar')" >/dev/null 2>&1; then return 0; fi
  local version nodedir
  version="$(node -p "require('./package.json').optionalDependencies.keytar")"
  nodedir="$(node -p "require('path').resolve(process.execPath, '..', '..')")"
  echo "ensure-system-deps: building keytar ${version} against ${nodedir}"
  npm_config_nodedir="$nodedir" npm install --no-save --no-audit --no-fund "keytar@${version}" >/dev/null
  node -e "require('keytar')"
}

if [[ ${#missing[@]} -eq 0 ]]; then
  ensure_keytar
  exit 0
fi

# de-duplicate
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ensure_keytar
  exit 0
fi

cat >&2 <<MSG
The test suite needs these system packages, which are missing: ${missing[*]}
  Debian/Ubuntu: sudo apt-get install --no-install-recommends ${missing[*]}
  (Chromium may live elsewhere: set CHROMIUM_PATH to its executable.)
MSG
exit 1
