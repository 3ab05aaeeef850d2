"""Shared by the audit's scripted SMTP servers (audit_*_server.py): a minimal SMTP server with
real STARTTLS that serves one session after another until it is stopped, logging every line
it receives. `behaviour` changes what a session does:
- "injectable": after STARTTLS it keeps the bytes read before the handshake and answers them
  under TLS (the CVE-2011-0411 bug);
- "ratelimit": every second connection gets "421 4.7.0 Too many connections" and is closed.
Usage of a script: SCRIPT PORTFILE LOG CERT KEY
"""
import socket
import ssl
import sys

import peer


class Session:
    def __init__(self, conn, log, context, injectable):
        self.conn, self.log, self.context, self.injectable = conn, log, context, injectable
        self.buffer = b""

    def send(self, text):
        self.conn.sendall(text.encode())

    def line(self):
        while b"\n" not in self.buffer:
            data = self.conn.recv(4096)
            if not data:
                return None
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        text = line.decode(errors="replace").rstrip("\r")
        self.log.write(text + "\n")
        self.log.flush()
        return text

    def run(self):
        self.send("220 fake.mailtls.test ESMTP\r\n")
        secure = False
        while True:
            command = self.line()
            if command is None:
                return
            verb = command.split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                extensions = [] if secure else ["STARTTLS"]
                lines = ["fake.mailtls.test"] + extensions + ["8BITMIME"]
                self.send("".join("250%s%s\r\n" % ("-" if i < len(lines) - 1 else " ", l) for i, l in enumerate(lines)))
            elif verb == "STARTTLS" and not secure:
                self.send("220 2.0.0 Ready to start TLS\r\n")
                if not self.injectable:
                    self.buffer = b""  # what a careful server does: forget what came before TLS
                self.conn = self.context.wrap_socket(self.conn, server_side=True)
                secure = True
            elif verb == "NOOP":
                self.send("250 2.0.0 Ok\r\n")
            elif verb == "QUIT":
                self.send("221 2.0.0 Bye\r\n")
                return
            else:
                self.send("502 5.5.2 Error: command not recognized\r\n")


def serve(behaviour):
    port_file, log_path, cert, key = sys.argv[1:5]
    context = peer.tls_context(cert, key)
    listener = peer.listen(port_file, backlog=16, accept_timeout=60)
    log = open(log_path, "w")
    count = 0
    while True:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            return
        count += 1
        conn.settimeout(10)
        log.write("# connection %d\n" % count)
        log.flush()
        try:
            if behaviour == "ratelimit" and count % 2 == 0:
                conn.sendall(b"421 4.7.0 fake.mailtls.test Error: too many connections\r\n")
            else:
                Session(conn, log, context, injectable=(behaviour == "injectable")).run()
        except (OSError, ssl.SSLError) as error:
            log.write("# error: %s\n" % error)
            log.flush()
        finally:
            try:
                conn.close()
            except OSError:
                pass
