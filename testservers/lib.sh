# shellcheck shell=bash
# Shared helpers for testservers/start, testservers/stop and testservers/make-certs.
# Sourced, not executed. Callers run with `set -euo pipefail`.

TS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=${MAILTLS_RUN:-$TS_DIR/run}
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
# shellcheck disable=SC2034 # used by the scripts that source this file
CERTS=$RUN/certs
PIDS=$RUN/pids
# Seconds to wait for ports to open and for processes to exit.
# shellcheck disable=SC2034
START_TIMEOUT=${MAILTLS_START_TIMEOUT:-10}
STOP_TIMEOUT=${MAILTLS_STOP_TIMEOUT:-10}

# Fixed port numbers (NAME=port lines).
# shellcheck source=ports.env
. "$TS_DIR/ports.env"

log() { printf 'testservers: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- processes -------------------------------------------------------------

# Fields of /proc/PID/stat after "pid (comm) ", so that a comm with spaces or
# parentheses cannot shift them: index 0 is the state, 19 the start time.
_proc_stat_fields() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    printf '%s\n' "${stat##*) }"
}

# Prints the one-letter process state (R, S, D, Z, ...); fails if there is no such process.
proc_state() {
    local f
    f=$(_proc_stat_fields "$1") || return 1
    printf '%s\n' "${f%% *}"
}

# Prints the process start time in clock ticks since boot (stat field 22).
proc_starttime() {
    local f
    f=$(_proc_stat_fields "$1") || return 1
    # shellcheck disable=SC2086 # word splitting wanted
    set -- $f
    printf '%s\n' "${20}"
}

# True if PID exists and is not a zombie. kill -0 is not enough: a daemon
# re-parented to pid 1 can stay a zombie for a while after it has exited.
pid_alive() {
    local st
    [[ $1 =~ ^[0-9]+$ ]] || return 1
    st=$(proc_state "$1") || return 1
    [[ $st != Z && $st != X ]]
}

# record_pid NAME PID: writes $PIDS/NAME.pid (just the pid) and
# $PIDS/NAME.starttime (guards against a recycled pid).
record_pid() {
    mkdir -p "$PIDS"
    printf '%s\n' "$2" >"$PIDS/$1.pid"
    proc_starttime "$2" >"$PIDS/$1.starttime" 2>/dev/null || rm -f "$PIDS/$1.starttime"
}

# read_pid NAME: prints the recorded pid; fails if none is recorded.
read_pid() {
    local pid
    [[ -f $PIDS/$1.pid ]] || return 1
    read -r pid <"$PIDS/$1.pid" || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$pid"
}

# is_running NAME: true if the process recorded as NAME is alive (and is the
# same process that was recorded, when its start time was recorded).
is_running() {
    local pid want have
    pid=$(read_pid "$1") || return 1
    pid_alive "$pid" || return 1
    if [[ -f $PIDS/$1.starttime ]]; then
        read -r want <"$PIDS/$1.starttime" || return 0
        have=$(proc_starttime "$pid") || return 1
        [[ $want == "$have" ]] || return 1
    fi
    return 0
}

forget_pid() { rm -f "$PIDS/$1.pid" "$PIDS/$1.starttime"; }

