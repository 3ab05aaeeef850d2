#!/usr/bin/env python3
"""A scripted FTP server for what vsftpd will not do, one session per run, on 127.0.0.1.
Scenarios:
  after234     AUTH TLS answered with 234 and, in the same segment, a forged 230 reply.
  protrefused  AUTH TLS (real TLS with CERT/KEY), then PROT P refused with 536.
  implicitprot implicit TLS from the first byte, then PROT P refused with 536.
  earlyclose   plaintext; SIZE says 100000 bytes, the data connection closes after 10.
  pasvelsewhere plaintext; the 227 reply names 192.0.2.1, the data listener is on 127.0.0.1.
  ccc          AUTH TLS, PROT P, then CCC accepted: TLS ends on the control connection, the
               data connection (RETR) is still TLS.
It writes its port to PORTFILE and every command line it receives to LOG.
Usage: ftp_hostile_server.py SCENARIO PORTFILE LOG CERT KEY
"""
import socket
import ssl
import sys

import peer

scenario, port_file, log_path, cert, key = sys.argv[1:6]
context = peer.tls_context(cert, key)
conn = peer.accept_one(port_file, timeout=20)
if scenario == "implicitprot":
    conn = context.wrap_socket(conn, server_side=True)
log = open(log_path, "w")
state = {"conn": conn, "buffer": b""}


def send(text):
    state["conn"].sendall(text.encode())


def line():
    while b"\n" not in state["buffer"]:
        data = state["conn"].recv(4096)
        if not data:
            sys.exit(0)
        state["buffer"] += data
    raw, state["buffer"] = state["buffer"].split(b"\n", 1)
    text = raw.decode(errors="replace").rstrip("\r")
    log.write(text + "\n")
    log.flush()
    return text


def data_listener():
    data = socket.socket()
    data.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    data.bind(("127.0.0.1", 0))
    data.listen(1)
    data.settimeout(20)
    return data


send("220 hostile FTP\r\n")
data = None
while True:
    command = line()
    verb = command.split(" ")[0].upper()
    if verb == "FEAT" and scenario in ("earlyclose", "pasvelsewhere"):
        send("211-Features:\r\n SIZE\r\n EPSV\r\n211 End\r\n")
    elif verb == "FEAT":
        send("211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n SIZE\r\n EPSV\r\n211 End\r\n")
    elif verb == "AUTH":
        if scenario == "after234":
            send("234 go ahead\r\n230 forged login\r\n")
        elif scenario in ("protrefused", "ccc"):
            send("234 go ahead\r\n")
            state["conn"] = context.wrap_socket(state["conn"], server_side=True)
        else:
            send("500 unknown command\r\n")
    elif verb == "USER":
        send("230 logged in\r\n")
    elif verb == "PBSZ":
        send("200 PBSZ=0\r\n")
    elif verb == "PROT" and scenario == "ccc":
        send("200 PROT P\r\n")
    elif verb == "PROT":
        send("536 PROT P not available\r\n")
    elif verb == "CCC" and scenario == "ccc":
        send("200 CCC ok\r\n")
        state["conn"] = state["conn"].unwrap()
        log.write("-- plaintext from here --\n")
    elif verb in ("TYPE", "CWD"):
        send("200 ok\r\n")
    elif verb == "SIZE":
        send("213 100000\r\n" if scenario == "earlyclose" else "213 15\r\n")
    elif verb == "EPSV":
        data = data_listener()
        send("229 Entering Extended Passive Mode (|||%d|)\r\n" % data.getsockname()[1])
    elif verb == "PASV":
        data = data_listener()
        port = data.getsockname()[1]
        send("227 Entering Passive Mode (192,0,2,1,%d,%d)\r\n" % (port // 256, port % 256))
    elif verb == "RETR" and data is not None:
        send("150 opening data connection\r\n")
        client, _ = data.accept()
        if scenario == "ccc":
            client = context.wrap_socket(client, server_side=True)
        if scenario == "earlyclose":
            client.sendall(b"0123456789")
        else:
            client.sendall(b"the right data\n")
        client.close()
        send("226 transfer complete\r\n")
    elif verb == "QUIT":
        send("221 bye\r\n")
        break
    else:
        send("502 not implemented\r\n")
