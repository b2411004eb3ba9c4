#!/usr/bin/env bash
# Runs a command inside a private D-Bus session that owns a fresh, unlocked gnome-keyring, so
# keychain tests talk to a real Secret Service and never touch the user's own keyring.
#   scripts/with-keyring.sh <command> [args…]
# The keyring lives in a temporary folder and is deleted, with the daemon, when the command ends.
set -euo pipefail

# macOS and Windows have their own keychain service; only Linux needs a private Secret Service.
if [[ "$(uname -s)" != "Linux" ]]; then
  exec "$@"
fi

if [[ -z "${CHAINLENS_KEYRING_SESSION:-}" ]]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring: '$tool' is missing. Install the Debian packages: gnome-keyring dbus" >&2
      exit 127
    fi
  done
  # Not exec: the inner shell's cleanup trap must run before dbus-run-session returns.
  CHAINLENS_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
  exit $?
fi

scratch="$(mktemp -d -t chainlens-keyring.XXXXXX)"
export XDG_DATA_HOME="$scratch/data"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

printf 'chainlens-test-keyring' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$scratch/daemon.log" 2>&1 &
daemon_pid=$!

cleanup() {
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "with-keyring: gnome-keyring-daemon exited early:" >&2
    cat "$scratch/daemon.log" >&2
    exit 1
  fi
  sleep 0.1
done

export CHAINLENS_KEYRING_READY=1
"$@"
