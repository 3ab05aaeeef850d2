#!/usr/bin/env python3
"""smtp-send --flush-queue against one curl invocation per message, side by side, on the local
Postfix of testservers/ (issue 15: 1,000 queued 10 KiB messages at least 10x faster than 1,000 curl
runs).

Each round (alternating): N queue entries of 10 KiB are written (in the documented `mailtls-queue 1`
format, all for smtp://localhost:18587 with --ssl-reqd and AUTH PLAIN) and one `smtp-send -sS
--flush-queue` sends them over one STARTTLS session; then the same N messages are sent by N `curl`
runs in a shell loop (same options). Total wall time per round, medians over the rounds, the
ratio to curl, peak RSS of the flush. Mail goes to `bob@mailtls.test`, as in smtp-send.py,
emptied at the end. Every tool verifies the server against the test CA.
Usage: bench/smtp-flush.py [--count N] [--rounds N] [--baseline DIR]
       (MAILTLS_RUN names test servers started elsewhere, as for testservers/)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench/results")
URL = "smtp://localhost:18587"
SENDER, RECIPIENT = "alice@mailtls.test", "bob@mailtls.test"


def users():
    values = {}
    with open(os.path.join(ROOT, "testservers/users.env")) as f:
        for line in f:
            if line.startswith("#") or "=" not in line:
                continue
            name, value = line.rstrip("\n").split("=", 1)
            values[name] = value.strip("'")
    return values


def fill_queue(directory, count, message, ca):
    """Writes count entries into directory/new, as smtp-send --queue would leave them."""
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(os.path.join(directory, "tmp"))
    os.makedirs(os.path.join(directory, "new"))
    header = "mailtls-queue 1\n" + "".join(
        f"arg {a}\n" for a in [URL, "--ssl-reqd", "--cacert", ca, "--login-options", "AUTH=PLAIN"])
    header += f"from {SENDER}\nrcpt {RECIPIENT}\n\n"
    data = header.encode() + message
    for i in range(count):
        with open(os.path.join(directory, "new", f"{1700000000 + i}.M0P0Q{i}.bench"), "wb") as f:
            f.write(data)


def flush_once(binary, directory, password, env):
    argv = [binary, "-sS", "--flush-queue", "--queue", directory, "-u", f"alice:{password}"]
    wall, kib, _ = benchlib.run_once(argv, env)
    left = os.listdir(os.path.join(directory, "new"))
    if left:
        raise SystemExit(f"flush left {len(left)} entries in {directory}")
    return wall, kib


def curl_loop(count, path, ca, password, env):
    argv = ["curl", "-sS", "--ssl-reqd", "--cacert", ca, "-u", f"alice:{password}", "--login-options",
            "AUTH=PLAIN", "--mail-from", SENDER, "--mail-rcpt", RECIPIENT, "-T", path, URL]
    script = 'i=0; while [ $i -lt "$N" ]; do "$@" >/dev/null || exit 1; i=$((i+1)); done'
    start = time.perf_counter()
    subprocess.run(["sh", "-c", script, "loop"] + argv, env=dict(env, N=str(count)), check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "smtp-send"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    if not os.environ.get("MAILTLS_RUN"):
        subprocess.run([f"{ROOT}/testservers/start"], check=True)

    password = users()["MAIL_PASS_ALICE"]
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    os.makedirs(RESULTS, exist_ok=True)
    message_path = os.path.join(RESULTS, "message-10k-flush.eml")
    message = f"From: {SENDER}\r\nTo: {RECIPIENT}\r\nSubject: bench\r\n\r\n".encode()
    line = b"0123456789" * 7 + b"\r\n"
    while len(message) < 10 * 1024:
        message += line
    with open(message_path, "wb") as f:
        f.write(message)
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    smtp_send = os.path.join(bin_dir, "smtp-send")
    baseline = benchlib.baseline_binary(args.baseline, "smtp-send", smtp_send)
    flushers = [("smtp-send --flush-queue", smtp_send)]
    if baseline:
        flushers.append((benchlib.baseline_label("smtp-send --flush-queue"), baseline))

    work = tempfile.mkdtemp(prefix="mailtls-flush-bench-")
    samples = {label: [] for label, _ in flushers}
    rss = {label: [] for label, _ in flushers}
    samples["curl"] = []
    try:
        for _ in range(args.rounds):
            for label, binary in flushers:
                queue = os.path.join(work, "queue")
                fill_queue(queue, args.count, message, ca)
                wall, kib = flush_once(binary, queue, password, env)
                samples[label].append(wall)
                rss[label].append(kib)
            samples["curl"].append(curl_loop(args.count, message_path, ca, password, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    curl_median = statistics.median(samples["curl"])
    result = {"case": f"{args.count} queued 10 KiB messages", "runs": args.rounds, "contenders": []}
    for label in list(samples):
        median = statistics.median(samples[label])
        result["contenders"].append({
            "label": f"{args.count} x curl" if label == "curl" else label, "median_s": median,
            "min_s": min(samples[label]), "ratio_to_curl": median / curl_median,
            "peak_rss_kib": max(rss.get(label, [0])), "samples_s": samples[label]})
    results = [benchlib.baseline_summary(result)]
    benchlib.print_table(results)
    speedup = curl_median / statistics.median(samples["smtp-send --flush-queue"])
    print(f"flush is {speedup:.1f}x faster than {args.count} curl runs (issue 15 asks for at least 10x)")
    benchlib.save(results, os.path.join(RESULTS, "smtp-flush.json"),
                  **benchlib.baseline_meta("smtp-send", smtp_send, baseline))
    subprocess.run([f"{ROOT}/testservers/seed-mailbox", "--clear", "bob"], check=False,
                   env=dict(os.environ, MAILTLS_RUN=benchlib.RUN))


if __name__ == "__main__":
    main()
