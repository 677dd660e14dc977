#!/usr/bin/env bash
# Gatehouse on a developer machine or CI, without Docker.
#
#   deploy/dev.sh start   install, build, migrate, start Kafka, run gateway + approvals (foreground)
#   deploy/dev.sh test    install, build, start Kafka, run every test tier (lint, types, unit, integration, e2e)
#   deploy/dev.sh setup   install and build only
#
# Needs Node.js >= 20.19, a PostgreSQL server (DATABASE_URL) and Java 17 + Maven for the
# local Kafka broker (deploy/kafka/kafka.sh). `npm start` and `npm test` call this script.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${REPO_ROOT}"

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
PNPM_HOME_DIR="${REPO_ROOT}/.cache/pnpm-${PNPM_VERSION}"
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/gatehouse}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"

log() { printf 'gatehouse: %s\n' "$*" >&2; }

# pnpm pinned by package.json's packageManager, installed into .cache (corepack is
# not usable everywhere; a global install would touch the machine). turbo needs a
# real `pnpm` binary on PATH, so `npx pnpm` alone is not enough.
ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != "${PNPM_VERSION}" ]]; then
    if [[ ! -x "${PNPM_HOME_DIR}/node_modules/.bin/pnpm" ]]; then
      log "installing pnpm ${PNPM_VERSION} into .cache"
      npm install --silent --no-audit --no-fund --prefix "${PNPM_HOME_DIR}" "pnpm@${PNPM_VERSION}" >&2
    fi
    export PATH="${PNPM_HOME_DIR}/node_modules/.bin:${PATH}"
  fi
}

install_deps() {
  ensure_pnpm
  log "installing dependencies from the lockfile"
  pnpm install --frozen-lockfile --reporter=append-only >&2
}

ensure_postgres() {
  if ! node -e "
    const { Client } = require('./packages/db/node_modules/pg');
    const url = new URL(process.env.DATABASE_URL); url.pathname = '/postgres';
    const c = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });
  "; then
    log "PostgreSQL is not reachable at ${DATABASE_URL%%/*}//…; start it (Debian: pg_ctlcluster <version> main start) or set DATABASE_URL"
    exit 1
  fi
}

case "${1:-}" in
  setup)
    install_deps
    pnpm turbo run build
    ;;
  start)
    install_deps
    ensure_postgres
    pnpm turbo run build
    pnpm db:migrate
    bash deploy/kafka/kafka.sh start
    # The shipped approval rules (validated by @gatehouse/workflow's tests), published at start when changed.
    export APPROVALS_RULES_FILE="${APPROVALS_RULES_FILE:-${REPO_ROOT}/packages/workflow/rules/approval-rules.yaml}"
    log "starting gateway (http://127.0.0.1:${GATEWAY_PORT:-4000}/graphql) and approvals; Ctrl-C stops both"
    exec node deploy/runServices.js
    ;;
  test)
    install_deps
    ensure_postgres
    bash deploy/kafka/kafka.sh start
    # Static checks first: they are the fastest to fail.
    pnpm turbo run lint typecheck
    pnpm format:check
    pnpm turbo run test test:int test:e2e --concurrency=2
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
