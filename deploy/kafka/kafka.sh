#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for development and CI.
# No Docker, no tarball: the broker jars come from Maven Central through deploy/kafka/pom.xml.
#
# Usage: deploy/kafka/kafka.sh <command>
#   start      start the broker and wait until it serves metadata; reuses a running broker (idempotent)
#   stop       graceful stop (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT seconds); 0 when not running
#   restart    stop, then start
#   status     exit 0 when the broker runs and answers, 3 when it does not
#   logs       last KAFKA_LOG_LINES lines of the broker log (`logs -f` follows it)
#   bootstrap  print the bootstrap address (127.0.0.1:$KAFKA_PORT)
#   tool CLASS [ARGS...]
#              run a Kafka CLI class with the broker's classpath, e.g.
#              `kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list`
#
# Environment:
#   KAFKA_PORT (9092)               client listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT (9093)    KRaft controller listener on 127.0.0.1
#   KAFKA_HOME_DIR (<repo>/.cache/kafka)  jars, config, data, logs, pid file
#   KAFKA_VERSION (pinned in pom.xml)     org.apache.kafka version to run
#   KAFKA_FRESH=1                   `start` wipes the data dir first (stopping a running broker)
#   KAFKA_START_TIMEOUT (90)        seconds `start` waits for readiness
#   KAFKA_STOP_TIMEOUT (30)         seconds `stop` waits after SIGTERM before SIGKILL
#   KAFKA_HEAP_OPTS (-Xmx512m -Xms256m)
#   KAFKA_LOG_LINES (100)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HOME_DIR="${KAFKA_HOME_DIR:-${REPO_ROOT}/.cache/kafka}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
LOG_LINES="${KAFKA_LOG_LINES:-100}"

POM="${SCRIPT_DIR}/pom.xml"
TEMPLATE="${SCRIPT_DIR}/server.properties.template"
BROKER_LOG4J="${SCRIPT_DIR}/log4j2.properties"
TOOLS_LOG4J="${SCRIPT_DIR}/tools-log4j2.properties"

LIB_DIR="${HOME_DIR}/lib"
LIB_HASH_FILE="${HOME_DIR}/lib.sha256"
DATA_DIR="${HOME_DIR}/data"
LOG_DIR="${HOME_DIR}/logs"
PROPS="${HOME_DIR}/server.properties"
PID_FILE="${HOME_DIR}/broker.pid"
RUN_STAMP="${HOME_DIR}/broker.fingerprint"
LOCK_FILE="${HOME_DIR}/.lock"
FORMAT_STAMP="${DATA_DIR}/.gatehouse-format"
BOOTSTRAP="127.0.0.1:${KAFKA_PORT}"

# Fixed dev cluster id (base64url of 16 bytes), so a formatted data dir can be recognised as ours.
CLUSTER_ID="Z2F0ZWhvdXNlLWRldi1rZg"

# JVM flags of Kafka's own kafka-run-class.sh / kafka-server-start.sh, with a small heap.
BROKER_JVM_OPTS=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true)
# Short-lived CLI tools: start fast, stay small.
TOOLS_JVM_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=${TOOLS_LOG4J}")