# wait_for_exit PID SECONDS: true once PID is gone or a zombie.
wait_for_exit() {
    local pid=$1 deadline=$((SECONDS + $2))
    while pid_alive "$pid"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

# stop_recorded NAME: SIGTERM the recorded process, wait, SIGKILL if needed,
# then remove the pid file. Only the recorded pid is signalled.
stop_recorded() {
    local name=$1 pid
    if ! pid=$(read_pid "$name"); then
        forget_pid "$name"
        return 0
    fi
    if ! is_running "$name"; then
        log "$name: not running (stale pid file, pid $pid)"
        forget_pid "$name"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for_exit "$pid" "$STOP_TIMEOUT"; then
        log "$name: pid $pid still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        if ! wait_for_exit "$pid" 5; then
            log "$name: pid $pid did not exit"
            return 1
        fi
    fi
    log "$name: stopped (pid $pid)"
    forget_pid "$name"
}

# --- ports -----------------------------------------------------------------

# port_open PORT: true if 127.0.0.1:PORT accepts a TCP connection.
port_open() {
    # shellcheck disable=SC2016 # $1 belongs to the inner bash
    timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# port_free PORT: true if nothing listens on 127.0.0.1:PORT.
port_free() { ! port_open "$1"; }

# wait_for_ports PID SECONDS PORT...: true once every port accepts connections;
# false on timeout or as soon as PID has died.
wait_for_ports() {
    local pid=$1 secs=$2 deadline=$((SECONDS + $2)) port
    shift 2
    for port in "$@"; do
        until port_open "$port"; do
            pid_alive "$pid" || { log "process $pid exited before port $port opened"; return 1; }
            ((SECONDS < deadline)) || { log "port $port not open after ${secs}s"; return 1; }
            sleep 0.1
        done
    done
}

# --- files -----------------------------------------------------------------

# render_template SRC DEST VAR...: copies SRC to DEST replacing each @VAR@ by
# the value of the shell variable VAR.
render_template() {
    local src=$1 dest=$2 var val args=()
    shift 2
    for var in "$@"; do
        val=${!var}
        val=${val//\\/\\\\}
        val=${val//|/\\|}
        val=${val//&/\\&}
        args+=(-e "s|@${var}@|${val}|g")
    done
    sed "${args[@]}" "$src" >"$dest.tmp"
    if grep -n '@[A-Z0-9_]*@' "$dest.tmp" >&2; then
        rm -f "$dest.tmp"
        die "$src: unreplaced placeholders (above)"
    fi
    mv "$dest.tmp" "$dest"
}

# gen_bytes COUNT SEED: writes COUNT deterministic pseudo-random bytes to
# stdout (AES-128-CTR keystream; SEED is 32 hex digits). Same bytes every time.
gen_bytes() {
    head -c "$1" /dev/zero |
        openssl enc -aes-128-ctr -nosalt -K "$2" -iv 00000000000000000000000000000000
}

# ensure_file_size PATH COUNT SEED: (re)creates PATH with gen_bytes unless it
# already has exactly COUNT bytes.
ensure_file_size() {
    if [[ -f $1 && $(stat -c %s "$1") == "$2" ]]; then
        return 0
    fi
    gen_bytes "$2" "$3" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# --- server plugins --------------------------------------------------------

# Names of all server plugins (servers/<name>.sh), in order.
all_servers() {
    local f
    for f in "$TS_DIR"/servers/*.sh; do
        [[ -e $f ]] || continue
        f=${f##*/}
        printf '%s\n' "${f%.sh}"
    done
}

load_server() {
    local f=$TS_DIR/servers/$1.sh
    [[ $1 =~ ^[a-z][a-z0-9_]*$ && -f $f ]] || die "unknown server '$1' (see $TS_DIR/servers/)"
    # shellcheck source=/dev/null
    . "$f"
}

# Pid names recorded for server NAME: NAME and NAME.<instance>.
recorded_names() {
    local f n
    for f in "$PIDS/$1.pid" "$PIDS/$1".*.pid; do
        [[ -e $f ]] || continue
        n=${f##*/}
        printf '%s\n' "${n%.pid}"
    done
}

# stop_server NAME: runs the plugin's optional stop_NAME hook, then stops every
# pid recorded for NAME (NAME.pid and NAME.<instance>.pid).
stop_server() {
    local name=$1 status=0 r recorded
    if [[ -f $TS_DIR/servers/$name.sh ]]; then
        load_server "$name"
        if declare -F "stop_$name" >/dev/null; then
            "stop_$name" || status=1
        fi
    fi
    mapfile -t recorded < <(recorded_names "$name")
    ((${#recorded[@]})) || log "$name: not running (no pid file)"
    for r in "${recorded[@]}"; do
        stop_recorded "$r" || status=1
    done
    return "$status"
}

# take_lock: serializes start and stop (e.g. test processes running in
# parallel) on $RUN/.lock; held until the script exits.
take_lock() {
    exec 9>"$RUN/.lock"
    flock -w 120 9 || die "timed out waiting for the lock $RUN/.lock"
}
