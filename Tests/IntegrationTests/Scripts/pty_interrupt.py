#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal (its stderr is a terminal, as for a user at a shell) and,
once MAILDIR holds THRESHOLD files (new/, cur/ and tmp/ together), sends it SIGINT as Ctrl-C
would. THRESHOLD 0: never. Writes everything the command wrote to the terminal to stdout, raw,
and exits with the command's exit status (-1 when it had to be killed after 120 s).

usage: pty_interrupt.py MAILDIR THRESHOLD COMMAND [ARGS...]
"""

import os
import pty
import select
import signal
import sys
import time


def files(maildir):
    total = 0
    for sub in ("new", "cur", "tmp"):
        try:
            total += len(os.listdir(os.path.join(maildir, sub)))
        except OSError:
            pass
    return total


def main():
    maildir, threshold, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    output = bytearray()
    interrupted = False
    deadline = time.time() + 120
    while time.time() < deadline:
        if threshold > 0 and not interrupted and files(maildir) >= threshold:
            os.kill(pid, signal.SIGINT)
            interrupted = True
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the command ended and the terminal closed
                break
            if not data:
                break
            output += data
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(output))
    sys.exit(-1 if time.time() >= deadline else os.waitstatus_to_exitcode(status) & 0xFF)


main()
