/*
 * cyrus-scram-server: a minimal IMAPS or POP3S server whose SASL is Cyrus's own server library,
 * bound to the channel the way Cyrus IMAP 3.6 binds it: "tls-unique" only. Under TLS 1.2 the
 * data is GnuTLS's tls-unique; under TLS 1.3, which has no tls-unique, the name is still
 * "tls-unique" with other data, as Cyrus over OpenSSL does. It reproduces issue 10 (a client
 * binding with tls-exporter is refused with "bad protocol / cancel") for the integration tests.
 *
 * Usage: cyrus-scram-server imap|pop3 PORTFILE LOGFILE CERT KEY SASLDB USER PASSWORD [SECONDS]
 * Listens on 127.0.0.1 (ephemeral port, written to PORTFILE), serves connections one after the
 * other, logs each SASL attempt to LOGFILE, and exits by itself after SECONDS (default 60).
 * Build: cc -o cyrus-scram-server cyrus-scram-server.c $(pkg-config --cflags --libs gnutls libsasl2)
 */
#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <sasl/sasl.h>
#include <sasl/saslutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 8192
#define COMMANDS_PER_CONNECTION 64
#define REALM "mailtls.test"
static const char message[] = "From: a@mailtls.test\r\nSubject: cyrus\r\n\r\nHello from the Cyrus SCRAM server.\r\n";
static const char *sasldb_path;
static FILE *log_file;
static int imap;

static int getopt_cb(void *context, const char *plugin, const char *option, const char **result, unsigned *len) {
    (void)context; (void)plugin;
    if (strcmp(option, "sasldb_path") == 0) *result = sasldb_path;
    else if (strcmp(option, "mech_list") == 0) *result = "SCRAM-SHA-256 PLAIN";
    else if (strcmp(option, "auxprop_plugin") == 0) *result = "sasldb";
    else if (strcmp(option, "pwcheck_method") == 0) *result = "auxprop";
    else return SASL_FAIL;
    if (len) *len = (unsigned)strlen(*result);
    return SASL_OK;
}

static int log_cb(void *context, int level, const char *text) {
    (void)context;
    if (level <= SASL_LOG_NOTE) { fprintf(log_file, "sasl: %s\n", text); fflush(log_file); }
    return SASL_OK;
}

/* Cyrus stores every callback as int (*)(void); the cast through void (*)(void) says so. */
#define CALLBACK(f) ((int (*)(void))(void (*)(void))(f))
static sasl_callback_t callbacks[] = {
    {SASL_CB_GETOPT, CALLBACK(getopt_cb), NULL},
    {SASL_CB_LOG, CALLBACK(log_cb), NULL},
    {SASL_CB_LIST_END, NULL, NULL},
};

/* One connection: its TLS session and a buffer of received bytes not yet consumed. */
struct peer {
    gnutls_session_t tls;
    char buffer[LINE_MAX_BYTES];
    size_t used;
};

static int send_text(struct peer *p, const char *text) {
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t n = gnutls_record_send(p->tls, text + off, len - off);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) continue;
        if (n < 0) return -1;
        off += (size_t)n;
    }
    return 0;
}

/* Reads one CRLF line (without it) into out; -1 on close, error or an over-long line. */
static int read_line(struct peer *p, char *out, size_t size) {
    for (;;) {
        char *end = memchr(p->buffer, '\n', p->used);
        if (end) {
            size_t len = (size_t)(end - p->buffer);
            if (len >= size) return -1;
            memcpy(out, p->buffer, len);
            out[len > 0 && out[len - 1] == '\r' ? len - 1 : len] = '\0';
            memmove(p->buffer, end + 1, p->used - len - 1);
            p->used -= len + 1;
            return 0;
        }
        if (p->used == sizeof p->buffer) return -1;
        ssize_t n = gnutls_record_recv(p->tls, p->buffer + p->used, sizeof p->buffer - p->used);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) continue;
        if (n <= 0) return -1;
        p->used += (size_t)n;
    }
}