log() { printf 'kafka: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "6.2s"
  local ms=$(($(now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

kafka_version() {
  if [[ -n "${KAFKA_VERSION:-}" ]]; then
    printf '%s\n' "${KAFKA_VERSION}"
  else
    sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "${POM}" | head -n 1
  fi
}

# --- processes ---------------------------------------------------------------------------------

# Is PID a broker started by this script with this HOME_DIR?
is_our_broker() {
  local pid="$1" cmdline
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/${pid}/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" || return 1
  [[ "${cmdline}" == *" kafka.Kafka ${PROPS}"* ]]
}

# Print the pid of our running broker (from the pid file, else by scanning /proc); fail if none.
broker_pid() {
  local pid=""
  if [[ -f "${PID_FILE}" ]]; then
    pid="$(tr -dc '0-9' <"${PID_FILE}")"
    if is_our_broker "${pid}"; then
      printf '%s\n' "${pid}"
      return 0
    fi
  fi
  local file
  # Pid file lost: look for a JVM running kafka.Kafka with our properties file.
  while IFS= read -r file; do
    pid="${file#/proc/}"
    pid="${pid%/cmdline}"
    if is_our_broker "${pid}"; then
      printf '%s\n' "${pid}" >"${PID_FILE}"
      printf '%s\n' "${pid}"
      return 0
    fi
  done < <(grep -lsF -- "${PROPS}" /proc/[0-9]*/cmdline 2>/dev/null || true)
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Send a Kafka ApiVersions request (v0, correlation id 1) and check the reply carries our correlation id:
# the broker's request path is up. Takes milliseconds, unlike starting a JVM.
api_answers() {
  local reply
  # shellcheck disable=SC2016 # the inner script is expanded by the inner bash
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff" >&3
    head -c 8 <&3 | od -An -tx1 | tr -d " \n"
  ' "${KAFKA_PORT}" 2>/dev/null)" || return 1
  [[ "${reply:8:8}" == "00000001" ]]
}

run_tool() { # run_tool CLASS ARGS...
  java "${TOOLS_JVM_OPTS[@]}" -cp "${LIB_DIR}/*" "$@"
}

# A metadata request through Kafka's own admin client: the broker is really ready.
metadata_ok() {
  timeout 45 java "${TOOLS_JVM_OPTS[@]}" -cp "${LIB_DIR}/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "${BOOTSTRAP}" --list >"${LOG_DIR}/ready-check.out" 2>&1
}

# Broker log lines written since this start (server.log is appended to across runs).
LOG_START=0
run_log() {
  local f="${LOG_DIR}/server.log" size
  [[ -f "${f}" ]] || return 0
  size="$(stat -c %s "${f}")"
  if ((size >= LOG_START)); then tail -c "+$((LOG_START + 1))" "${f}"; else cat "${f}"; fi
}

tail_broker_log() {
  log "last lines of ${LOG_DIR}/server.log:"
  run_log | tail -n 40 >&2
  if [[ -s "${LOG_DIR}/broker.out" ]]; then
    log "${LOG_DIR}/broker.out:"
    tail -n 20 "${LOG_DIR}/broker.out" >&2
  fi
}

# --- setup -------------------------------------------------------------------------------------

# Hash of what decides the jars: the pom and KAFKA_VERSION.
lib_hash() {
  cat "${POM}" <(printf 'kafka.version=%s\n' "${KAFKA_VERSION:-}") | sha256sum | cut -d' ' -f1
}

# What a running broker must have been started with to be reused: same jars, same rendered properties.
run_fingerprint() {
  { lib_hash; render_template; } | sha256sum | cut -d' ' -f1
}

resolve_classpath() {
  local version hash
  version="$(kafka_version)"
  hash="$(lib_hash)"
  if [[ -d "${LIB_DIR}" && -f "${LIB_HASH_FILE}" && "$(cat "${LIB_HASH_FILE}")" == "${hash}" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  log "resolving Kafka ${version} jars with Maven into ${LIB_DIR}"
  local t0 tmp args
  t0="$(now_ms)"
  tmp="${LIB_DIR}.tmp"
  rm -rf "${tmp}"
  args=(-q -B -f "${POM}" dependency:copy-dependencies "-DoutputDirectory=${tmp}" -DincludeScope=runtime)
  [[ -n "${KAFKA_VERSION:-}" ]] && args+=("-Dkafka.version=${KAFKA_VERSION}")
  if ! mvn "${args[@]}" >"${HOME_DIR}/mvn.log" 2>&1; then
    tail -n 40 "${HOME_DIR}/mvn.log" >&2
    die "Maven could not resolve the Kafka jars (log: ${HOME_DIR}/mvn.log)"
  fi
  rm -rf "${LIB_DIR}"
  mv "${tmp}" "${LIB_DIR}"
  printf '%s\n' "${hash}" >"${LIB_HASH_FILE}"
  log "jars resolved in $(elapsed "${t0}")"
}

render_template() {
  sed -e "s|@PORT@|${KAFKA_PORT}|g" \
    -e "s|@CONTROLLER_PORT@|${KAFKA_CONTROLLER_PORT}|g" \
    -e "s|@LOG_DIRS@|${DATA_DIR}|g" "${TEMPLATE}"
}

render_properties() {
  render_template >"${PROPS}.tmp"
  mv "${PROPS}.tmp" "${PROPS}"
}

# What the data dir was formatted for; a different value means the data dir is stale.
format_fingerprint() {
  printf 'cluster=%s controller=127.0.0.1:%s dir=%s\n' "${CLUSTER_ID}" "${KAFKA_CONTROLLER_PORT}" "${DATA_DIR}"
}

wipe_data() {
  rm -rf "${DATA_DIR}"
}

format_storage() {
  if [[ -f "${FORMAT_STAMP}" && -f "${DATA_DIR}/meta.properties" &&
    "$(cat "${FORMAT_STAMP}")" == "$(format_fingerprint)" ]]; then
    return 0
  fi
  if [[ -d "${DATA_DIR}" ]]; then
    log "resetting stale data dir ${DATA_DIR}"
    wipe_data
  fi
  mkdir -p "${DATA_DIR}"
  if ! run_tool kafka.tools.StorageTool format --standalone -t "${CLUSTER_ID}" -c "${PROPS}" \
    >"${LOG_DIR}/format.log" 2>&1; then
    cat "${LOG_DIR}/format.log" >&2
    die "formatting ${DATA_DIR} failed"
  fi
  format_fingerprint >"${FORMAT_STAMP}"
}

# --- commands ----------------------------------------------------------------------------------

launch_broker() {
  local pid
  : >"${LOG_DIR}/broker.out"
  : >"${LOG_DIR}/ready-check.out"
  # Own session (setsid), no inherited stdin/stdout/stderr or lock fd: the broker outlives this script
  # and never holds a caller's pipe open.
  # shellcheck disable=SC2086 # HEAP_OPTS is a list of JVM flags
  nohup setsid java ${HEAP_OPTS} "${BROKER_JVM_OPTS[@]}" \
    "-Dkafka.logs.dir=${LOG_DIR}" \
    "-Dlog4j2.configurationFile=${BROKER_LOG4J}" \
    -cp "${LIB_DIR}/*" kafka.Kafka "${PROPS}" \
    </dev/null >>"${LOG_DIR}/broker.out" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "${pid}" >"${PID_FILE}"
  run_fingerprint >"${RUN_STAMP}"
  printf '%s\n' "${pid}"
}

# wait_ready PID -> 0 ready, 1 broker exited, 2 timeout
wait_ready() {
  local pid="$1" deadline
  deadline=$(($(date +%s) + START_TIMEOUT))
  while (($(date +%s) < deadline)); do
    kill -0 "${pid}" 2>/dev/null || return 1
    if api_answers && metadata_ok; then
      return 0
    fi
    sleep 0.5
  done
  return 2
}

cmd_start() {
  mkdir -p "${HOME_DIR}" "${LOG_DIR}"
  exec 9>"${LOCK_FILE}"
  flock -w 300 9 || die "another kafka.sh holds ${LOCK_FILE}"

  local pid version t0
  version="$(kafka_version)"

  if [[ "${KAFKA_FRESH:-0}" == "1" ]]; then
    if broker_pid >/dev/null; then
      do_stop
    fi
    log "KAFKA_FRESH=1: wiping ${DATA_DIR}"
    wipe_data
  fi

  if pid="$(broker_pid)"; then
    if [[ "$(cat "${RUN_STAMP}" 2>/dev/null)" != "$(run_fingerprint)" ]]; then
      log "running broker (pid ${pid}) has other settings or another version: restarting it"
      do_stop
    elif api_answers; then
      log "broker already running (pid ${pid}) on ${BOOTSTRAP}: reusing it"
      return 0
    else
      log "running broker (pid ${pid}) does not answer on ${BOOTSTRAP}: restarting it"
      do_stop
    fi
  fi
  rm -f "${PID_FILE}"

  if port_open "${KAFKA_PORT}" || port_open "${KAFKA_CONTROLLER_PORT}"; then
    die "127.0.0.1:${KAFKA_PORT} or :${KAFKA_CONTROLLER_PORT} is already in use by another process; set KAFKA_PORT/KAFKA_CONTROLLER_PORT"
  fi

  command -v java >/dev/null || die "java not found (Java 17+ is needed to run Kafka ${version})"
  resolve_classpath
  render_properties

  local attempt rc
  for attempt in 1 2; do
    format_storage
    log "starting broker ${version} on ${BOOTSTRAP} (controller 127.0.0.1:${KAFKA_CONTROLLER_PORT}, data ${DATA_DIR})"
    t0="$(now_ms)"
    LOG_START="$(stat -c %s "${LOG_DIR}/server.log" 2>/dev/null || echo 0)"
    pid="$(launch_broker)"
    rc=0
    wait_ready "${pid}" || rc=$?
    if ((rc == 0)); then
      log "ready in $(elapsed "${t0}") (pid ${pid}, logs ${LOG_DIR}/server.log)"
      return 0
    fi
    if ((rc == 1)); then
      rm -f "${PID_FILE}"
      if ((attempt == 1)) && [[ -d "${DATA_DIR}" ]]; then
        log "broker exited during startup: $(run_log | grep -m 1 -E '^\[[^]]*\] (ERROR|FATAL)' | cut -c 1-300)"
        log "resetting the data dir (old data from another Kafka version or damaged?) and trying once more"
        wipe_data
        continue
      fi
      tail_broker_log
      die "broker exited during startup"
    fi
    tail_broker_log
    [[ -s "${LOG_DIR}/ready-check.out" ]] && tail -n 20 "${LOG_DIR}/ready-check.out" >&2
    do_stop || true
    die "broker not ready after ${START_TIMEOUT}s"
  done
}

do_stop() {
  local pid deadline
  if ! pid="$(broker_pid)"; then
    rm -f "${PID_FILE}"
    log "not running"
    return 0
  fi
  log "stopping broker (pid ${pid})"
  local t0
  t0="$(now_ms)"
  kill -TERM "${pid}" 2>/dev/null || true
  deadline=$(($(date +%s) + STOP_TIMEOUT))
  while kill -0 "${pid}" 2>/dev/null && (($(date +%s) < deadline)); do
    sleep 0.2
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    while kill -0 "${pid}" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "${PID_FILE}"
  log "stopped in $(elapsed "${t0}")"
}

cmd_stop() {
  mkdir -p "${HOME_DIR}"
  exec 9>"${LOCK_FILE}"
  flock -w 300 9 || die "another kafka.sh holds ${LOCK_FILE}"
  do_stop
}

cmd_status() {
  local pid
  if ! pid="$(broker_pid)"; then
    log "not running"
    return 3
  fi
  if api_answers; then
    log "running (pid ${pid}) on ${BOOTSTRAP}"
    return 0
  fi
  log "broker process ${pid} is up but does not answer on ${BOOTSTRAP} (still starting, or started with another KAFKA_PORT)"
  return 3
}

cmd_logs() {
  local f="${LOG_DIR}/server.log"
  [[ -f "${f}" ]] || die "no broker log yet (${f})"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n "${LOG_LINES}" -F "${f}"
  fi
  tail -n "${LOG_LINES}" "${f}"
}

cmd_tool() {
  (($# >= 1)) || die "usage: kafka.sh tool <main class> [args...]"
  [[ -d "${LIB_DIR}" ]] || die "no jars yet: run 'kafka.sh start' once"
  run_tool "$@"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  case "${cmd}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart)
      cmd_stop
      cmd_start
      ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    bootstrap) printf '%s\n' "${BOOTSTRAP}" ;;
    tool) cmd_tool "$@" ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
