#!/usr/bin/env python3
"""imap-fetch against mbsync, curl and the raw limit, side by side in one run, on the local Dovecot
of testservers/ (IMAPS, port DOVECOT_IMAPS_PORT, user bob; every tool verifies the test CA).

Cases (each contender once per round, alternating; medians, ratios, peak RSS from GNU time):
  1. Pull --messages N (default 10,000) messages of 10 KiB from one mailbox of bob (--mailbox, see
     below) into an empty Maildir, the messages kept on the server:
       imap-fetch  imap-fetch -s --cacert CA -u bob:PASS --maildir DIR imaps://localhost:PORT/MAILBOX
       mbsync      isync 1.4 with a temporary mbsyncrc (Sync Pull, Create Near, Expunge None,
                   Remove None; SyncState inside the fresh directory, so nothing is skipped), its
                   default FSync, and the PipelineDepth that was fastest in a probe run just before
                   (1, 10, 50, 200 and unlimited, one pull each)
       curl        one curl process for all messages with URL globbing:
                   curl --cacert CA -u bob:PASS 'imaps://.../MAILBOX/;UID=[1-N]' -o 'DIR/#1.eml'
                   (one connection, one round trip per message, no fsync)
       raw         the raw limit: this script (--raw-fetch) logs in with Python's ssl (OpenSSL),
                   SELECTs, sends one `UID FETCH 1:* BODY.PEEK[]` and reads every byte up to the
                   tagged OK, without parsing, into nothing.
       raw+write   the raw limit with the disk's cost: the same fetch (--raw-write DIR), each message's
                   literal written to its own file in one directory as it arrives, one syncfs at the
                   end (no parsing, no renames, no state): what durability alone costs.
     Ratios to mbsync, to the raw limit and to the raw+write limit.
  2. Pull --rss-messages N (default 100,000; 0 leaves it out) messages of 1 KiB: imap-fetch once,
     for its peak RSS (issue 15: at most 16 MiB for 10,000 messages, 17 MiB for 100,000; printed
     under the table as "must hold" lines and saved as "must_hold" in the JSON).
  3. One 200 MiB message: imap-fetch --maildir DIR against curl 'imaps://.../MAILBOX/;UID=1' -o FILE
     (3 runs; ratio to curl).

With --baseline DIR, DIR/imap-fetch (another build, e.g. OLD_WORKTREE/.build/release) runs in both
cases as "imap-fetch (baseline)", right after imap-fetch in every round and with the same arguments;
each case prints the ratio current/baseline, and a `--version` start-up case (current against
baseline, --runs x 20 rounds) is added.

The mailbox is bob's "imap-fetch-bench" by default, not INBOX: other benchmarks and the smtp-send
tests deliver mail to bob's INBOX (one run here pulled 1,415 extra messages), and pop3-retrieve's
benchmark seeds and clears it. The script deletes and reseeds only its own mailbox (doveadm mailbox
delete), and deletes it at the end. With --mailbox INBOX it uses seed-mailbox --clear bob instead,
before each case and at the end; mail delivered meanwhile is then tolerated with a warning.

Every run writes into a fresh directory (made off the clock, removed only at the end of the case:
see timed()) and is checked afterwards (the number of messages on disk). The page cache is flushed
(sync) before every timed run, so that one tool's unwritten data does not slow the next one's
fsyncs. The mailbox is emptied and seeded for each case. Writes bench/results/imap-fetch.json.

Where the Maildirs go: --workdir DIR, else a journaled ext4 loop-mounted at /mnt/bench, which this
script sets up when run as root (truncate -s 8G /var/tmp/bench.img; mkfs.ext4 -F; mount -o loop) and
reuses when mounted; without root it says so and writes to bench/results.

Caveat (this machine's root file system is ext4 without a journal): there, creating a file skips
every free inode of the block group that was deleted in the last 5 s, or 305 s when its inode table
block is dirty, at one buffer lookup each. After a mass deletion nearby (a previous run of this
script removing its Maildirs, other benchmarks, seed-mailbox --clear) every create costs up to
~0.5 ms of system time for some minutes; it hits hardest the tools that keep many new inodes
dirty (curl never syncs, imap-fetch syncs per batch; mbsync fsyncs each file). Leave ~5 minutes
between runs, avoid running beside other mail benchmarks, and watch the user/system times printed
under the table (a quiet imap-fetch pull of 10,000 messages takes ~0.6 s of system time).

Usage: bench/imap-fetch.py [--runs N] [--messages N] [--skip-large] [--mailbox NAME] [--workdir DIR]
                           [--baseline DIR]
       (builds the release binary and starts the test servers first; MAILTLS_RUN names servers
       started elsewhere, as for testservers/)
"""
import argparse
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import mailbench  # noqa: E402
from mailbench import (EXTRA, Contender, FileWriter, add_baseline, compare, env_file, files_in,  # noqa: E402
                       journaled_workdir, print_table, timed)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench/results")
