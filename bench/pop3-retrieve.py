#!/usr/bin/env python3
"""pop3-retrieve against mpop, curl and the raw limit, side by side in one run, on the local Dovecot
of testservers/ (POP3S, port DOVECOT_POP3S_PORT, user bob; every tool verifies the test CA).

Cases (each contender once per round, alternating; medians, ratios, peak RSS from GNU time):
  Retrieve --messages N (default 10,000) messages of 10 KiB into an empty Maildir, the messages
  kept on the server:
    pop3-retrieve  pop3-retrieve -s --cacert CA -u bob:PASS --maildir DIR pop3s://localhost:PORT/
    mpop           mpop 1.4 from the command line only (--host), POP3S (--tls=on
                   --tls-starttls=off), --auth=plain, --keep=on, --delivery=maildir,DIR (made with
                   tmp/ new/ cur/ beforehand, as mpop requires) and a UIDL file that does not exist
                   yet (--uidls-file inside the fresh directory, so nothing is skipped); its default
                   pipelining (auto) and Received header
    curl           one curl process for all messages with URL globbing:
                   curl --cacert CA -u bob:PASS 'pop3s://localhost:PORT/[1-N]' -o 'DIR/#1.eml'
                   (one connection, one round trip per message, no fsync)
    raw            the raw limit: this script (--raw-retr) logs in with Python's ssl (OpenSSL) and
                   USER/PASS, sends `RETR 1` .. `RETR N` in chunks of RAW_CHUNK, at most RAW_WINDOW
                   in flight, reading as it goes, into nothing, and counts the N terminating
                   "." lines (CRLF . CRLF) without parsing anything else.
    raw+write      the raw limit with the disk's cost: the same RETRs (--raw-write DIR), each body
                   (as sent) written to its own file in one directory as it arrives, one syncfs at
                   the end (no unstuffing, no renames, no state): what durability alone costs.
  Ratios to mpop, to the raw limit and to the raw+write limit. The requirement (issue 6): pop3-retrieve's median at most
  0.6x mpop's, at most 3x the raw limit's, peak RSS under 30 MiB.
  Then, unless --rss-messages 0, one retrieval of --rss-messages N (default 100,000) messages of
  1 KiB by pop3-retrieve alone, for its peak RSS. Issue 15's must-holds, printed under the table
  and saved as "must_hold": peak RSS at most 16 MiB for 10,000 messages, 17 MiB for 100,000.

With --baseline DIR, DIR/pop3-retrieve (another build, e.g. OLD_WORKTREE/.build/release) runs as
"pop3-retrieve (baseline)", right after pop3-retrieve in every round, with the same arguments and
the same check; the case prints the ratio current/baseline, and a `--version` start-up case
(current against baseline, --runs x 20 rounds) is added.

Every run writes into a fresh directory (made off the clock, removed only at the end of the case:
see timed()) and is checked afterwards: the messages on disk must carry every X-Seed index 1..N
exactly once (the raw limit: N terminators counted). The page cache is flushed (sync) before every
timed run, so that one tool's unwritten data does not slow the next one's fsyncs. bob's mailbox is
cleared and seeded before the case and cleared again at the end. Writes
bench/results/pop3-retrieve.json.

Where the Maildirs go: --workdir DIR, else a journaled ext4 loop-mounted at /mnt/bench, which this
script sets up when run as root (truncate -s 8G /var/tmp/bench.img; mkfs.ext4 -F; mount -o loop) and
reuses when mounted; without root it says so and writes to bench/results.

Caveat (this machine's root file system is ext4 without a journal): there, creating a file skips
every free inode of the block group that was deleted recently (seconds, or minutes while its inode
table block is dirty), at one buffer lookup each. After a mass deletion nearby (a previous run of
this script or of imap-fetch.py removing its Maildirs, seed-mailbox --clear) every create costs up
to ~0.7 ms of system time instead of ~20 us for some minutes: 10,000 creates then add seconds to
every tool that writes files, enough to turn pop3-retrieve's ratio to the raw limit from ~1.3 into
~4. So before the timed runs this script measures the cost of a file create (FS_PROBE_FILES empty
files in the work directory, kept) and waits, up to --settle seconds, until it is below
FS_QUIET_US; it measures again after the case and reports both, with every run's user and system
time. It also waits (up to --settle seconds) while another benchmark of bench/ or an mbsync, mpop
or curl of someone else runs. Leave ~5 minutes between runs of the benchmarks.

Usage: bench/pop3-retrieve.py [--runs N] [--messages N] [--settle SECONDS] [--workdir DIR] [--baseline DIR]
       (builds the release binary and starts the test servers first; MAILTLS_RUN names servers
       started elsewhere, as for testservers/)
"""
import argparse
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import mailbench  # noqa: E402
from mailbench import (EXTRA, Contender, FileWriter, add_baseline, compare, env_file, files_in,  # noqa: E402
                       journaled_workdir, print_table, timed)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench/results")
