#!/usr/bin/env bash
# @module Makes sure Debian Chromium is at /usr/bin/chromium for the browser tests (idempotent).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi

# Installing needs root; without it we only report what is missing.
if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Chromium with apt-get (this takes a few minutes)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: $CHROMIUM is missing. The browser tests (tests/e2e) need it." >&2
  echo "ensure-chromium: install it as root with: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi
