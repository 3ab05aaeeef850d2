#!/usr/bin/env python3
"""An IMAPS server (TLS from the first byte) that offers only AUTH=EXTERNAL, for curl's test 837
and 838 over TLS, where EXTERNAL belongs: it accepts AUTHENTICATE EXTERNAL (with or without an
initial response), answers SELECT, FETCH and LOGOUT, and logs every line it receives to LOG.
Usage: imaps_external_server.py PORTFILE LOG CERT KEY
"""
import socket
import ssl
import sys

import peer

port_file, log_path, cert, key = sys.argv[1:5]
conn = peer.tls_context(cert, key).wrap_socket(peer.accept_one(port_file), server_side=True)
stream = conn.makefile("rwb", buffering=0)
log = open(log_path, "wb")
body = b"From: me@somewhere\r\n\r\nbody\r\n"


def send(data):
    stream.write(data)


def line():
    data = stream.readline(1000)
    log.write(data)
    log.flush()
    return data


send(b"* OK [CAPABILITY IMAP4rev1 AUTH=EXTERNAL SASL-IR] ready\r\n")
try:
    for _ in range(20):
        request = line()
        if not request:
            break
        tag, _, rest = request.rstrip(b"\r\n").partition(b" ")
        command = rest.split(b" ")[0].upper()
        if command == b"AUTHENTICATE":
            if len(rest.split(b" ")) == 2:  # no initial response: ask for it
                send(b"+ \r\n")
                line()
            send(tag + b" OK [CAPABILITY IMAP4rev1] authenticated\r\n")
        elif command == b"SELECT":
            send(b"* 1 EXISTS\r\n" + tag + b" OK [READ-WRITE] selected\r\n")
        elif command == b"FETCH":
            send(b"* 1 FETCH (BODY[] {%d}\r\n" % len(body) + body + b")\r\n" + tag + b" OK done\r\n")
        elif command == b"LOGOUT":
            send(b"* BYE bye\r\n" + tag + b" OK logged out\r\n")
            break
        else:
            send(tag + b" BAD unknown\r\n")
except (socket.timeout, ssl.SSLError, OSError):
    pass
log.close()
