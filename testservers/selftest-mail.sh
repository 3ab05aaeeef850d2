# shellcheck shell=bash
# Mail part of testservers/selftest (sourced by it: uses ok, bad, expect_rc, expect_eq, c,
# $tmp, $CA): Dovecot (IMAP, POP3) and Postfix (SMTP), with curl and, for SCRAM (which
# curl lacks), testservers/sasl-login. Messages it sends are removed again.
# shellcheck disable=SC2154 # tmp: set by selftest

# shellcheck source=users.env
. "$TS_DIR/users.env"
MAIL_DIR=$RUN/mail
DOVECOT_LOG=$RUN/dovecot/logs/dovecot.log
W_PASS=$MAIL_PASS_WEIRD
CLIENT_CERT=(--cert "$CERTS/client.pem" --key "$CERTS/client-key.pem")
UNKNOWN_CERT=(--cert "$CERTS/client-unknownca.pem" --key "$CERTS/client-unknownca-key.pem")

# expect_sasl WANT DESCRIPTION sasl-login-args...
expect_sasl() {
    local want=$1 what=$2 rc=0
    shift 2
    MAILTLS_RUN=$RUN "$TS_DIR/sasl-login" "$@" 2>"$tmp/sasl.err" || rc=$?
    if ((rc == want)); then ok "$what: exit $rc"; else bad "$what: exit $rc, want $want ($(cat "$tmp/sasl.err"))"; fi
}

# last_login PORT: the last "Login:" line of Dovecot's log for that port.
last_login() { grep "Login: .*lport=$1," "$DOVECOT_LOG" | tail -n 1; }

# wait_delivered USER MESSAGE-ID: prints the Maildir file with that Message-ID once it has
# arrived (10 s at most); fails otherwise.
wait_delivered() {
    local f deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)); do
        f=$(grep -rlF -- "Message-ID: <$2>" "$MAIL_DIR/$1/Maildir/new" "$MAIL_DIR/$1/Maildir/cur" | head -n 1) || true
        if [[ -n $f ]]; then
            printf '%s\n' "$f"
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# remove_delivered USER MESSAGE-ID: deletes the message again (new/ or cur/: reading it over
# IMAP moves it to cur/).
remove_delivered() {
    local f
    { grep -rlF -- "Message-ID: <$2>" "$MAIL_DIR/$1/Maildir/new" "$MAIL_DIR/$1/Maildir/cur" || true; } |
        while IFS= read -r f; do rm -f "$f"; done
}

# new_message ID: a small message with Message-ID <ID> in $tmp/msg.txt.
new_message() {
    printf '%s\r\n' "From: Alice <alice@mailtls.test>" "To: Bob <bob@mailtls.test>" \
        "Subject: selftest $1" "Date: $(date -R)" "Message-ID: <$1>" "" "selftest body" \
        >"$tmp/msg.txt"
}

# --- IMAP ---------------------------------------------------------------------
imaps=imaps://localhost:$DOVECOT_IMAPS_PORT
expect_rc 0 "IMAPS $DOVECOT_IMAPS_PORT list as bob" --cacert "$CA" -u bob:bobpass "$imaps/"
expect_rc 67 "IMAPS $DOVECOT_IMAPS_PORT wrong password" --cacert "$CA" -u bob:wrong "$imaps/"
expect_rc 0 "IMAP STARTTLS $DOVECOT_IMAP_PORT --ssl-reqd" --ssl-reqd --cacert "$CA" -u alice:alicepass \
    "imap://localhost:$DOVECOT_IMAP_PORT/"
if last_login "$DOVECOT_IMAP_PORT" | grep -q 'user=<alice>.*, TLS, TLSv1\.'; then
    ok "Dovecot logs the STARTTLS login as TLS"
else
    bad "no TLS login line for port $DOVECOT_IMAP_PORT: $(last_login "$DOVECOT_IMAP_PORT")"
fi
expect_rc 64 "IMAP $DOVECOT_IMAP_NOTLS_PORT (no STARTTLS) --ssl-reqd" --ssl-reqd --cacert "$CA" \
    -u alice:alicepass "imap://localhost:$DOVECOT_IMAP_NOTLS_PORT/"
expect_rc 0 "IMAP $DOVECOT_IMAP_NOTLS_PORT plaintext login" -u alice:alicepass \
    "imap://localhost:$DOVECOT_IMAP_NOTLS_PORT/"
if last_login "$DOVECOT_IMAP_NOTLS_PORT" | grep -q 'user=<alice>.*, secured, session='; then
    ok "Dovecot logs the plaintext login as secured, not TLS"
else
    bad "unexpected login line for port $DOVECOT_IMAP_NOTLS_PORT: $(last_login "$DOVECOT_IMAP_NOTLS_PORT")"
fi
cc=imaps://localhost:$DOVECOT_IMAPS_CLIENTCERT_PORT
expect_rc 67 "IMAPS $DOVECOT_IMAPS_CLIENTCERT_PORT without a client certificate" --cacert "$CA" -u bob:bobpass "$cc/"
expect_rc 67 "IMAPS $DOVECOT_IMAPS_CLIENTCERT_PORT with client-unknownca.pem" --cacert "$CA" "${UNKNOWN_CERT[@]}" \
    -u bob:bobpass "$cc/"