USER = "bob"
RAW_CHUNK = 100   # RETR commands sent at once by the raw limit
RAW_WINDOW = 200  # at most this many RETR commands in flight
MAX_RATIO_MPOP = 0.6
MAX_RATIO_RAW = 3.0
MAX_RSS_MIB = 30
FS_PROBE_FILES = 1000
FS_QUIET_US = 100  # per create; ~20 us on this machine when quiet, 300-900 us after a mass deletion
POLL_S = 30
OTHERS = ("imap-fetch.py", "smtp-send.py", "http-get.py", "pop3-retrieve.py", "mbsync", "mpop", "curl")


# --- the raw limit ------------------------------------------------------------------------------

TERMINATOR = b"\r\n.\r\n"


class RawPOP3:
    """Just enough POP3 to log in and pipeline RETR: single-line replies read as lines, multi-line
    ones only counted by their terminators."""

    def __init__(self, host, port, ca):
        context = ssl.create_default_context(cafile=ca)
        self.sock = context.wrap_socket(socket.create_connection((host, port)), server_hostname=host)
        self.sock.settimeout(120)  # a refused RETR has no terminator: fail rather than hang
        self.pending = b""
        self.line()  # the greeting

    def line(self):
        while b"\r\n" not in self.pending:
            data = self.sock.recv(4096)
            if not data:
                raise SystemExit("raw retr: connection closed")
            self.pending += data
        line, self.pending = self.pending.split(b"\r\n", 1)
        if not line.startswith(b"+OK"):
            raise SystemExit(f"raw retr: {line.decode(errors='replace')}")
        return line

    def command(self, text):
        self.sock.sendall(text.encode() + b"\r\n")
        return self.line()

    def retr_all(self, count):
        """Sends RETR 1..count in chunks, reads until count terminators; returns bytes received."""
        if self.pending:
            raise SystemExit("raw retr: unexpected data before RETR")
        buf = bytearray(1 << 20)
        view = memoryview(buf)
        sent = done = total = 0
        tail = b""  # the last 4 bytes received: a terminator may straddle two reads
        while done < count:
            while sent < count and sent - done <= RAW_WINDOW - RAW_CHUNK:
                upto = min(count, sent + RAW_CHUNK)
                self.sock.sendall(b"".join(b"RETR %d\r\n" % i for i in range(sent + 1, upto + 1)))
                sent = upto
            n = self.sock.recv_into(buf)
            if n == 0:
                raise SystemExit(f"raw retr: connection closed after {done} of {count} messages")
            total += n
            # The terminator is 5 bytes: one that straddles lies within 4 bytes either side.
            done += (tail + view[:min(n, 4)].tobytes()).count(TERMINATOR) + buf.count(TERMINATOR, 0, n)
            tail = (tail + view[max(0, n - 4):n].tobytes())[-4:]
        if done != count:
            raise SystemExit(f"raw retr: {done} terminators for {count} RETR commands")
        return total


    def retr_into(self, count, writer):
        """The raw+write limit: RETR 1..count as retr_all sends them, each body (as sent: dot
        stuffing and CR LF kept) written to its own file as it arrives; returns bytes received."""
        if self.pending:
            raise SystemExit("raw retr: unexpected data before RETR")
        sent = done = total = 0
        data, pos, in_body = b"", 0, False
        while done < count:
            while sent < count and sent - done <= RAW_WINDOW - RAW_CHUNK:
                upto = min(count, sent + RAW_CHUNK)
                self.sock.sendall(b"".join(b"RETR %d\r\n" % i for i in range(sent + 1, upto + 1)))
                sent = upto
            if in_body:
                # The body ends at CR LF . CR LF; a straddling one lies within the last 4 bytes.
                end = data.find(TERMINATOR, max(0, pos - 2))
                if end >= 0:
                    writer.write(memoryview(data)[pos:end + 2])
                    writer.end()
                    pos, in_body, done = end + len(TERMINATOR), False, done + 1
                    continue
                keep = max(pos, len(data) - 4)
                writer.write(memoryview(data)[pos:keep])
                pos = keep
            elif (end := data.find(b"\r\n", pos)) >= 0:
                if not data.startswith(b"+OK", pos):
                    raise SystemExit(f"raw retr: {data[pos:end].decode(errors='replace')}")
                writer.begin()
                pos, in_body = end + 2, True
                if data.startswith(b".\r\n", pos):  # an empty body
                    writer.end()
                    pos, in_body, done = pos + 3, False, done + 1
                continue
            more = self.sock.recv(1 << 20)
            if not more:
                raise SystemExit(f"raw retr: connection closed after {done} of {count} messages")
            total += len(more)
            data, pos = data[pos:] + more, 0
        return total


