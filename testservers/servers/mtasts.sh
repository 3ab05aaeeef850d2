# shellcheck shell=bash
# Server plugin: the MTA-STS policy host of the test zone mailtls.test (ports 18480-18483), a
# second nginx beside servers/nginx.sh so that adding it restarts nothing. Every port serves
# https://mta-sts.mailtls.test/.well-known/mta-sts.txt with certs/mta-sts.pem (test CA): the good
# policy (matching servers/dns/mailtls.test.zone.in), the same with the wrong content type, a
# redirect, and a policy that leaves mx2 uncovered. Tests reach them with --connect-to; the names
# keep their meaning. Sourced by testservers/start and testservers/stop after lib.sh.

MTASTS_DIR=$RUN/mtasts
MTASTS_TEMPLATES=$TS_DIR/servers/mtasts

mtasts_ports() {
    echo "$MTASTS_PORT" "$MTASTS_WRONG_TYPE_PORT" "$MTASTS_REDIRECT_PORT" "$MTASTS_UNCOVERED_PORT"
}

mtasts_logs() {
    echo "$MTASTS_DIR/logs/error.log" "$MTASTS_DIR/logs/nginx.out"
}

start_mtasts() {
    command -v nginx >/dev/null || die "nginx not found (apt-get install nginx)"
    local d=$MTASTS_DIR
    mkdir -p "$d/conf" "$d/logs" "$d/tmp"
    chmod 0755 "$d" "$d/conf" "$d/logs" "$d/tmp"
    # Nothing is read from disk by the workers (every answer is a `return`): as root they run
    # as nobody.
    local MTASTS_USER_LINE="# not root: workers run as $(id -un)"
    # shellcheck disable=SC2034 # read by render_template
    ((EUID == 0)) && MTASTS_USER_LINE="user nobody $(id -gn nobody);"
    local vars=(MTASTS_DIR MTASTS_USER_LINE CERTS MTASTS_PORT MTASTS_WRONG_TYPE_PORT MTASTS_REDIRECT_PORT
        MTASTS_UNCOVERED_PORT)
    render_template "$MTASTS_TEMPLATES/nginx.conf.in" "$d/conf/nginx.conf" "${vars[@]}"
    local args=(-p "$d/" -c "$d/conf/nginx.conf" -e "$d/logs/error.log")
    if ! nginx "${args[@]}" -t >"$d/logs/nginx.out" 2>&1; then
        cat "$d/logs/nginx.out" >&2
        die "mtasts: nginx configuration test failed"
    fi
    setsid nginx "${args[@]}" -g 'daemon off;' </dev/null >>"$d/logs/nginx.out" 2>&1 &
    record_pid mtasts "$!"
}
