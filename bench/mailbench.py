"""Harness shared by the mail benchmarks (bench/imap-fetch.py, bench/pop3-retrieve.py): each run
of a contender gets a fresh directory, is timed with its CPU times and peak RSS (GNU time), and is
checked afterwards (the messages it saved); results get one ratio column per reference.

This machine's root file system is ext4 without a journal: creating an inode there skips every
inode freed in the last seconds, so deleting a run's 10,000 files slows the next run's creates
for every tool. Run directories are therefore kept until the end of a case.
"""
import ctypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = "bob"  # the test user whose mailbox the benchmarks seed; scripts may change it
CPU = {}  # label -> [(user s, system s)] of every run, warm-ups and probes included
EXTRA = []  # runs that saved more messages than were seeded (deliveries to the user meanwhile)

BENCH_IMAGE = "/var/tmp/bench.img"
BENCH_MOUNT = "/mnt/bench"
BENCH_IMAGE_SIZE = "8G"


def journaled_workdir(requested, default):
    """Where the benchmark writes its Maildirs: `requested` (--workdir) if given; else a journaled
    ext4 loop-mounted at BENCH_MOUNT, set up here when run as root (truncate -s 8G BENCH_IMAGE,
    mkfs.ext4 -F, mount -o loop; an existing mount is reused), so that figures are stable run to
    run and file creation costs what it costs on users' disks (this machine's root file system
    has no journal: see the top); else `default`, saying why."""
    if requested:
        return requested
    if os.path.ismount(BENCH_MOUNT):
        return BENCH_MOUNT
    why = None
    if os.geteuid() != 0:
        why = "not running as root"
    else:
        try:
            subprocess.run(["truncate", "-s", BENCH_IMAGE_SIZE, BENCH_IMAGE], check=True)
            subprocess.run(["mkfs.ext4", "-F", "-q", BENCH_IMAGE], check=True,
                           stdout=subprocess.DEVNULL)
            os.makedirs(BENCH_MOUNT, exist_ok=True)
            subprocess.run(["mount", "-o", "loop", BENCH_IMAGE, BENCH_MOUNT], check=True)
            return BENCH_MOUNT
        except (OSError, subprocess.CalledProcessError) as error:
            why = f"setting it up failed ({error})"
    print(f"warning: no journaled ext4 at {BENCH_MOUNT} ({why}); writing to {default}, whose file system "
          f"may not behave like users' disks (see the top of bench/mailbench.py)", file=sys.stderr)
    return default


def syncfs(path):
    """One syncfs(2) for the file system holding `path` (the raw+write limits' one sync)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if libc.syncfs(fd) != 0:
            raise OSError(ctypes.get_errno(), "syncfs", path)
    finally:
        os.close(fd)


class FileWriter:
    """The raw+write limits' disk side: each message into its own file of one directory, opened
    when it starts and written as its bytes arrive; one syncfs when all are in."""

    def __init__(self, directory):
        self.directory, self.count, self.fd = directory, 0, None

    def begin(self):
        self.count += 1
        self.fd = os.open(os.path.join(self.directory, str(self.count)), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)

    def write(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def end(self):
        os.close(self.fd)
        self.fd = None

    def sync(self):
        syncfs(self.directory)


def env_file(name):
    """NAME -> value of testservers/NAME (lines NAME=VALUE or NAME='VALUE')."""
    values = {}
    with open(os.path.join(ROOT, "testservers", name)) as f:
        for line in f:
            if line.startswith("#") or "=" not in line:
                continue
            key, value = line.rstrip("\n").split("=", 1)
            values[key] = value.strip("'")
    return values


def files_in(*dirs):
    names = []
    for d in dirs:
        if os.path.isdir(d):
            names += [os.path.join(d, n) for n in os.listdir(d) if not n.startswith(".")]
    return names


def run_once(argv, env):
    """benchlib.run_once, also keeping the CPU times: (wall s, peak RSS KiB, user s, system s).

    The system time shows the ext4 effect described at the top."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + argv, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    err = proc.stderr.decode(errors="replace").rstrip("\n").split("\n")
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n" + "\n".join(err))
    kib, user, system = err[-1].split()
    return wall, int(kib), float(user), float(system)


class Contender:
    """A tool whose command line depends on a fresh directory per run.

    prepare(run_dir) -> argv; check(run_dir) -> number of messages it saved."""

    def __init__(self, label, prepare, check):
        self.label, self.prepare, self.check = label, prepare, check


def add_baseline(contenders, tool, current, baseline):
    """benchlib.add_baseline for Contenders: "<tool> (baseline)" right after the tool's own, with
    the same prepare and check and the baseline's binary in place of the current one."""
    if baseline is None:
        return list(contenders)
    out = []
    for c in contenders:
        out.append(c)
        if c.label == tool:
            def prepare(d, own=c.prepare):
                argv = own(d)
                if current not in argv:
                    raise SystemExit(f"add_baseline: {current} not in the command line of {tool}")
                return [baseline if a == current else a for a in argv]
            out.append(Contender(benchlib.baseline_label(tool), prepare, c.check))
    return out


