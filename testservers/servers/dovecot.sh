# shellcheck shell=bash
# Server plugin: dovecot, IMAP and POP3 (STARTTLS, implicit TLS, no TLS, client
# certificates), LMTP and SASL for Postfix. Ports 18143, 18144, 18993, 18994,
# 18110, 18111, 18995, 18996; unix sockets for Postfix in $RUN/dovecot/base.
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md
# for the plugin interface. Users and passwords: testservers/users.env.
# Must start before postfix (it does: plugins start in name order).

# shellcheck source=servers/dovecot/mailstate.sh
. "$TS_DIR/servers/dovecot/mailstate.sh"
# $RUN/dovecot and $RUN/mail, or where they point to (mailstate.sh).
DOVECOT_DIR=$MAIL_STATE_BASE/dovecot
DOVECOT_CONF=$DOVECOT_DIR/conf/dovecot.conf
DOVECOT_TEMPLATES=$TS_DIR/servers/dovecot
# Mailboxes: $MAIL_DIR/USER/Maildir, owned by MAIL_UID:MAIL_GID.
MAIL_DIR=$MAIL_STATE_BASE/mail
# shellcheck source=/dev/null # users.env
. "$TS_DIR/users.env"

dovecot_ports() {
    echo "$DOVECOT_IMAP_PORT" "$DOVECOT_IMAPS_PORT" "$DOVECOT_IMAP_NOTLS_PORT" \
        "$DOVECOT_IMAPS_CLIENTCERT_PORT" "$DOVECOT_POP3_PORT" "$DOVECOT_POP3S_PORT" \
        "$DOVECOT_POP3_NOTLS_PORT" "$DOVECOT_POP3S_CLIENTCERT_PORT" "$DOVECOT_IMAP_WEAK_PORT" \
        "$DOVECOT_IMAP_STRICT_PORT"
}

dovecot_logs() {
    echo "$DOVECOT_DIR/logs/dovecot.log" "$DOVECOT_DIR/logs/dovecot.out"
}

# The user names from users.env (MAIL_USER_* lines), one per line.
mail_users() {
    local v
    for v in "${!MAIL_USER_@}"; do printf '%s\n' "${!v}"; done
}

# mail_pass USER: prints USER's password from users.env.
mail_pass() {
    local v
    for v in "${!MAIL_USER_@}"; do
        if [[ ${!v} == "$1" ]]; then
            v=MAIL_PASS_${v#MAIL_USER_}
            printf '%s\n' "${!v}"
            return 0
        fi
    done
    return 1
}

# as_mail_user CMD...: runs CMD as MAIL_UID:MAIL_GID (no /etc/passwd entry needed).
# shellcheck disable=SC2153 # MAIL_UID, MAIL_GID: from users.env
as_mail_user() {
    setpriv --reuid "$MAIL_UID" --regid "$MAIL_GID" --clear-groups -- "$@"
}

# ensure_maildir USER: $MAIL_DIR/USER/Maildir with cur, new, tmp, owned by the mail uid.
ensure_maildir() {
    local home=$MAIL_DIR/$1
    mkdir -p "$home/Maildir/cur" "$home/Maildir/new" "$home/Maildir/tmp"
    chown -R "$MAIL_UID:$MAIL_GID" "$home"
    chmod 0700 "$home"
}

start_dovecot() {
    command -v dovecot >/dev/null || die "dovecot not found (apt-get install dovecot-imapd dovecot-pop3d dovecot-lmtpd)"
    [[ -x /usr/lib/dovecot/lmtp ]] || die "dovecot's LMTP server not found (apt-get install dovecot-lmtpd)"
    ((EUID == 0)) || die "dovecot: the mail servers need root (mail processes run as uid $MAIL_UID)"
    local u
    for u in dovecot dovenull postfix; do
        getent passwd "$u" >/dev/null || die "dovecot: no user '$u' (install the dovecot and postfix packages)"
    done

    ensure_mail_state dovecot
    ensure_mail_state mail
    local d=$DOVECOT_DIR
    # base_dir holds only sockets and pids of the previous run: start afresh.
    rm -rf "$d/base"
    mkdir -p "$d/conf" "$d/base" "$d/state" "$d/logs" "$MAIL_DIR"
    # Login processes run as dovenull, the auth process as dovecot.
    chmod 0755 "$d" "$d/conf" "$d/base" "$d/state" "$d/logs" "$MAIL_DIR"
    for u in $(mail_users); do ensure_maildir "$u"; done
    as_mail_user test -x "$MAIL_DIR/" ||
        die "dovecot: uid $MAIL_UID cannot reach $MAIL_DIR (a directory above $RUN is not world-searchable; set MAILTLS_RUN)"

    # passwd-file: user:{PLAIN}password:uid:gid:gecos:home:shell:extra
    local pass f=$d/conf/users
    : >"$f.tmp"
    chown root:dovecot "$f.tmp"
    chmod 0640 "$f.tmp"
    for u in $(mail_users); do
        pass=$(mail_pass "$u")
        [[ $pass != *:* && $u != *:* ]] || die "users.env: no ':' allowed in user names and passwords"
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$u" "$pass" "$MAIL_UID" "$MAIL_GID" "$MAIL_DIR/$u" >>"$f.tmp"
    done
    mv "$f.tmp" "$f"

    # Keys of the deny passdb: local port + "%{cert}" (empty without a valid certificate).
    printf '%s::\n' "$DOVECOT_IMAPS_CLIENTCERT_PORT" "$DOVECOT_POP3S_CLIENTCERT_PORT" \
        >"$d/conf/require-client-cert"
    chmod 0644 "$d/conf/require-client-cert"
    cat "$CERTS/ca.pem" "$CERTS/crl.pem" >"$d/conf/ca-and-crl.pem"

    # shellcheck disable=SC2034 # read by render_template
    local DH_FILE=/usr/share/dovecot/dh.pem
    [[ -s $DH_FILE ]] || die "dovecot: $DH_FILE missing (dovecot-core)"
    # shellcheck disable=SC2034
    local CLIENTCERT_PORTS="$DOVECOT_IMAPS_CLIENTCERT_PORT $DOVECOT_POP3S_CLIENTCERT_PORT"
    local vars=(DOVECOT_DIR MAIL_DIR CERTS DH_FILE MAIL_UID MAIL_GID CLIENTCERT_PORTS
        DOVECOT_IMAP_PORT DOVECOT_IMAPS_PORT DOVECOT_IMAP_NOTLS_PORT DOVECOT_IMAPS_CLIENTCERT_PORT
        DOVECOT_IMAP_WEAK_PORT DOVECOT_IMAP_STRICT_PORT
        DOVECOT_POP3_PORT DOVECOT_POP3S_PORT DOVECOT_POP3_NOTLS_PORT DOVECOT_POP3S_CLIENTCERT_PORT)
    render_template "$DOVECOT_TEMPLATES/dovecot.conf.in" "$DOVECOT_CONF" "${vars[@]}"

    if ! doveconf -c "$DOVECOT_CONF" >/dev/null 2>"$d/logs/dovecot.out"; then
        cat "$d/logs/dovecot.out" >&2
        die "dovecot configuration test failed"
    fi
    # -F: foreground. setsid: see nginx.sh ($! is the dovecot master's pid).
    setsid dovecot -F -c "$DOVECOT_CONF" </dev/null >>"$d/logs/dovecot.out" 2>&1 &
    record_pid dovecot "$!"
}
