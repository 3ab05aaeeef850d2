# shellcheck shell=bash
# Server plugin: slapd (OpenLDAP 2.5), LDAP with StartTLS and LDAPS (ports 18389, 18636).
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md
# for the plugin interface. slapd.conf (not cn=config), loaded with slapadd before the
# first start; all state in $RUN/slapd.

SLAPD_DIR=$RUN/slapd
SLAPD_TEMPLATES=$TS_DIR/servers/slapd

slapd_ports() {
    echo "$SLAPD_LDAP_PORT" "$SLAPD_LDAPS_PORT"
}

slapd_logs() {
    echo "$SLAPD_DIR/slapd.log"
}

# The directory is loaded once: a changed directory.sh needs `rm -r $RUN/slapd/data`.
_slapd_load() {
    local d=$SLAPD_DIR
    [[ -f $d/data/data.mdb ]] && return 0
    mkdir -p "$d/data"
    "$SLAPD_TEMPLATES/directory.sh" "$CERTS/client.der" >"$d/directory.ldif"
    slapadd -q -f "$d/slapd.conf" -l "$d/directory.ldif" >"$d/slapadd.log" 2>&1 || {
        cat "$d/slapadd.log" >&2
        die "slapadd failed"
    }
}

start_slapd() {
    command -v slapd >/dev/null || die "slapd not found (apt-get install slapd ldap-utils)"
    local d=$SLAPD_DIR
    mkdir -p "$d"
    local vars=(SLAPD_DIR CERTS)
    render_template "$SLAPD_TEMPLATES/slapd.conf.in" "$d/slapd.conf" "${vars[@]}"
    _slapd_load
    # -d 256 keeps slapd in the foreground and logs each operation (stats).
    setsid slapd -d 256 -f "$d/slapd.conf" \
        -h "ldap://127.0.0.1:$SLAPD_LDAP_PORT/ ldaps://127.0.0.1:$SLAPD_LDAPS_PORT/" \
        </dev/null >>"$d/slapd.log" 2>&1 &
    record_pid slapd "$!"
}
