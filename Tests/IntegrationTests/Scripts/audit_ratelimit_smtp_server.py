#!/usr/bin/env python3
"""An SMTP server that answers 421 to every second connection (a rate-limiting MX), otherwise
a careful STARTTLS server. For mail-tls-audit: a 421 is "rate limited", never a TLS failure.
Usage: audit_ratelimit_smtp_server.py PORTFILE LOG CERT KEY
"""
from audit_smtp_common import serve

serve("ratelimit")