expect_rc 0 "IMAPS $DOVECOT_IMAPS_CLIENTCERT_PORT with client.pem" --cacert "$CA" "${CLIENT_CERT[@]}" -u bob:bobpass "$cc/"

# --- POP3 ---------------------------------------------------------------------
expect_rc 0 "POP3S $DOVECOT_POP3S_PORT list" --cacert "$CA" -u bob:bobpass "pop3s://localhost:$DOVECOT_POP3S_PORT/"
expect_rc 0 "POP3 STLS $DOVECOT_POP3_PORT --ssl-reqd" --ssl-reqd --cacert "$CA" -u bob:bobpass \
    "pop3://localhost:$DOVECOT_POP3_PORT/"
expect_rc 64 "POP3 $DOVECOT_POP3_NOTLS_PORT (no STLS) --ssl-reqd" --ssl-reqd --cacert "$CA" -u bob:bobpass \
    "pop3://localhost:$DOVECOT_POP3_NOTLS_PORT/"
expect_rc 67 "POP3S $DOVECOT_POP3S_CLIENTCERT_PORT without a client certificate" --cacert "$CA" -u bob:bobpass \
    "pop3s://localhost:$DOVECOT_POP3S_CLIENTCERT_PORT/"
expect_rc 0 "POP3S $DOVECOT_POP3S_CLIENTCERT_PORT with client.pem" --cacert "$CA" "${CLIENT_CERT[@]}" -u bob:bobpass \
    "pop3s://localhost:$DOVECOT_POP3S_CLIENTCERT_PORT/"

# --- SASL mechanisms, and the user with the awkward password --------------------
for m in PLAIN LOGIN CRAM-MD5; do
    expect_rc 0 "IMAPS AUTH=$m as weird (curl)" --cacert "$CA" --login-options "AUTH=$m" -u "weird:$W_PASS" "$imaps/"
done
expect_rc 0 "POP3S as weird (curl)" --cacert "$CA" -u "weird:$W_PASS" "pop3s://localhost:$DOVECOT_POP3S_PORT/"
if command -v python3 >/dev/null; then
    for m in PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 command; do
        expect_sasl 0 "IMAPS $m as weird (sasl-login)" imap "$DOVECOT_IMAPS_PORT" "$m" weird "$W_PASS" --tls
    done
    for m in SCRAM-SHA-1 SCRAM-SHA-256 command; do
        expect_sasl 0 "POP3 STLS $m as weird (sasl-login)" pop3 "$DOVECOT_POP3_PORT" "$m" weird "$W_PASS" --starttls
    done
    expect_sasl 1 "IMAPS SCRAM-SHA-256 wrong password" imap "$DOVECOT_IMAPS_PORT" SCRAM-SHA-256 alice wrong --tls
    expect_sasl 1 "IMAPS $DOVECOT_IMAPS_CLIENTCERT_PORT SCRAM-SHA-256 without a client certificate" \
        imap "$DOVECOT_IMAPS_CLIENTCERT_PORT" SCRAM-SHA-256 alice alicepass --tls
    expect_sasl 0 "IMAPS $DOVECOT_IMAPS_CLIENTCERT_PORT SCRAM-SHA-256 with client.pem" \
        imap "$DOVECOT_IMAPS_CLIENTCERT_PORT" SCRAM-SHA-256 alice alicepass --tls \
        --cert "$CERTS/client.pem" --key "$CERTS/client-key.pem"
    expect_sasl 0 "SMTP $POSTFIX_SUBMISSION_PORT STARTTLS SCRAM-SHA-256 as weird" \
        smtp "$POSTFIX_SUBMISSION_PORT" SCRAM-SHA-256 weird "$W_PASS" --starttls
    expect_sasl 0 "SMTPS $POSTFIX_SMTPS_PORT SCRAM-SHA-1 as alice" smtp "$POSTFIX_SMTPS_PORT" SCRAM-SHA-1 alice alicepass --tls
    expect_sasl 1 "SMTP $POSTFIX_SUBMISSION_PORT offers no AUTH before STARTTLS" \
        smtp "$POSTFIX_SUBMISSION_PORT" PLAIN alice alicepass
else
    bad "python3 missing: SCRAM checks skipped"
fi

# --- SMTP: submission, delivery through LMTP, refusals -------------------------
smtp=(--cacert "$CA" --mail-from alice@mailtls.test)
id=selftest-$$-$RANDOM.1@mailtls.test
new_message "$id"
expect_rc 0 "submission $POSTFIX_SUBMISSION_PORT STARTTLS + AUTH to bob" --ssl-reqd "${smtp[@]}" -u alice:alicepass \
    --mail-rcpt bob@mailtls.test -T "$tmp/msg.txt" "smtp://127.0.0.1:$POSTFIX_SUBMISSION_PORT"
