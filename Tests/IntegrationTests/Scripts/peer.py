"""What every scripted peer of the integration tests starts with: one listening socket on
127.0.0.1 at a free port, the port written to PORTFILE for the test to read, one accepted
connection with its time bounds, and a TLS server context from the test certificate. Each
peer's script stays about its own dialog."""
import socket
import ssl


def tls_context(cert, key, sni_callback=None):
    """A TLS server context with the certificate chain CERT and key KEY."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if sni_callback:
        context.sni_callback = sni_callback
    return context


def listen(port_file, backlog=1, accept_timeout=20):
    """A socket listening on 127.0.0.1 at a free port, written to PORT_FILE; its accept waits at
    most ACCEPT_TIMEOUT seconds."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(backlog)
    with open(port_file, "w") as f:
        f.write(str(listener.getsockname()[1]))
    listener.settimeout(accept_timeout)
    return listener


def accept_one(port_file, accept_timeout=20, timeout=10):
    """Listens (`listen`), accepts one connection and bounds each of its reads and writes by
    TIMEOUT seconds."""
    conn, _ = listen(port_file, accept_timeout=accept_timeout).accept()
    conn.settimeout(timeout)
    return conn
