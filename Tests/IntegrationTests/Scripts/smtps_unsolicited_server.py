#!/usr/bin/env python3
"""An SMTPS server (TLS from the first byte) that sends a reply nobody asked for: its greeting and
then `250 unsolicited` in a second TLS record, before it reads anything. A client that took that
line as the answer to its EHLO would misread every later reply. Logs what it receives to LOG.
Usage: smtps_unsolicited_server.py PORTFILE LOG CERT KEY
"""
import socket
import ssl
import sys
import time

import peer

port_file, log_path, cert, key = sys.argv[1:5]
conn = peer.tls_context(cert, key).wrap_socket(peer.accept_one(port_file), server_side=True)
conn.sendall(b"220 mx ESMTP\r\n")  # one TLS record
conn.sendall(b"250 unsolicited\r\n")  # a second one, unasked
received = b""
deadline = time.time() + 3
try:
    while time.time() < deadline:
        data = conn.recv(4096)
        if not data:
            break
        received += data
        if b"\r\n" in data:
            conn.sendall(b"250-mx\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n")
except (socket.timeout, ssl.SSLError, OSError):
    pass
with open(log_path, "wb") as log:
    log.write(received)