def raw_retr(port, ca, user, password, count, report, directory=None):
    pop = RawPOP3("localhost", port, ca)
    pop.command(f"USER {user}")
    pop.command(f"PASS {password}")
    if directory:
        writer = FileWriter(directory)
        total = pop.retr_into(count, writer)
        writer.sync()
    else:
        total = pop.retr_all(count)
    try:
        pop.command("QUIT")
    except (OSError, SystemExit):
        pass
    pop.sock.close()
    if report:
        with open(report, "w") as f:
            f.write(f"{count} {total}\n")


# --- helpers ------------------------------------------------------------------------------------

def seed(count, size):
    subprocess.run([f"{ROOT}/testservers/seed-mailbox", "--clear", USER], check=True)
    subprocess.run([f"{ROOT}/testservers/seed-mailbox", USER, str(count), size], check=True)


def server_count():
    conf = os.path.join(benchlib.RUN, "dovecot/conf/dovecot.conf")
    r = subprocess.run(["doveadm", "-c", conf, "mailbox", "status", "-u", USER, "messages", "INBOX"],
                       capture_output=True, text=True, check=True)
    return int(r.stdout.strip().split("=")[1])


SEED_RE = re.compile(rb"^X-Seed: (\d+)/(\d+)\r?$", re.M)


def seeded_messages(paths, expected, minimum_size=9 * 1024):
    """Checks that the files hold the seeded messages 1..expected, each exactly once and at least
    MINIMUM_SIZE bytes (10 KiB seeds: 9 KiB; 1 KiB seeds: 900 bytes); returns how many messages
    they hold (extra ones, delivered meanwhile, have no X-Seed of this seeding)."""
    seen = set()
    count = 0
    for path in paths:
        with open(path, "rb") as f:
            head = f.read(8192)
        count += 1
        m = SEED_RE.search(head.split(b"\n\r\n", 1)[0].split(b"\n\n", 1)[0])
        if not m or int(m.group(2)) != expected:
            continue
        index = int(m.group(1))
        if index in seen:
            raise SystemExit(f"{path}: message X-Seed {index}/{expected} saved twice")
        if os.path.getsize(path) < minimum_size:
            raise SystemExit(f"{path}: message X-Seed {index}/{expected} truncated "
                             f"({os.path.getsize(path)} bytes)")
        seen.add(index)
    missing = expected - len(seen)
    if missing:
        raise SystemExit(f"{missing} of the {expected} seeded messages missing among {len(paths)} files "
                         f"(is someone else using {USER}'s mailbox?)")
    return count


