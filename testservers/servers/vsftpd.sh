# shellcheck shell=bash
# Server plugin: vsftpd, FTP with AUTH TLS and implicit FTPS (ports 18021-18023, 18990), four
# instances: AUTH TLS optional, no TLS, AUTH TLS required (require_ssl_reuse=YES), implicit
# FTPS. Anonymous access; files in run/vsftpd/root, uploads into run/vsftpd/root/upload.
# Sourced by testservers/start and testservers/stop after lib.sh (see README.md).

VSFTPD_DIR=$RUN/vsftpd
VSFTPD_TEMPLATE=$TS_DIR/servers/vsftpd/vsftpd.conf.in
# mode:port-variable:pasv-min:pasv-max:ssl_enable:implicit_ssl:force:require_ssl_reuse
VSFTPD_INSTANCES=(
    "explicit:VSFTPD_PORT_EXPLICIT:18700:18719:YES:NO:NO:NO"
    "notls:VSFTPD_PORT_NOTLS:18720:18739:NO:NO:NO:NO"
    "required:VSFTPD_PORT_REQUIRED:18740:18759:YES:NO:YES:YES"
    "implicit:VSFTPD_PORT_IMPLICIT:18760:18779:YES:YES:YES:YES"
)

vsftpd_ports() {
    echo "$VSFTPD_PORT_EXPLICIT" "$VSFTPD_PORT_NOTLS" "$VSFTPD_PORT_REQUIRED" "$VSFTPD_PORT_IMPLICIT"
}

vsftpd_logs() {
    local i
    for i in "${VSFTPD_INSTANCES[@]}"; do echo "$VSFTPD_DIR/logs/${i%%:*}.log" "$VSFTPD_DIR/logs/${i%%:*}.out"; done
}

# The served files: small fixed ones, deterministic binary ones for transfers and the
# benchmark, a directory of 10,000 empty files for listings.
_vsftpd_content() {
    local root=$VSFTPD_DIR/root
    mkdir -p "$root/pub" "$root/upload" "$root/list10k"
    printf 'hello from mailtls vsftpd\n' >"$root/hello.txt"
    printf 'nested file\n' >"$root/pub/nested.txt"
    ensure_file_size "$root/pub/1m.bin" 1048576 000102030405060708090a0b0c0d0e0f
    ensure_file_size "$root/100m.bin" 104857600 6d61696c746c7320313030204d694221
    if [[ ! -f $root/list10k/file-09999 ]]; then
        (cd "$root/list10k" && seq -f 'file-%05g' 0 9999 | xargs touch)
    fi
    # vsftpd refuses a root the anonymous user can write to; uploads go to upload/.
    chmod 0755 "$root" "$root/pub" "$root/list10k"
    chown root: "$root"
    chown ftp: "$root/upload"
    chmod 0755 "$root/upload"
}

start_vsftpd() {
    command -v vsftpd >/dev/null || die "vsftpd not found (apt-get install vsftpd)"
    ((EUID == 0)) || die "vsftpd: needs root (it switches to the ftp user for anonymous sessions)"
    mkdir -p "$VSFTPD_DIR/conf" "$VSFTPD_DIR/logs" "$VSFTPD_DIR/empty"
    chmod 0755 "$VSFTPD_DIR" "$VSFTPD_DIR/empty"
    _vsftpd_content
    local instance VSFTPD_MODE port_var VSFTPD_PASV_MIN VSFTPD_PASV_MAX VSFTPD_SSL VSFTPD_IMPLICIT VSFTPD_FORCE \
        VSFTPD_REUSE VSFTPD_PORT
    for instance in "${VSFTPD_INSTANCES[@]}"; do
        IFS=: read -r VSFTPD_MODE port_var VSFTPD_PASV_MIN VSFTPD_PASV_MAX VSFTPD_SSL VSFTPD_IMPLICIT \
            VSFTPD_FORCE VSFTPD_REUSE <<<"$instance"
        VSFTPD_PORT=${!port_var}
        render_template "$VSFTPD_TEMPLATE" "$VSFTPD_DIR/conf/$VSFTPD_MODE.conf" VSFTPD_MODE VSFTPD_DIR VSFTPD_PORT \
            VSFTPD_PASV_MIN VSFTPD_PASV_MAX VSFTPD_SSL VSFTPD_IMPLICIT VSFTPD_FORCE VSFTPD_REUSE CERTS
        # setsid: its own session; non-interactive setsid execs in place, so $! is vsftpd.
        setsid vsftpd "$VSFTPD_DIR/conf/$VSFTPD_MODE.conf" </dev/null >>"$VSFTPD_DIR/logs/$VSFTPD_MODE.out" 2>&1 &
        record_pid "vsftpd.$VSFTPD_MODE" "$!"
    done
}
