# shellcheck shell=bash
# Server plugin: postfix, SMTP submission (STARTTLS 18587, SMTPS 18465, no TLS
# 18025, SMTPS with client certificate 18466), and the weak STARTTLS ports of
# mail-tls-audit (TLS 1.0 and AUTH before STARTTLS 18525, expiring certificate
# 18526, chain without its intermediate 18527, another certificate 18528). AUTH and delivery go through
# Dovecot (servers/dovecot.sh: its auth and LMTP sockets), so dovecot starts
# first (plugins start in name order). Mail for USER@mailtls.test and
# USER@example.test lands in $RUN/mail/USER/Maildir; nothing else is delivered.
# Sourced by testservers/start and testservers/stop after lib.sh; see README.md.

# shellcheck source=servers/dovecot/mailstate.sh
. "$TS_DIR/servers/dovecot/mailstate.sh"
# $RUN/postfix, or where it points to (servers/dovecot/mailstate.sh).
POSTFIX_DIR=$MAIL_STATE_BASE/postfix
POSTFIX_TEMPLATES=$TS_DIR/servers/postfix
# shellcheck source=/dev/null # users.env
. "$TS_DIR/users.env"

postfix_ports() {
    echo "$POSTFIX_SUBMISSION_PORT" "$POSTFIX_SMTPS_PORT" "$POSTFIX_SMTP_NOTLS_PORT" \
        "$POSTFIX_SMTPS_CLIENTCERT_PORT" "$POSTFIX_WEAK_TLS10_PORT" "$POSTFIX_EXPIRING_PORT" \
        "$POSTFIX_NOCHAIN_PORT" "$POSTFIX_OTHERCERT_PORT"
}

postfix_logs() {
    echo "$POSTFIX_DIR/log/postfix.log" "$POSTFIX_DIR/log/postfix.out"
}

start_postfix() {
    command -v postfix >/dev/null || die "postfix not found (apt-get install postfix)"
    ((EUID == 0)) || die "postfix: the mail servers need root"
    if ! getent passwd postfix >/dev/null || ! getent group postdrop >/dev/null; then
        die "postfix: no 'postfix' user or 'postdrop' group (apt-get install postfix)"
    fi
    # Dovecot's sockets (servers/dovecot.sh); without them AUTH and delivery fail.
    # shellcheck disable=SC2034 # read by render_template
    local LMTP_SOCKET=$MAIL_STATE_BASE/dovecot/base/lmtp-postfix \
        AUTH_SOCKET=$MAIL_STATE_BASE/dovecot/base/auth-postfix
    if ! is_running dovecot; then
        log "postfix: warning: dovecot is not running: AUTH and delivery fail until it is (testservers/start dovecot)"
    fi

    ensure_mail_state postfix
    local d=$POSTFIX_DIR
    mkdir -p "$d/conf" "$d/queue" "$d/data" "$d/log"
    chown root:root "$d" "$d/conf" "$d/queue" "$d/log"
    chmod 0755 "$d" "$d/conf" "$d/queue" "$d/log"
    chown postfix:postfix "$d/data"
    chmod 0700 "$d/data"
    runuser -u postfix -- test -x "$d/queue/" ||
        die "postfix: user postfix cannot reach $d (a directory above $RUN is not world-searchable; set MAILTLS_RUN)"

    # Recipients accepted at RCPT time: every user at every test domain.
    local u dom f=$d/conf/recipients
    : >"$f.tmp"
    for u in "${!MAIL_USER_@}"; do
        for dom in $MAIL_DOMAINS; do printf '%s@%s OK\n' "${!u}" "$dom" >>"$f.tmp"; done
    done
    mv "$f.tmp" "$f"
    # A recipient that every service answers with a temporary refusal, as a busy or greylisting
    # server would: smtp-send --queue keeps such a message (tests/SMTPQueueTests).
    printf 'tempfail@mailtls.test 450 4.2.1 <tempfail@mailtls.test>: mailbox busy, try again later\n' \
        >"$d/conf/recipient_access"

    local vars=(POSTFIX_DIR CERTS LMTP_SOCKET AUTH_SOCKET MAIL_DOMAINS POSTFIX_SUBMISSION_PORT
        POSTFIX_SMTPS_PORT POSTFIX_SMTP_NOTLS_PORT POSTFIX_SMTPS_CLIENTCERT_PORT POSTFIX_WEAK_TLS10_PORT
        POSTFIX_EXPIRING_PORT POSTFIX_NOCHAIN_PORT POSTFIX_OTHERCERT_PORT)
    render_template "$POSTFIX_TEMPLATES/main.cf.in" "$d/conf/main.cf" "${vars[@]}"
    render_template "$POSTFIX_TEMPLATES/master.cf.in" "$d/conf/master.cf" "${vars[@]}"
    chmod 0644 "$d/conf/main.cf" "$d/conf/master.cf" "$d/conf/recipients" "$d/conf/recipient_access"
    # Postfix waits (up to 2 s, at every command) until a configuration file written in the
    # last second is older, in case it is still being written: date them back.
    touch -d '-1 minute' "$d/conf/main.cf" "$d/conf/master.cf" "$d/conf/recipients" "$d/conf/recipient_access"

    # "postfix check" creates the queue directories and checks the configuration. Before
    # postlogd runs, its errors go only to a terminal: when it fails, run it again on one
    # (script) to show why.
    if ! postfix -c "$d/conf" check </dev/null >>"$d/log/postfix.out" 2>&1; then
        script -qec "postfix -c '$d/conf' check" /dev/null </dev/null | tr -d '\r' | tee -a "$d/log/postfix.out" >&2 || true
        die "postfix check failed"
    fi
    # A master left over from an earlier run that lost its pid file: refuse, do not guess.
    local daemon_dir
    daemon_dir=$(postconf -c "$d/conf" -h daemon_directory)
    if ! "$daemon_dir/master" -c "$d/conf" -t 2>/dev/null; then
        die "postfix: a master process still holds $d/queue/pid/master.pid"
    fi
    # The master directly, not "postfix start": it stays in the foreground (it does not
    # fork unless given -w), so $! is its pid; on SIGTERM it terminates its children
    # (its own process group) and exits. -s: keep stdout (the maillog goes to postlogd).
    setsid "$daemon_dir/master" -c "$d/conf" -s </dev/null >>"$d/log/postfix.out" 2>&1 &
    record_pid postfix "$!"
}
