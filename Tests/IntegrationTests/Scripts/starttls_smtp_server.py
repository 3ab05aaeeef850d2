#!/usr/bin/env python3
"""A scripted SMTP server with real STARTTLS, for what Postfix will not do: it announces
different capabilities before and after TLS. Before: STARTTLS and AUTH PLAIN; after: AUTH LOGIN
only. It logs every command line it receives (decoded) to LOG and serves one session.
Usage: starttls_smtp_server.py PORTFILE LOG CERT KEY
"""
import base64
import sys

import peer

port_file, log_path, cert, key = sys.argv[1:5]
conn = peer.accept_one(port_file, timeout=20)
log = open(log_path, "w")
stream = conn.makefile("rwb", buffering=0)


def send(text):
    stream.write(text.encode())


def line():
    data = stream.readline()
    log.write(data.decode(errors="replace"))
    log.flush()
    return data.decode(errors="replace").rstrip("\r\n")


send("220 fake ESMTP\r\n")
line()  # EHLO
send("250-fake\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")
if line().upper() != "STARTTLS":
    sys.exit(1)
send("220 go ahead\r\n")
conn = peer.tls_context(cert, key).wrap_socket(conn, server_side=True)
stream = conn.makefile("rwb", buffering=0)
line()  # EHLO again
send("250-fake\r\n250 AUTH LOGIN\r\n")
command = line()
if command.upper().startswith("AUTH LOGIN"):
    if command.upper() == "AUTH LOGIN":  # no initial response: ask for the user name
        send("334 " + base64.b64encode(b"Username:").decode() + "\r\n")
        line()
    send("334 " + base64.b64encode(b"Password:").decode() + "\r\n")
    line()
    send("235 2.7.0 ok\r\n")
    line(); send("250 ok\r\n")   # MAIL
    line(); send("250 ok\r\n")   # RCPT
    line(); send("354 go\r\n")   # DATA
    while line() != ".":
        pass
    send("250 2.0.0 queued as FAKE\r\n")
    line(); send("221 bye\r\n")
else:
    send("504 5.5.4 not that one\r\n")
conn.close()