/* The tls-unique data Cyrus would be given: GnuTLS's under TLS 1.2, the server random under 1.3. */
static void bind_channel(sasl_conn_t *conn, gnutls_session_t tls, gnutls_datum_t *data, sasl_channel_binding_t *cb) {
    gnutls_datum_t client_random, server_random;
    const char *source = "tls-unique";
    if (gnutls_session_channel_binding(tls, GNUTLS_CB_TLS_UNIQUE, data) != GNUTLS_E_SUCCESS) {
        gnutls_session_get_random(tls, &client_random, &server_random);
        data->data = gnutls_malloc(server_random.size);
        memcpy(data->data, server_random.data, server_random.size);
        data->size = server_random.size;
        source = "server random (TLS 1.3 has no tls-unique)";
    }
    cb->name = "tls-unique";
    cb->critical = 0;
    cb->len = data->size;
    cb->data = data->data;
    sasl_setprop(conn, SASL_CHANNEL_BINDING, cb);
    fprintf(log_file, "channel-binding tls-unique from %s, %s\n", source,
            gnutls_protocol_get_name(gnutls_protocol_get_version(tls)));
}

/* Logs SCRAM's gs2 channel-binding flag ("n", "y" or "p=TYPE") from the client's first message. */
static void log_gs2_flag(const char *mech, const char *data, unsigned len) {
    const char *comma = memchr(data, ',', len);
    if (strncasecmp(mech, "SCRAM-", 6) == 0 && comma) fprintf(log_file, "GS2 %.*s\n", (int)(comma - data), data);
}

/* Runs AUTHENTICATE / AUTH: returns 1 when logged in. `initial` is the SASL-IR argument or NULL. */
static int authenticate(struct peer *p, const char *tag, const char *mech, const char *initial) {
    sasl_conn_t *conn = NULL;
    sasl_channel_binding_t cb;
    gnutls_datum_t cb_data = {NULL, 0};
    char decoded[LINE_MAX_BYTES], encoded[LINE_MAX_BYTES], line[LINE_MAX_BYTES + 64];
    unsigned dlen = 0, outlen = 0, rounds = 0;
    const char *out = NULL;
    int r;
    fprintf(log_file, "AUTH %s\n", mech);
    sasl_server_new(imap ? "imap" : "pop", "localhost", REALM, NULL, NULL, NULL, 0, &conn);
    sasl_ssf_t ssf = 128;
    sasl_setprop(conn, SASL_SSF_EXTERNAL, &ssf);
    bind_channel(conn, p->tls, &cb_data, &cb);
    if (initial && strcmp(initial, "=") != 0) {
        r = sasl_decode64(initial, (unsigned)strlen(initial), decoded, sizeof decoded, &dlen);
        if (r == SASL_OK) log_gs2_flag(mech, decoded, dlen);
        r = r == SASL_OK ? sasl_server_start(conn, mech, decoded, dlen, &out, &outlen) : r;
    } else {
        r = sasl_server_start(conn, mech, initial ? "" : NULL, 0, &out, &outlen);
    }
    while (r == SASL_CONTINUE && rounds++ < 8) {
        sasl_encode64(out ? out : "", outlen, encoded, sizeof encoded, NULL);
        snprintf(line, sizeof line, "+ %s\r\n", encoded);
        if (send_text(p, line) < 0 || read_line(p, encoded, sizeof encoded) < 0) { r = SASL_FAIL; break; }
        if (strcmp(encoded, "*") == 0) { r = SASL_BADPROT; break; }
        r = sasl_decode64(encoded, (unsigned)strlen(encoded), decoded, sizeof decoded, &dlen);
        if (r == SASL_OK && rounds == 1 && !initial) log_gs2_flag(mech, decoded, dlen);
        if (r == SASL_OK) r = sasl_server_step(conn, decoded, dlen, &out, &outlen);
    }
    fprintf(log_file, "AUTH-RESULT %s %s\n", mech, r == SASL_OK ? "OK" : sasl_errdetail(conn));
    /* Cyrus imapd's words: the status's text, e.g. "NO bad protocol / cancel". */
    if (imap && r == SASL_OK) snprintf(line, sizeof line, "%s OK Success\r\n", tag);
    else if (imap) snprintf(line, sizeof line, "%s NO %s\r\n", tag, sasl_errstring(r, NULL, NULL));
    else if (r == SASL_OK) snprintf(line, sizeof line, "+OK Logged in\r\n");
    else snprintf(line, sizeof line, "-ERR %s\r\n", sasl_errstring(r, NULL, NULL));
    send_text(p, line);
    fflush(log_file);
    sasl_dispose(&conn);
    gnutls_free(cb_data.data);
    return r == SASL_OK;
}

