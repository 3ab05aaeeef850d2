#!/usr/bin/env python3
"""An IMAPS server (TLS from the first byte) that logs the TLS server name the client sent
(SNI) as `SNI name`, then every line it receives, to LOG; it greets with its capabilities and
answers LOGOUT, for the internationalised host name tests (the name must arrive as an A-label).
Usage: sni_imaps_server.py PORTFILE LOG CERT KEY
"""
import ssl
import sys

import peer

port_file, log_path, cert, key = sys.argv[1:5]
log = open(log_path, "wb")


def record_sni(_socket, name, _context):
    log.write(b"SNI " + (name or "").encode("ascii", "backslashreplace") + b"\r\n")
    log.flush()


context = peer.tls_context(cert, key, sni_callback=record_sni)
raw = peer.accept_one(port_file)
try:
    conn = context.wrap_socket(raw, server_side=True)
except (ssl.SSLError, OSError):
    log.close()  # the client refused the certificate: only the SNI is logged
    sys.exit(0)
stream = conn.makefile("rwb", buffering=0)
stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
for _ in range(10):
    request = stream.readline(1000)
    log.write(request)
    log.flush()
    if not request:
        break
    tag = request.split(b" ")[0]
    if b" LOGOUT" in request.upper():
        stream.write(b"* BYE bye\r\n" + tag + b" OK logged out\r\n")
        break
    stream.write(tag + b" BAD unexpected\r\n")
log.close()
