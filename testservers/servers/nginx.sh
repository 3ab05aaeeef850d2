# shellcheck shell=bash
# Server plugin: nginx, the HTTP/HTTPS test server (ports 18080, 18400, 18443-18452).
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md
# for the plugin interface.

NGINX_DIR=$RUN/nginx
NGINX_TEMPLATES=$TS_DIR/servers/nginx

nginx_ports() {
    echo "$HTTP_ECHO_BACKEND_PORT" "$HTTP_PORT" "$HTTPS_PORT" "$HTTPS_EXPIRED_PORT" \
        "$HTTPS_WRONGHOST_PORT" "$HTTPS_SELFSIGNED_PORT" "$HTTPS_UNKNOWNCA_PORT" \
        "$HTTPS_REVOKED_PORT" "$HTTPS_TLS12_PORT" "$HTTPS_TLS13_PORT" "$HTTPS_NOTYET_PORT" \
        "$HTTPS_CLIENTCERT_PORT"
}

nginx_logs() {
    echo "$NGINX_DIR/logs/error.log" "$NGINX_DIR/logs/nginx.out"
}

# The docroot: small fixed files plus deterministic binary files (same bytes
# on every machine), kept when they already have the right size.
_nginx_content() {
    local www=$NGINX_DIR/www
    mkdir -p "$www"
    printf 'hello from mailtls testservers\n' >"$www/hello.txt"
    : >"$www/.empty"
    seq -f 'line %04g of the chunked body' 1 1000 >"$www/chunked.txt"
    ensure_file_size "$www/1k.bin" 1024 000102030405060708090a0b0c0d0e0f
    ensure_file_size "$www/100m.bin" 104857600 6d61696c746c7320313030204d694221
}

start_nginx() {
    command -v nginx >/dev/null || die "nginx not found (apt-get install nginx)"
    local d=$NGINX_DIR
    mkdir -p "$d/conf" "$d/logs" "$d/tmp" "$d/uploads"
    chmod 0755 "$d" "$d/conf" "$d/logs" "$d/tmp"
    _nginx_content

    # As root, workers run as www-data (override with MAILTLS_NGINX_USER);
    # otherwise they run as the invoking user. Read by render_template.
    local NGINX_USER_LINE
    NGINX_USER_LINE="# not root: workers run as $(id -un)"
    if ((EUID == 0)); then
        local user=${MAILTLS_NGINX_USER:-www-data}
        # shellcheck disable=SC2034
        NGINX_USER_LINE="user $user $(id -gn "$user");"
        chown "$user" "$d/uploads"
        if [[ $user != root ]] && ! runuser -u "$user" -- test -r "$d/www/hello.txt"; then
            # A checkout under a private directory (e.g. /root): workers run as root instead.
            log "nginx: $user cannot read $d/www (a directory above $RUN is not world-searchable); workers run as root"
            user=root
            # shellcheck disable=SC2034
            NGINX_USER_LINE="user root $(id -gn root);"
        fi
    fi
    printf 'mailtls:{PLAIN}secret\n' >"$d/conf/htpasswd"

    local vars=(NGINX_DIR NGINX_USER_LINE CERTS HTTP_ECHO_BACKEND_PORT HTTP_PORT HTTPS_PORT
        HTTPS_EXPIRED_PORT HTTPS_WRONGHOST_PORT HTTPS_SELFSIGNED_PORT HTTPS_UNKNOWNCA_PORT
        HTTPS_REVOKED_PORT HTTPS_TLS12_PORT HTTPS_TLS13_PORT HTTPS_NOTYET_PORT HTTPS_CLIENTCERT_PORT)
    render_template "$NGINX_TEMPLATES/nginx.conf.in" "$d/conf/nginx.conf" "${vars[@]}"
    render_template "$NGINX_TEMPLATES/locations.conf.in" "$d/conf/locations.conf" "${vars[@]}"

    local args=(-p "$d/" -c "$d/conf/nginx.conf" -e "$d/logs/error.log")
    if ! nginx "${args[@]}" -t >"$d/logs/nginx.out" 2>&1; then
        cat "$d/logs/nginx.out" >&2
        die "nginx configuration test failed"
    fi
    # setsid: a new session, so a Ctrl-C or hang-up of the caller does not
    # reach the server. In a non-interactive script setsid execs nginx in
    # place, so $! is the nginx master's pid.
    setsid nginx "${args[@]}" -g 'daemon off;' </dev/null >>"$d/logs/nginx.out" 2>&1 &
    record_pid nginx "$!"
}