USER = "bob"
PIPELINE_DEPTHS = ("1", "10", "50", "200", "unlimited")
LARGE_RUNS = 3


# --- the raw limit ------------------------------------------------------------------------------

def imap_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class RawIMAP:
    """Just enough IMAP to log in, select and fetch: reads until a tagged line, nothing parsed."""

    def __init__(self, host, port, ca):
        context = ssl.create_default_context(cafile=ca)
        self.sock = context.wrap_socket(socket.create_connection((host, port)), server_hostname=host)
        self.buf = bytearray(1 << 20)
        self.view = memoryview(self.buf)
        self.tail = b""
        self.until(None)  # the greeting

    def until(self, tag):
        """Reads until the line tagged `tag` (None: the first line) has arrived; returns the bytes
        read and the tagged line. The tagged line is the last thing the server sends, so only
        the last bytes received are looked at."""
        total = 0
        marker = b"\r\n" + tag.encode() + b" " if tag else None
        self.tail = b""
        while True:
            n = self.sock.recv_into(self.buf)
            if n == 0:
                raise SystemExit("raw fetch: connection closed before the tagged response")
            total += n
            self.tail = (self.tail + self.view[max(0, n - 512):n].tobytes())[-512:]
            if not self.tail.endswith(b"\r\n"):
                continue
            if marker is None:
                return total, self.tail
            at = (b"\r\n" + self.tail).rfind(marker)
            if at >= 0:
                line = (b"\r\n" + self.tail)[at + 2:]
                if not line.startswith(tag.encode() + b" OK"):
                    raise SystemExit(f"raw fetch: {line.decode(errors='replace').strip()}")
                return total, line

    def command(self, tag, text):
        self.sock.sendall(f"{tag} {text}\r\n".encode())
        return self.until(tag)


    def fetch_into(self, tag, writer):
        """The raw+write limit: sends `UID FETCH 1:* BODY.PEEK[]` and writes each message's
        literal to its own file as it arrives (lines are looked at only for a literal's size or
        the tag); returns the bytes received."""
        self.sock.sendall(f"{tag} UID FETCH 1:* BODY.PEEK[]\r\n".encode())
        marker = tag.encode() + b" "
        data, pos, total, literal = b"", 0, 0, 0
        while True:
            if literal:
                if pos == len(data):
                    data, pos = self.receive(), 0
                    total += len(data)
                take = min(literal, len(data) - pos)
                writer.write(memoryview(data)[pos:pos + take])
                pos += take
                literal -= take
                if not literal:
                    writer.end()
                continue
            end = data.find(b"\r\n", pos)
            if end < 0:
                more = self.receive()
                total += len(more)
                data, pos = data[pos:] + more, 0
                continue
            line = data[pos:end]
            pos = end + 2
            if line.startswith(marker):
                if not line.startswith(marker + b"OK"):
                    raise SystemExit(f"raw fetch: {line.decode(errors='replace')}")
                return total
            if line.endswith(b"}"):
                literal = int(line[line.rindex(b"{") + 1:-1])
                writer.begin()
                if not literal:
                    writer.end()

    def receive(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise SystemExit("raw fetch: connection closed before the tagged response")
        return data


def raw_fetch(port, ca, user, password, mailbox, report, directory=None):
    imap = RawIMAP("localhost", port, ca)
    imap.command("L1", f"LOGIN {imap_quote(user)} {imap_quote(password)}")
    imap.command("S1", f"SELECT {imap_quote(mailbox)}")
    if directory:
        writer = FileWriter(directory)
        total = imap.fetch_into("F1", writer)
        writer.sync()
    else:
        total, _ = imap.command("F1", "UID FETCH 1:* BODY.PEEK[]")
    try:
        imap.command("Q1", "LOGOUT")
    except (OSError, SystemExit):
        pass
    imap.sock.close()
    if report:
        with open(report, "w") as f:
            f.write(f"{total}\n")


# --- helpers ------------------------------------------------------------------------------------

DOVECOT_CONF = os.path.join(benchlib.RUN, "dovecot/conf/dovecot.conf")


def empty(mailbox):
    """Removes what the benchmark seeded: its own mailbox, or everything of bob for INBOX."""
    if mailbox == "INBOX":
        subprocess.run([f"{ROOT}/testservers/seed-mailbox", "--clear", USER], check=True)
    else:
        subprocess.run(["doveadm", "-c", DOVECOT_CONF, "mailbox", "delete", "-u", USER, "-s", mailbox],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def seed(mailbox, count, size):
    empty(mailbox)
    subprocess.run([f"{ROOT}/testservers/seed-mailbox", USER, str(count), size, mailbox], check=True)
    held = server_count(mailbox)
    if held != count:
        raise SystemExit(f"{USER}'s {mailbox} holds {held} messages, not the {count} just seeded")


def server_count(mailbox):
    r = subprocess.run(["doveadm", "-c", DOVECOT_CONF, "mailbox", "status", "-u", USER, "messages", mailbox],
                       capture_output=True, text=True, check=True)
    return int(r.stdout.strip().split("=")[1])


def write_mbsyncrc(path, port, ca, password, mailbox, depth, inbox, state):
    lines = [
        "IMAPAccount bench",
        "Host localhost",
        f"Port {port}",
        f"User {USER}",
        f"Pass {password}",
        "SSLType IMAPS",  # isync 1.4 spelling of TLSType
        f"CertificateFile {ca}",
    ]
    if depth != "unlimited":  # mbsync's default is unlimited
        lines.append(f"PipelineDepth {depth}")
    lines += [
        "",
        "IMAPStore remote",
        "Account bench",
        "",
        "MaildirStore local",
        f"Path {os.path.dirname(inbox)}/",
        f"Inbox {inbox}",
        "",
        "Channel pull",
        f"Far :remote:{mailbox}",
        "Near :local:",
        "Sync Pull",
        "Create Near",
        "Expunge None",
        "Remove None",
        f"SyncState {state}/",
        "",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines))


# --- main ---------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--rss-messages", type=int, default=100000,
                        help="then one pull of this many 1 KiB messages, for its peak RSS (0: none)")
    parser.add_argument("--workdir",
                        help="where the Maildirs are written (default: a journaled ext4 at /mnt/bench, set up "
                             "when run as root, else bench/results; see mailbench.journaled_workdir)")
    parser.add_argument("--mailbox", default="imap-fetch-bench",
                        help="bob's mailbox to seed and pull (default imap-fetch-bench; INBOX: see above)")
    parser.add_argument("--raw-fetch", nargs=6, metavar=("PORT", "CA", "USER", "PASS", "MAILBOX", "REPORT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--raw-write", metavar="DIR", help=argparse.SUPPRESS)
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()
    if args.raw_fetch:
        port, ca, user, password, mailbox, report = args.raw_fetch
        raw_fetch(int(port), ca, user, password, mailbox, report if report != "-" else None, args.raw_write)
        return

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "imap-fetch"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start"], check=True)

    port = env_file("ports.env")["DOVECOT_IMAPS_PORT"]
    mailbox = "INBOX" if args.mailbox.upper() == "INBOX" else args.mailbox
    password = env_file("users.env")["MAIL_PASS_BOB"]
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    base = f"imaps://localhost:{port}"
    imap_fetch = os.path.join(bin_dir, "imap-fetch")
    baseline = benchlib.baseline_binary(args.baseline, "imap-fetch", imap_fetch)
    # Same trust for all: the test CA given explicitly, no environment defaults.
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    os.makedirs(RESULTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="imap-fetch-work-", dir=journaled_workdir(args.workdir, RESULTS))

    def imap_fetch_contender():
        return Contender(
            "imap-fetch",
            lambda d: [imap_fetch, "-s", "--cacert", ca, "-u", f"{USER}:{password}",
                       "--maildir", os.path.join(d, "Maildir"), f"{base}/{mailbox}"],
            lambda d: len(files_in(os.path.join(d, "Maildir/new"), os.path.join(d, "Maildir/cur"))))

    def mbsync_contender(depth, label="mbsync"):
        def prepare(d):
            rc = os.path.join(d, "mbsyncrc")
            write_mbsyncrc(rc, port, ca, password, mailbox, depth, os.path.join(d, "INBOX"),
                           os.path.join(d, "state"))
            return ["mbsync", "-q", "-c", rc, "pull"]
        return Contender(label, prepare,
                         lambda d: len(files_in(os.path.join(d, "INBOX/new"), os.path.join(d, "INBOX/cur"))))

    def curl_contender(count):
        uids = "1" if count == 1 else f"[1-{count}]"
        return Contender(
            "curl",
            lambda d: ["curl", "-sS", "--cacert", ca, "-u", f"{USER}:{password}",
                       f"{base}/{mailbox}/;UID={uids}", "-o", os.path.join(d, "#1.eml" if count > 1 else "1.eml")],
            lambda d: len(files_in(d)))

    raw_bytes = []

    def raw_check(d):
        with open(os.path.join(d, "report")) as f:
            raw_bytes.append(int(f.read()))
        # No parsing: the bytes received stand for the messages (at least 10 KiB each).
        return args.messages if raw_bytes[-1] >= args.messages * 10 * 1024 else 0  # extra mail: not counted

    raw = Contender("raw", lambda d: [sys.executable, os.path.abspath(__file__), "--raw-fetch", port, ca, USER,
                                      password, mailbox, os.path.join(d, "report")], raw_check)

    def raw_write_check(d):
        # Every message in its own file: the files stand for the messages.
        return len(files_in(os.path.join(d, "files")))

    def raw_write_prepare(d):
        os.makedirs(os.path.join(d, "files"))
        return [sys.executable, os.path.abspath(__file__), "--raw-fetch", port, ca, USER, password, mailbox, "-",
                "--raw-write", os.path.join(d, "files")]

    raw_write = Contender("raw+write", raw_write_prepare, raw_write_check)

    results, probe = [], {}
    try:
        n = args.messages
        seed(mailbox, n, "10k")
        # Warm Dovecot (index and cache files) once, then find mbsync's best PipelineDepth.
        timed(raw, work, n, env)
        # (The probe's directories stay until the end of the case, as every run's: see timed.)
        for depth in PIPELINE_DEPTHS:
            probe[depth], _ = timed(mbsync_contender(depth), work, n, env)
            print(f"mbsync PipelineDepth {depth}: {probe[depth]:.2f} s", file=sys.stderr)
        best = min(probe, key=probe.get)
        print(f"mbsync: best PipelineDepth {best}", file=sys.stderr)

        case = compare(f"pull {n} x 10 KiB into Maildir",
                       add_baseline([imap_fetch_contender(), mbsync_contender(best), curl_contender(n), raw,
                                     raw_write], "imap-fetch", imap_fetch, baseline),
                       ["mbsync", "raw", "raw+write"], args.runs, work, n, env)
        case["mbsync_pipeline_depth"] = best
        case["mbsync_pipeline_probe_s"] = probe
        case["raw_bytes"] = max(raw_bytes)
        case["extra_messages"] = list(EXTRA)
        case["mailbox"] = mailbox
        results.append(case)

        if args.rss_messages:
            # Issue 15: memory that does not grow with the mailbox (one run: RSS is not noisy).
            seed(mailbox, args.rss_messages, "1k")
            results.append(compare(f"pull {args.rss_messages} x 1 KiB (peak RSS)", [imap_fetch_contender()], [],
                                   1, work, args.rss_messages, env, warmup=0))

        if not args.skip_large:
            seed(mailbox, 1, "200M")
            results.append(compare("one 200 MiB message",
                                   add_baseline([imap_fetch_contender(), curl_contender(1)],
                                                "imap-fetch", imap_fetch, baseline),
                                   ["curl"], LARGE_RUNS, work, 1, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        # The benchmark filled a mailbox of bob: empty it again.
        empty(mailbox)
    if baseline:
        results.append(benchlib.version_case("imap-fetch", imap_fetch, baseline, args.runs * 20, env))

    print_table(results)
    for r in results:
        for c in r["contenders"]:
            if "user_s" not in c:
                continue  # the --version case: wall times only
            print(f"{r['case']:<38} {c['label']:<{benchlib.label_width(results, 11)}} wall " + " ".join(f"{x:.2f}" for x in c["samples_s"])
                  + "  user " + " ".join(f"{x:.2f}" for x in c["user_s"])
                  + "  sys " + " ".join(f"{x:.2f}" for x in c["system_s"]))
    print(f"mbsync PipelineDepth probe (one pull each): "
          + ", ".join(f"{d}: {t:.2f} s" for d, t in probe.items()) + f"; best {results[0]['mbsync_pipeline_depth']}")
    print(f"raw limit: {results[0]['raw_bytes']} bytes on the wire per pull")
    if EXTRA:
        print(f"note: {len(EXTRA)} runs saved more messages than were seeded (mail delivered to {USER} "
              f"meanwhile): {EXTRA}")
    checks = mailbench.rss_must_holds(results, "imap-fetch", args.messages, args.rss_messages)
    benchlib.print_must_holds(checks)
    benchlib.save(results, os.path.join(RESULTS, "imap-fetch.json"), must_hold=checks,
                  **benchlib.baseline_meta("imap-fetch", imap_fetch, baseline))


if __name__ == "__main__":
    main()
