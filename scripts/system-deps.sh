#!/usr/bin/env bash
# What Witness needs from the machine besides Node, checked before `npm start`, `npm test`
# and CI (.ci/run). Idempotent: when everything is there it prints one line and exits 0.
#
# 1. Debian packages: chromium (PDF dossiers, browser tests), poppler-utils (pdftotext reads
#    PDFs back in tests), fonts-noto-core (Arabic and other non-Latin scripts in dossiers),
#    clamav-daemon (clamd scans uploads; the tests start their own on a database they write).
#    Missing ones are installed with apt-get when running as root (or with sudo when it needs
#    no password); otherwise it stops at once with the one command to run.
# 2. PostgreSQL and Redis on this machine (DATABASE_URL / REDIS_URL unset or local): started
#    when installed but stopped. An address elsewhere is left to the app to report.
#
# WITNESS_SKIP_SYSTEM_DEPS=1 skips it all (e.g. where these are provided another way).
# CHROMIUM_PATH and CLAMD_BIN name the binaries when they are not Debian's.
set -euo pipefail

if [ "${WITNESS_SKIP_SYSTEM_DEPS:-}" = "1" ]; then
  exit 0
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
CLAMD="${CLAMD_BIN:-/usr/sbin/clamd}"
PACKAGES_ALL="chromium poppler-utils fonts-noto-core clamav-daemon"

say() { printf 'system-deps: %s\n' "$*"; }
fail() {
  printf 'system-deps: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# ---- Debian packages -----------------------------------------------------------------------

fonts_present() {
  if have dpkg-query; then
    dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'ok installed'
  elif have fc-list; then
    fc-list 2>/dev/null | grep -qi 'Noto Sans Arabic'
  else
    return 1
  fi
}

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
have pdftotext || missing+=(poppler-utils)
fonts_present || missing+=(fonts-noto-core)
[ -x "$CLAMD" ] || missing+=(clamav-daemon)

# How to run a command as root: "" when we are root, "sudo -n" when sudo needs no password.
as_root=none
if [ "$(id -u)" = "0" ]; then
  as_root=""
elif have sudo && sudo -n true >/dev/null 2>&1; then
  as_root="sudo -n"
fi

installed=""
if [ "${#missing[@]}" -gt 0 ]; then
  if ! have apt-get; then
    fail "missing ${missing[*]}; install them with your package manager (Debian names: ${PACKAGES_ALL}), or set WITNESS_SKIP_SYSTEM_DEPS=1"
  fi
  if [ "$as_root" = none ]; then
    fail "missing ${missing[*]}. Run once, then try again:
  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  say "installing ${missing[*]}"
  $as_root apt-get update -qq
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  installed=" (installed ${missing[*]})"
fi

# ---- PostgreSQL and Redis --------------------------------------------------------------------

# host and port of a URL such as postgres://user:pw@host:5432/db or redis://host:6379/0.
url_host() { printf '%s' "$1" | sed -E 's#^[a-z]+://([^@/]*@)?(\[[^]]*\]|[^:/?]*).*#\2#'; }
url_port() {
  local port
  port="$(printf '%s' "$1" | sed -nE 's#^[a-z]+://([^@/]*@)?(\[[^]]*\]|[^:/?]*):([0-9]+).*#\3#p')"
  printf '%s' "${port:-$2}"
}
is_local() { case "$1" in 127.0.0.1 | localhost | '[::1]' | '') return 0 ;; *) return 1 ;; esac; }

wait_for() {
  for _ in $(seq 1 30); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

services=""
PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/witness}"
PG_HOST="$(url_host "$PG_URL")"
PG_PORT="$(url_port "$PG_URL" 5432)"
if is_local "$PG_HOST"; then
  if ! have pg_isready; then
    fail "PostgreSQL is not installed. Run: sudo apt-get install -y postgresql (15 or later), or set DATABASE_URL"
  fi
  if ! pg_isready -h 127.0.0.1 -p "$PG_PORT" -q >/dev/null 2>&1; then
    cluster="$(ls "${PG_CONF_DIR:-/etc/postgresql}" 2>/dev/null | head -1 || true)"
    if [ -z "$cluster" ] || ! have pg_ctlcluster; then
      fail "PostgreSQL is not answering on 127.0.0.1:${PG_PORT} and no cluster was found to start"
    fi
    [ "$as_root" != none ] || fail "PostgreSQL is stopped. Run: sudo pg_ctlcluster ${cluster} main start"
    say "starting PostgreSQL ${cluster}"
    $as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    wait_for pg_isready -h 127.0.0.1 -p "$PG_PORT" -q \
      || fail "PostgreSQL did not answer on 127.0.0.1:${PG_PORT} within 30 s"
    services="${services} (started PostgreSQL)"
  fi
fi

REDIS="${REDIS_URL:-redis://127.0.0.1:6379}"
REDIS_HOST="$(url_host "$REDIS")"
REDIS_PORT="$(url_port "$REDIS" 6379)"
if is_local "$REDIS_HOST"; then
  if ! have redis-cli; then
    fail "Redis is not installed. Run: sudo apt-get install -y redis-server, or set REDIS_URL"
  fi
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    have redis-server || fail "Redis is stopped and redis-server was not found"
    say "starting Redis on 127.0.0.1:${REDIS_PORT}"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    wait_for redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping \
      || fail "Redis did not answer on 127.0.0.1:${REDIS_PORT} within 30 s"
    services="${services} (started Redis)"
  fi
fi

say "chromium, poppler-utils, fonts-noto-core, clamav-daemon, PostgreSQL and Redis ready${installed}${services}"
