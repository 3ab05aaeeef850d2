# shellcheck shell=bash
# Server plugin: gnutls-serv instances for TLS-SRP, OCSP stapling and client
# certificates (ports 18459-18464), one process per port.
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md
# for the plugin interface.
#
# gnutls-serv has no listen-address option: it binds the wildcard address of
# IPv4 and of IPv6. Each instance runs with the LD_PRELOAD library built from
# gnutls/loopback-bind.c, which turns an IPv4 bind into a bind to 127.0.0.1 and
# refuses IPv6 binds (gnutls-serv then serves on its IPv4 socket only; its log
# still says "listening on IPv4 0.0.0.0" because it prints that before binding).
# After the start, the listening sockets of these ports are checked, and the
# instances are stopped again if any of them is not on 127.0.0.1.

GNUTLS_DIR=$RUN/gnutls
GNUTLS_SRC=$TS_DIR/servers/gnutls
GNUTLS_SHIM=$GNUTLS_DIR/loopback-bind.so

# Instance names (pid names gnutls.INSTANCE, logs INSTANCE.log).
GNUTLS_INSTANCES=(srp ocsp_good ocsp_revoked nostaple clientcert ocsp_unknown)

_gnutls_port() {
    case $1 in
        srp) echo "$GNUTLS_SRP_PORT" ;;
        ocsp_good) echo "$GNUTLS_OCSP_GOOD_PORT" ;;
        ocsp_revoked) echo "$GNUTLS_OCSP_REVOKED_PORT" ;;
        nostaple) echo "$GNUTLS_NOSTAPLE_PORT" ;;
        clientcert) echo "$GNUTLS_CLIENTCERT_PORT" ;;
        ocsp_unknown) echo "$GNUTLS_OCSP_UNKNOWN_PORT" ;;
        *) die "gnutls: unknown instance $1" ;;
    esac
}

gnutls_ports() {
    local i ports=()
    for i in "${GNUTLS_INSTANCES[@]}"; do ports+=("$(_gnutls_port "$i")"); done
    echo "${ports[@]}"
}

gnutls_logs() {
    local i
    for i in "${GNUTLS_INSTANCES[@]}"; do echo "$GNUTLS_DIR/logs/$i.log"; done
}

# Sets GNUTLS_ARGS to the arguments of gnutls-serv for INSTANCE (besides --port).
_gnutls_args() {
    local c=$CERTS
    # Every port speaks HTTP: GET of any path. The OCSP ports answer with the
    # fixed body of hello.txt; the SRP and client-certificate ports with
    # gnutls-serv's HTML page describing the session (key exchange, SRP user
    # name, the client's certificate), which differs on every connection.
    local hello=(--http --httpdata "$GNUTLS_DIR/hello.txt")
    local info=(--http)
    local server=(--x509certfile "$c/server-chain.pem" --x509keyfile "$c/server-key.pem")
    case $1 in
        srp)
            # SRP (SRP, SRP-RSA, SRP-DSS key exchanges, TLS 1.2) next to the
            # ordinary certificate key exchanges: a client that offers ECDHE
            # as well as SRP gets ECDHE, whatever its SRP password, so a
            # client must offer SRP only to prove that the password is checked.
            GNUTLS_ARGS=("${info[@]}" "${server[@]}" --disable-client-cert
                --srppasswd "$c/tpasswd" --srppasswdconf "$c/tpasswd.conf"
                --priority 'NORMAL:+SRP:+SRP-RSA:+SRP-DSS')
            ;;
        ocsp_good)
            GNUTLS_ARGS=("${hello[@]}" "${server[@]}" --disable-client-cert
                --ocsp-response "$c/ocsp-good.der")
            ;;
        ocsp_revoked)
            # gnutls-serv refuses to load a staple that says "revoked" unless told to.
            GNUTLS_ARGS=("${hello[@]}" --x509certfile "$c/revoked-chain.pem"
                --x509keyfile "$c/revoked-key.pem" --disable-client-cert
                --ocsp-response "$c/ocsp-revoked.der" --ignore-ocsp-response-errors)
            ;;
        nostaple)
            GNUTLS_ARGS=("${hello[@]}" "${server[@]}" --disable-client-cert)
            ;;
        clientcert)
            # --require-client-cert alone lets a client without a certificate
            # in; with --verify-client-cert the handshake fails without one or
            # with one the test CA did not sign.
            GNUTLS_ARGS=("${info[@]}" "${server[@]}" --require-client-cert --verify-client-cert
                --x509cafile "$c/ca.pem")
            ;;
        ocsp_unknown)
            # A staple that says "unknown" for server.pem.
            GNUTLS_ARGS=("${hello[@]}" "${server[@]}" --disable-client-cert
                --ocsp-response "$c/ocsp-unknown.der")
            ;;
    esac
}

