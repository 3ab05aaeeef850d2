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

port_file, log_path, cert, key = sys.argv[1:5]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(1)
with open(port_file, "w") as f:
    f.write(str(listener.getsockname()[1]))
listener.settimeout(20)
raw, _ = listener.accept()
raw.settimeout(10)
conn = context.wrap_socket(raw, server_side=True)
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