static void send_message_literal(struct peer *p, const char *tag, int uid) {
    char line[256];
    snprintf(line, sizeof line, "* 1 FETCH (%sBODY[] {%zu}\r\n", uid ? "UID 1 " : "", strlen(message));
    send_text(p, line);
    send_text(p, message);
    snprintf(line, sizeof line, ")\r\n%s OK FETCH completed\r\n", tag);
    send_text(p, line);
}

/* One IMAP command; returns 0 to go on, -1 after LOGOUT. */
static int imap_command(struct peer *p, char *line) {
    static const char caps[] = "IMAP4rev1 AUTH=SCRAM-SHA-256-PLUS AUTH=SCRAM-SHA-256 AUTH=PLAIN SASL-IR";
    char reply[512], *save = NULL;
    char *tag = strtok_r(line, " ", &save), *verb = strtok_r(NULL, " ", &save), *arg = strtok_r(NULL, " ", &save);
    if (!tag || !verb) return send_text(p, "* BAD no command\r\n");
    fprintf(log_file, "C: %s %s\n", tag, verb);
    if (strcasecmp(verb, "CAPABILITY") == 0) {
        snprintf(reply, sizeof reply, "* CAPABILITY %s\r\n%s OK CAPABILITY completed\r\n", caps, tag);
    } else if (strcasecmp(verb, "AUTHENTICATE") == 0 && arg) {
        authenticate(p, tag, arg, strtok_r(NULL, " ", &save));
        return 0;
    } else if (strcasecmp(verb, "SELECT") == 0 || strcasecmp(verb, "EXAMINE") == 0) {
        snprintf(reply, sizeof reply, "* FLAGS (\\Seen)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] UIDs valid\r\n"
                 "* OK [UIDNEXT 2] next\r\n%s OK [READ-%s] done\r\n", tag, verb[0] == 'S' || verb[0] == 's' ? "WRITE" : "ONLY");
    } else if (strcasecmp(verb, "UID") == 0 && arg && strcasecmp(arg, "FETCH") == 0) {
        send_message_literal(p, tag, 1);
        return 0;
    } else if (strcasecmp(verb, "FETCH") == 0) {
        send_message_literal(p, tag, 0);
        return 0;
    } else if (strcasecmp(verb, "LOGOUT") == 0) {
        snprintf(reply, sizeof reply, "* BYE bye\r\n%s OK LOGOUT completed\r\n", tag);
        send_text(p, reply);
        return -1;
    } else {
        snprintf(reply, sizeof reply, "%s BAD unknown command\r\n", tag);
    }
    return send_text(p, reply);
}

/* One POP3 command; returns 0 to go on, -1 after QUIT. */
static int pop3_command(struct peer *p, char *line) {
    char reply[512], *save = NULL;
    char *verb = strtok_r(line, " ", &save), *arg = strtok_r(NULL, " ", &save);
    size_t size = strlen(message);
    if (!verb) return send_text(p, "-ERR no command\r\n");
    fprintf(log_file, "C: %s\n", verb);
    if (strcasecmp(verb, "CAPA") == 0) {
        snprintf(reply, sizeof reply, "+OK\r\nSASL SCRAM-SHA-256-PLUS SCRAM-SHA-256 PLAIN\r\nUIDL\r\n.\r\n");
    } else if (strcasecmp(verb, "AUTH") == 0 && arg) {
        authenticate(p, NULL, arg, strtok_r(NULL, " ", &save));
        return 0;
    } else if (strcasecmp(verb, "STAT") == 0) {
        snprintf(reply, sizeof reply, "+OK 1 %zu\r\n", size);
    } else if (strcasecmp(verb, "LIST") == 0) {
        if (arg) snprintf(reply, sizeof reply, "+OK 1 %zu\r\n", size);
        else snprintf(reply, sizeof reply, "+OK\r\n1 %zu\r\n.\r\n", size);
    } else if (strcasecmp(verb, "UIDL") == 0) {
        snprintf(reply, sizeof reply, arg ? "+OK 1 cyrus-1\r\n" : "+OK\r\n1 cyrus-1\r\n.\r\n");
    } else if (strcasecmp(verb, "RETR") == 0) {
        snprintf(reply, sizeof reply, "+OK %zu octets\r\n", size);
        send_text(p, reply);
        send_text(p, message);
        return send_text(p, ".\r\n");
    } else if (strcasecmp(verb, "QUIT") == 0) {
        send_text(p, "+OK bye\r\n");
        return -1;
    } else {
        snprintf(reply, sizeof reply, "-ERR unknown command\r\n");
    }
    return send_text(p, reply);
}