# Builds the LD_PRELOAD library (again when the source is newer).
_gnutls_build_shim() {
    local src=$GNUTLS_SRC/loopback-bind.c cc=${CC:-} c out
    if [[ -s $GNUTLS_SHIM && ! $src -nt $GNUTLS_SHIM ]]; then
        return 0
    fi
    if [[ -z $cc ]]; then
        for c in gcc cc clang; do
            if command -v "$c" >/dev/null; then cc=$c; break; fi
        done
    fi
    [[ -n $cc ]] || die "gnutls: no C compiler to build $src (apt-get install gcc)"
    if ! out=$("$cc" -shared -fPIC -O2 -Wall -o "$GNUTLS_SHIM.tmp" "$src" -ldl 2>&1); then
        printf '%s\n' "$out" >&2
        rm -f "$GNUTLS_SHIM.tmp"
        die "gnutls: cannot build $GNUTLS_SHIM"
    fi
    mv "$GNUTLS_SHIM.tmp" "$GNUTLS_SHIM"
    # The dynamic loader only warns when a preload library cannot be loaded,
    # and the server would then bind every address: make sure it loads.
    out=$(LD_PRELOAD=$GNUTLS_SHIM /bin/true 2>&1)
    [[ -z $out ]] || die "gnutls: $GNUTLS_SHIM does not preload: $out"
}

# Prints "ADDRESS:PORT" for each listening TCP socket on one of the given
# ports that is not 127.0.0.1 (from /proc/net/tcp and tcp6; no ss needed).
_gnutls_bad_listeners() {
    local want
    want=$(printf '%04X ' "$@")
    # Fields: sl, local address (hex address:hex port), remote, state (0A = LISTEN).
    awk -v want=" $want" '
        function dec(h,  i, n) {
            n = 0
            for (i = 1; i <= length(h); i++) n = n * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
            return n
        }
        FNR == 1 { v6 = (FILENAME ~ /tcp6$/); next }
        $4 == "0A" {
            split($2, a, ":")
            if (index(want, " " a[2] " ") == 0) next
            if (v6 || (a[1] != "0100007F" && a[1] != "7F000001")) print a[1] ":" dec(a[2])
        }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

start_gnutls() {
    command -v gnutls-serv >/dev/null || die "gnutls-serv not found (apt-get install gnutls-bin)"
    local d=$GNUTLS_DIR i port pid bad
    mkdir -p "$d/logs"
    chmod 0755 "$d"
    _gnutls_build_shim
    printf 'hello from mailtls testservers\n' >"$d/hello.txt"

    for i in "${GNUTLS_INSTANCES[@]}"; do
        port=$(_gnutls_port "$i")
        _gnutls_args "$i"
        # A new log per start (the client-certificate port logs each certificate).
        printf '%s gnutls-serv --port %s %s\n' "$(date -u '+%F %T')" "$port" "${GNUTLS_ARGS[*]}" \
            >"$d/logs/$i.log"
        # setsid: a new session, so a Ctrl-C of the caller does not reach the
        # server; in a non-interactive script it execs, so $! is gnutls-serv.
        LD_PRELOAD=$GNUTLS_SHIM setsid gnutls-serv --port "$port" "${GNUTLS_ARGS[@]}" \
            </dev/null >>"$d/logs/$i.log" 2>&1 &
        record_pid "gnutls.$i" "$!"
    done

    # Check the addresses once the ports are open (start itself reports an
    # instance that does not come up).
    for i in "${GNUTLS_INSTANCES[@]}"; do
        pid=$(read_pid "gnutls.$i") || continue
        wait_for_ports "$pid" "$START_TIMEOUT" "$(_gnutls_port "$i")" 2>/dev/null || true
    done
    # shellcheck disable=SC2046 # one port per word
    bad=$(_gnutls_bad_listeners $(gnutls_ports))
    if [[ -n $bad ]]; then
        for i in "${GNUTLS_INSTANCES[@]}"; do stop_recorded "gnutls.$i" || true; done
        die "gnutls: listening on addresses other than 127.0.0.1: $(tr '\n' ' ' <<<"$bad")"
    fi
}
