#!/usr/bin/env python3
"""An SMTP server vulnerable to STARTTLS command injection (CVE-2011-0411): what arrived in the
same packet as STARTTLS is answered after the handshake, as if it came under TLS. For
mail-tls-audit's injection test. Usage: audit_injectable_smtp_server.py PORTFILE LOG CERT KEY
"""
from audit_smtp_common import serve

serve("injectable")