if f=$(wait_delivered bob "$id"); then
    ok "delivered into bob's Maildir: ${f#"$RUN"/}"
    uid=$(c -u bob:bobpass "$imaps/INBOX" -X "UID SEARCH HEADER Message-ID \"<$id>\"" | tr -d '\r' |
        awk '/^\* SEARCH/ {print $3}')
    expect_eq "Subject: selftest $id" "$(c -u bob:bobpass "$imaps/INBOX/;UID=$uid" | tr -d '\r' | grep '^Subject:')" \
        "the message read back over IMAPS (UID $uid)"
    remove_delivered bob "$id"
else
    bad "message $id not delivered into $MAIL_DIR/bob/Maildir within 10 s"
fi

id=selftest-$$-$RANDOM.2@mailtls.test
new_message "$id"
expect_rc 0 "SMTPS $POSTFIX_SMTPS_PORT to alice@example.test" "${smtp[@]}" -u bob:bobpass \
    --mail-rcpt alice@example.test -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_PORT"
if wait_delivered alice "$id" >/dev/null; then ok "delivered into alice's Maildir"; remove_delivered alice "$id"; else bad "message $id not delivered to alice"; fi

id=selftest-$$-$RANDOM.3@mailtls.test
new_message "$id"
expect_rc 0 "SMTPS $POSTFIX_SMTPS_CLIENTCERT_PORT with client.pem" "${smtp[@]}" "${CLIENT_CERT[@]}" -u alice:alicepass \
    --mail-rcpt bob@mailtls.test -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_CLIENTCERT_PORT"
if wait_delivered bob "$id" >/dev/null; then ok "delivered through the client-certificate port"; remove_delivered bob "$id"; else bad "message $id not delivered"; fi
expect_rc 8 "SMTPS $POSTFIX_SMTPS_CLIENTCERT_PORT without a client certificate (421 greeting)" "${smtp[@]}" \
    -u alice:alicepass --mail-rcpt bob@mailtls.test -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_CLIENTCERT_PORT"

expect_rc 64 "SMTP $POSTFIX_SMTP_NOTLS_PORT (no STARTTLS) --ssl-reqd" --ssl-reqd "${smtp[@]}" -u alice:alicepass \
    --mail-rcpt bob@mailtls.test -T "$tmp/msg.txt" "smtp://127.0.0.1:$POSTFIX_SMTP_NOTLS_PORT"
expect_rc 55 "relay to other@elsewhere.example refused (authenticated)" "${smtp[@]}" -u alice:alicepass \
    --mail-rcpt other@elsewhere.example -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_PORT"
expect_rc 55 "relay to other@elsewhere.example refused (port $POSTFIX_SMTP_NOTLS_PORT, no AUTH)" "${smtp[@]}" \
    --mail-rcpt other@elsewhere.example -T "$tmp/msg.txt" "smtp://127.0.0.1:$POSTFIX_SMTP_NOTLS_PORT"
expect_rc 55 "submission without AUTH refused" --ssl-reqd "${smtp[@]}" --mail-rcpt bob@mailtls.test \
    -T "$tmp/msg.txt" "smtp://localhost:$POSTFIX_SUBMISSION_PORT"
expect_rc 55 "unknown local recipient refused" "${smtp[@]}" -u alice:alicepass --mail-rcpt nobody@mailtls.test \
    -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_PORT"
expect_rc 67 "SMTPS wrong password" "${smtp[@]}" -u alice:wrong --mail-rcpt bob@mailtls.test \
    -T "$tmp/msg.txt" "smtps://localhost:$POSTFIX_SMTPS_PORT"
ehlo=$(curl -sv --max-time 20 --cacert "$CA" -X NOOP "smtps://localhost:$POSTFIX_SMTPS_PORT" 2>&1 | tr -d '\r')
for cap in "SIZE 134217728" "8BITMIME" "SMTPUTF8" "PIPELINING" "AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256"; do
    if grep -qE "^< 250[- ]$cap\$" <<<"$ehlo"; then ok "EHLO on $POSTFIX_SMTPS_PORT: $cap"; else bad "EHLO on $POSTFIX_SMTPS_PORT lacks $cap"; fi
done

# --- seed-mailbox --------------------------------------------------------------
if "$TS_DIR/seed-mailbox" alice 20 4k Selftest 2>"$tmp/seed.err"; then
    expect_eq "* STATUS Selftest (MESSAGES 20)" \
        "$(c -u alice:alicepass "$imaps/" -X 'STATUS Selftest (MESSAGES)' | tr -d '\r')" "seed-mailbox alice 20 4k Selftest"
    expect_eq "4096" "$(c -u alice:alicepass "$imaps/Selftest" -X 'FETCH 20 RFC822.SIZE' | tr -d '\r' |
        sed -n 's/.*RFC822.SIZE \([0-9]*\).*/\1/p')" "seeded message size (RFC822.SIZE)"
    expect_rc 0 "IMAP DELETE Selftest" --cacert "$CA" -u alice:alicepass -X 'DELETE Selftest' "$imaps/"
else
    bad "seed-mailbox failed: $(cat "$tmp/seed.err")"
fi
