# shellcheck shell=bash
# Where the mail servers keep their state; sourced by servers/dovecot.sh and servers/postfix.sh.
#
# Postfix runs as "postfix", Dovecot's processes as "dovecot", "dovenull" and the mail uid: they
# must be able to reach their files. When every directory above $RUN is searchable by others,
# the state is in $RUN/dovecot, $RUN/postfix and $RUN/mail. Otherwise (a checkout under /root,
# say) it is in /tmp/mailtls-mail-HASH/ (HASH from $RUN's path), and those three names in $RUN
# are symlinks to it, so the paths in PORTS.md and README.md work the same (for root).

# Prints the directory that holds dovecot/, postfix/ and mail/.
mail_state_base() {
    if ((EUID != 0)) || setpriv --reuid 65534 --regid 65534 --clear-groups -- test -x "$RUN/" 2>/dev/null; then
        printf '%s\n' "$RUN"
    else
        printf '/tmp/mailtls-mail-%s\n' "$(printf '%s' "$RUN" | sha256sum | cut -c1-12)"
    fi
}

MAIL_STATE_BASE=$(mail_state_base)

# ensure_mail_state NAME: creates MAIL_STATE_BASE/NAME and, when that is not in $RUN, the
# symlink $RUN/NAME pointing to it (replacing what was there).
ensure_mail_state() {
    local name=$1 real=$MAIL_STATE_BASE/$1
    mkdir -p "$real"
    [[ $MAIL_STATE_BASE == "$RUN" ]] && return 0
    [[ $(stat -c %u "$MAIL_STATE_BASE") == 0 ]] || die "$MAIL_STATE_BASE is not owned by root"
    chmod 0755 "$MAIL_STATE_BASE"
    if [[ -L $RUN/$name ]]; then
        [[ $(readlink "$RUN/$name") == "$real" ]] && return 0
        rm -f "$RUN/$name"
    elif [[ -e $RUN/$name ]]; then
        rm -rf "${RUN:?}/${name:?}"
    fi
    ln -s "$real" "$RUN/$name"
}