def create_cost_us(work, seq=[0]):
    """Microseconds per file create in `work` (empty files, after a sync; kept, see timed())."""
    seq[0] += 1
    d = os.path.join(work, f"fs-probe-{seq[0]}")
    os.makedirs(d)
    os.sync()
    start = time.perf_counter()
    for i in range(FS_PROBE_FILES):
        os.close(os.open(os.path.join(d, str(i)), os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    return (time.perf_counter() - start) / FS_PROBE_FILES * 1e6


def others_running():
    """Command lines of other benchmarks or peer tools running, not this script's own."""
    mine = set()
    pid = os.getpid()
    while pid > 1:  # this script and its ancestors (a wrapper's command line names it too)
        mine.add(pid)
        with open(f"/proc/{pid}/stat") as f:
            pid = int(f.read().rsplit(")", 1)[1].split()[1])
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in mine:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            ppid = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1]
        except OSError:
            continue
        if int(ppid) in mine:
            continue  # this script's own children (seed-mailbox, swift)
        words = [os.path.basename(a.decode(errors="replace")) for a in argv[:3]]
        if any(w in OTHERS for w in words):
            found.append(" ".join(a.decode(errors="replace") for a in argv if a)[:120])
    return found


def settle(work, limit, log):
    """Waits (up to `limit` s) until no other benchmark runs and a file create is cheap again;
    appends every create probe to `log` and returns the last one (us)."""
    deadline = time.monotonic() + limit
    while True:
        others = others_running()
        cost = create_cost_us(work)
        log.append(round(cost, 1))
        if not others and cost <= FS_QUIET_US:
            return cost
        why = (f"other benchmarks running: {others}" if others else
               f"a file create costs {cost:.0f} us (> {FS_QUIET_US}: recent mass deletion, see the top)")
        if time.monotonic() + POLL_S > deadline:
            print(f"warning: measuring anyway, {why}", file=sys.stderr)
            return cost
        print(f"waiting: {why}", file=sys.stderr)
        time.sleep(POLL_S)


def requirement(case):
    """Issue 6's three conditions, from the case's pop3-retrieve entry."""
    own = next(c for c in case["contenders"] if c["label"] == "pop3-retrieve")
    checks = {
        f"median <= {MAX_RATIO_MPOP}x mpop": own["ratio_to_mpop"] <= MAX_RATIO_MPOP,
        f"median <= {MAX_RATIO_RAW}x raw": own["ratio_to_raw"] <= MAX_RATIO_RAW,
        f"peak RSS < {MAX_RSS_MIB} MiB": own["peak_rss_kib"] < MAX_RSS_MIB * 1024,
    }
    return {"checks": checks, "met": all(checks.values()),
            "values": {"ratio_to_mpop": own["ratio_to_mpop"], "ratio_to_raw": own["ratio_to_raw"],
                       "peak_rss_mib": own["peak_rss_kib"] / 1024}}


# --- main ---------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--rss-messages", type=int, default=100000,
                        help="then one retrieval of this many 1 KiB messages, for its peak RSS (0: none)")
    parser.add_argument("--settle", type=int, default=600,
                        help="seconds to wait at most for a quiet file system and no other benchmark")
    parser.add_argument("--workdir",
                        help="where the Maildirs are written (default: a journaled ext4 at /mnt/bench, set up "
                             "when run as root, else bench/results; see mailbench.journaled_workdir)")
    parser.add_argument("--raw-retr", nargs=6, metavar=("PORT", "CA", "USER", "PASS", "COUNT", "REPORT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--raw-write", metavar="DIR", help=argparse.SUPPRESS)
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()
    if args.raw_retr:
        port, ca, user, password, count, report = args.raw_retr
        raw_retr(int(port), ca, user, password, int(count), report if report != "-" else None, args.raw_write)
        return

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "pop3-retrieve"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start"], check=True)

    port = env_file("ports.env")["DOVECOT_POP3S_PORT"]
    password = env_file("users.env")["MAIL_PASS_BOB"]
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    base = f"pop3s://localhost:{port}"
    pop3_retrieve = os.path.join(bin_dir, "pop3-retrieve")
    baseline = benchlib.baseline_binary(args.baseline, "pop3-retrieve", pop3_retrieve)
    mpop_version = subprocess.run(["mpop", "--version"], capture_output=True, text=True,
                                  check=True).stdout.split("\n")[0]
    # Same trust for all: the test CA given explicitly, no environment defaults.
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    os.makedirs(RESULTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="pop3-retrieve-work-", dir=journaled_workdir(args.workdir, RESULTS))
    n = args.messages

    def maildir_files(d):
        return files_in(os.path.join(d, "Maildir/new"), os.path.join(d, "Maildir/cur"))

    pop3_retrieve_contender = Contender(
        "pop3-retrieve",
        lambda d: [pop3_retrieve, "-s", "--cacert", ca, "-u", f"{USER}:{password}",
                   "--maildir", os.path.join(d, "Maildir"), f"{base}/"],
        lambda d: seeded_messages(maildir_files(d), n))

    def mpop_prepare(d):
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(d, "Maildir", sub))
        return ["mpop", "-q", "--host=localhost", f"--port={port}", "--tls=on", "--tls-starttls=off",
                f"--tls-trust-file={ca}", "--auth=plain", f"--user={USER}",
                f"--passwordeval=echo {shlex.quote(password)}", "--keep=on",
                f"--delivery=maildir,{os.path.join(d, 'Maildir')}",
                f"--uidls-file={os.path.join(d, 'uidls')}"]  # does not exist yet: nothing is skipped

    mpop = Contender("mpop", mpop_prepare, lambda d: seeded_messages(maildir_files(d), n))

    curl = Contender(
        "curl",
        lambda d: ["curl", "-sS", "--cacert", ca, "-u", f"{USER}:{password}",
                   f"{base}/[1-{n}]", "-o", os.path.join(d, "#1.eml")],
        lambda d: seeded_messages(files_in(d), n))

    raw_bytes = []

    def raw_check(d):
        with open(os.path.join(d, "report")) as f:
            count, total = map(int, f.read().split())
        raw_bytes.append(total)
        return count  # raw_retr ends with an error unless it counted exactly n terminators

    raw = Contender("raw", lambda d: [sys.executable, os.path.abspath(__file__), "--raw-retr", port, ca, USER,
                                      password, str(n), os.path.join(d, "report")], raw_check)

    def raw_write_prepare(d):
        os.makedirs(os.path.join(d, "files"))
        return [sys.executable, os.path.abspath(__file__), "--raw-retr", port, ca, USER, password, str(n), "-",
                "--raw-write", os.path.join(d, "files")]

    raw_write = Contender("raw+write", raw_write_prepare,
                          lambda d: seeded_messages(files_in(os.path.join(d, "files")), n))

    results, fs_probe = [], {"before_us": [], "after_us": []}
    try:
        # Nobody else's benchmark may be seeding, clearing or loading the machine meanwhile.
        settle(work, args.settle, fs_probe["before_us"])
        seed(n, "10k")
        if server_count() != n:
            raise SystemExit(f"{USER}'s INBOX does not hold the {n} messages just seeded")
        # Warm Dovecot (index and cache files, POP3 sizes and UIDLs) once.
        timed(raw, work, n, env)
        # seed-mailbox --clear just deleted whatever bob held: wait for creates to be cheap again.
        settle(work, args.settle, fs_probe["before_us"])
        case = compare(f"retrieve {n} x 10 KiB into Maildir",
                       add_baseline([pop3_retrieve_contender, mpop, curl, raw, raw_write], "pop3-retrieve",
                                    pop3_retrieve, baseline),
                       ["mpop", "raw", "raw+write"], args.runs, work, n, env,
                       after=lambda: fs_probe["after_us"].append(round(create_cost_us(work), 1)))
        case["fs_create_probe_us"] = fs_probe
        case["others_running_after"] = others_running()
        case["raw_bytes"] = max(raw_bytes)
        case["raw_window"] = {"chunk": RAW_CHUNK, "in_flight": RAW_WINDOW}
        case["mpop_version"] = mpop_version
        case["extra_messages"] = list(EXTRA)
        case["requirement"] = requirement(case)
        results.append(case)

        if args.rss_messages:
            # Issue 15: memory that does not grow with the maildrop (one run: RSS is not noisy).
            big = args.rss_messages
            seed(big, "1k")
            results.append(compare(f"retrieve {big} x 1 KiB (peak RSS)", [Contender(
                "pop3-retrieve", pop3_retrieve_contender.prepare,
                lambda d: seeded_messages(maildir_files(d), big, minimum_size=900))], [], 1, work, big, env,
                warmup=0))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        # The benchmark filled bob's mailbox: empty it again.
        subprocess.run([f"{ROOT}/testservers/seed-mailbox", "--clear", USER], check=False)
    if baseline:
        results.append(benchlib.version_case("pop3-retrieve", pop3_retrieve, baseline, args.runs * 20, env))

    print_table(results)
    for r in results:
        for c in r["contenders"]:
            if "user_s" not in c:
                continue  # the --version case: wall times only
            print(f"{r['case']:<38} {c['label']:<{benchlib.label_width(results, 13)}} wall " + " ".join(f"{x:.2f}" for x in c["samples_s"])
                  + "  user " + " ".join(f"{x:.2f}" for x in c["user_s"])
                  + "  sys " + " ".join(f"{x:.2f}" for x in c["system_s"]))
    probe = results[0]["fs_create_probe_us"]
    print(f"file create cost (us, {FS_PROBE_FILES} files): before {probe['before_us']}, after {probe['after_us']}"
          f" (quiet <= {FS_QUIET_US})")
    if results[0]["others_running_after"]:
        print(f"warning: other benchmarks were running at the end: {results[0]['others_running_after']}")
    print(f"raw limit: {results[0]['raw_bytes']} bytes received per retrieval "
          f"(RETR in chunks of {RAW_CHUNK}, at most {RAW_WINDOW} in flight); {mpop_version}")
    req = results[0]["requirement"]
    print("requirement (issue 6): " + "; ".join(f"{k}: {'met' if ok else 'MISSED'}" for k, ok in req["checks"].items())
          + f" (pop3-retrieve {req['values']['ratio_to_mpop']:.2f}x mpop, {req['values']['ratio_to_raw']:.2f}x raw, "
          f"{req['values']['peak_rss_mib']:.1f} MiB)")
    if EXTRA:
        print(f"note: {len(EXTRA)} runs saved more messages than were seeded (mail delivered to {USER} "
              f"meanwhile): {EXTRA}")
    checks = mailbench.rss_must_holds(results, "pop3-retrieve", args.messages, args.rss_messages)
    benchlib.print_must_holds(checks)
    benchlib.save(results, os.path.join(RESULTS, "pop3-retrieve.json"), must_hold=checks,
                  **benchlib.baseline_meta("pop3-retrieve", pop3_retrieve, baseline))


if __name__ == "__main__":
    main()