def timed(contender, work, expected, env, seq=[0]):
    seq[0] += 1
    run_dir = os.path.join(work, f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', contender.label).strip('-')}-{seq[0]}")
    os.makedirs(run_dir)
    argv = contender.prepare(run_dir)
    os.sync()
    wall, kib, user, system = run_once(argv, env)
    CPU.setdefault(contender.label, []).append((user, system))
    got = contender.check(run_dir)
    # Kept until the end of the case: this ext4 has no journal, and there creating an inode skips
    # every inode freed in the last 5 s (305 s when its inode table block is dirty), one buffer
    # lookup each; deleting the last run's 10,000 files made the next run's creates cost ~0.4 ms
    # each (3.5 s of system time per pull, for every tool).
    if got < expected:
        raise SystemExit(f"{contender.label}: {got} messages saved, expected {expected} "
                         f"(is someone else using {USER}'s mailboxes?)")
    if got > expected:
        # Mail delivered to bob's INBOX meanwhile (with --mailbox INBOX): noted, not fatal.
        print(f"warning: {contender.label}: {got} messages saved, {got - expected} more than seeded "
              f"(mail delivered to {USER} during the run)", file=sys.stderr)
        EXTRA.append({"label": contender.label, "saved": got, "seeded": expected})
    return wall, kib


def compare(name, contenders, references, runs, work, expected, env, warmup=1, after=None):
    """Like benchlib.compare, with a fresh directory per run and ratios to several references;
    after() is called once the runs are over, before their directories are removed."""
    load_before = benchlib.uptime()
    for c in contenders:
        for _ in range(warmup):
            timed(c, work, expected, env)
    samples = {c.label: [] for c in contenders}
    rss = {c.label: [] for c in contenders}
    for _ in range(runs):
        for c in contenders:
            wall, kib = timed(c, work, expected, env)
            samples[c.label].append(wall)
            rss[c.label].append(kib)
    if after:
        after()
    for entry in os.listdir(work):
        shutil.rmtree(os.path.join(work, entry))
    medians = {label: statistics.median(s) for label, s in samples.items()}
    result = {"case": name, "runs": runs, "contenders": [], "uptime": [load_before, benchlib.uptime()]}
    for c in contenders:
        entry = {"label": c.label, "median_s": medians[c.label], "min_s": min(samples[c.label])}
        for ref in references:
            entry["ratio_to_" + ref] = medians[c.label] / medians[ref]
        entry["peak_rss_kib"] = max(rss[c.label])
        entry["samples_s"] = samples[c.label]
        cpu = CPU[c.label][-runs:]
        entry["user_s"] = [u for u, _ in cpu]
        entry["system_s"] = [sy for _, sy in cpu]
        result["contenders"].append(entry)
    return benchlib.baseline_summary(result)


def print_table(results):
    """benchlib.print_table with one column per ratio."""
    refs = []
    for r in results:
        for c in r["contenders"]:
            for key in c:
                if key.startswith("ratio_to_") and key[len("ratio_to_"):] not in refs:
                    refs.append(key[len("ratio_to_"):])
    widths = {ref: max(8, len(ref) + 1) for ref in refs}
    head = "".join(f" {'/' + ref:>{widths[ref]}}" for ref in refs)
    w = benchlib.label_width(results, 13)
    print(f"{'case':<38} {'tool':<{w}} {'median':>10} {'min':>10}{head} {'peak RSS':>10}")
    for r in results:
        for c in r["contenders"]:
            ratios = "".join(f" {c['ratio_to_' + ref]:>{widths[ref]}.2f}" if "ratio_to_" + ref in c
                             else f" {'':>{widths[ref]}}" for ref in refs)
            print(f"{r['case']:<38} {c['label']:<{w}} {c['median_s']*1000:>8.1f}ms {c['min_s']*1000:>8.1f}ms"
                  f"{ratios} {c['peak_rss_kib']/1024:>8.1f}MiB")
    benchlib.print_baseline(results)


def rss_must_holds(results, tool, messages, rss_messages):
    """Issue 15's memory must-holds from a pull script's results: peak RSS at most 16 MiB for
    10,000 messages (the timed case) and at most 17 MiB for 100,000 (the --rss-messages case)."""
    checks = []
    for r in results:
        for c in r["contenders"]:
            if c["label"] != tool:
                continue
            if r["case"].startswith(("pull ", "retrieve ")) and f" {messages} x 10 KiB" in r["case"]:
                checks.append(benchlib.must_hold(f"peak RSS, {messages} messages", c["peak_rss_kib"] / 1024,
                                                 16.0 if messages <= 10000 else 17.0, "MiB"))
            elif rss_messages and f" {rss_messages} x 1 KiB" in r["case"]:
                checks.append(benchlib.must_hold(f"peak RSS, {rss_messages} messages", c["peak_rss_kib"] / 1024,
                                                 17.0 if rss_messages <= 100000 else float("inf"), "MiB"))
    return checks
