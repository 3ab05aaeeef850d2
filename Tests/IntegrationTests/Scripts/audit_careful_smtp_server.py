#!/usr/bin/env python3
"""A careful SMTP server with STARTTLS: it forgets every byte read before the handshake (the
fix for CVE-2011-0411). The audit's control case. Usage: audit_careful_smtp_server.py PORTFILE
LOG CERT KEY
"""
from audit_smtp_common import serve

serve("careful")