static void serve(int fd, gnutls_certificate_credentials_t creds) {
    struct peer p = {.used = 0};
    char line[LINE_MAX_BYTES];
    struct timeval timeout = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    gnutls_init(&p.tls, GNUTLS_SERVER | GNUTLS_NO_SIGNAL);
    gnutls_set_default_priority(p.tls);
    gnutls_credentials_set(p.tls, GNUTLS_CRD_CERTIFICATE, creds);
    gnutls_transport_set_int2(p.tls, fd, fd);
    int r;
    do { r = gnutls_handshake(p.tls); } while (r < 0 && !gnutls_error_is_fatal(r));
    if (r == 0) {
        send_text(&p, imap ? "* OK [CAPABILITY IMAP4rev1 AUTH=SCRAM-SHA-256-PLUS AUTH=SCRAM-SHA-256 AUTH=PLAIN SASL-IR]"
                             " Cyrus-like server ready\r\n" : "+OK Cyrus-like POP3 server ready\r\n");
        for (int i = 0; i < COMMANDS_PER_CONNECTION && read_line(&p, line, sizeof line) == 0; i++) {
            if ((imap ? imap_command(&p, line) : pop3_command(&p, line)) < 0) break;
        }
        gnutls_bye(p.tls, GNUTLS_SHUT_WR);
    }
    gnutls_deinit(p.tls);
    fflush(log_file);
}

/* Stores the user's password (userPassword and the SCRAM secrets) in the sasldb. */
static int create_user(const char *user, const char *password) {
    sasl_conn_t *conn = NULL;
    int r = sasl_server_new("imap", "localhost", REALM, NULL, NULL, NULL, 0, &conn);
    if (r == SASL_OK) r = sasl_setpass(conn, user, password, (unsigned)strlen(password), NULL, 0, SASL_SET_CREATE);
    if (r != SASL_OK) fprintf(stderr, "cyrus-scram-server: storing the password failed: %s\n", sasl_errdetail(conn));
    sasl_dispose(&conn);
    return r;
}

static int listen_loopback(const char *port_file) {
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t length = sizeof address;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 8) != 0
        || getsockname(fd, (struct sockaddr *)&address, &length) != 0) return -1;
    char partial[4096];
    snprintf(partial, sizeof partial, "%s.tmp", port_file);
    FILE *f = fopen(partial, "w");
    if (!f) return -1;
    fprintf(f, "%d\n", ntohs(address.sin_port));
    /* Renamed into place, so a reader never sees half a number. */
    return fclose(f) == 0 && rename(partial, port_file) == 0 ? fd : -1;
}

int main(int argc, char **argv) {
    if (argc < 9 || (strcmp(argv[1], "imap") != 0 && strcmp(argv[1], "pop3") != 0)) {
        fprintf(stderr, "usage: cyrus-scram-server imap|pop3 PORTFILE LOGFILE CERT KEY SASLDB USER PASSWORD [SECONDS]\n");
        return 2;
    }
    imap = strcmp(argv[1], "imap") == 0;
    sasldb_path = argv[6];
    alarm(argc > 9 ? (unsigned)atoi(argv[9]) : 60); /* SIGALRM ends the process: bounded lifetime */
    log_file = fopen(argv[3], "a");
    gnutls_certificate_credentials_t creds;
    if (!log_file || gnutls_global_init() < 0 || gnutls_certificate_allocate_credentials(&creds) < 0
        || gnutls_certificate_set_x509_key_file(creds, argv[4], argv[5], GNUTLS_X509_FMT_PEM) < 0) {
        fprintf(stderr, "cyrus-scram-server: cannot open the log or load the certificate\n");
        return 1;
    }
    if (sasl_server_init(callbacks, "mailtls-cyrus-scram") != SASL_OK || create_user(argv[7], argv[8]) != SASL_OK) return 1;
    int listener = listen_loopback(argv[2]);
    if (listener < 0) { perror("cyrus-scram-server: listen"); return 1; }
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        serve(fd, creds);
        close(fd);
    }
}
