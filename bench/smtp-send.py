#!/usr/bin/env python3
"""smtp-send against curl and msmtp, side by side in one run, on the local Postfix of testservers/.

Cases (each tool once per round, alternating; medians, ratios to curl, peak RSS):
  - one 10 KiB message per invocation over STARTTLS with AUTH PLAIN (port 18587);
  - 1,000 messages sent one invocation each in a shell loop (total time; --loop N; in LOOP_ROUNDS
    parts, the tools' parts alternating);
  - one 100 MiB message (peak RSS; smtp-send and curl; --skip-large leaves it out);
  - `smtp-send --version` against `curl --version` with hyperfine (--runs x 15 runs each).
Then issue 15's must-holds for sending: one send with AUTH PLAIN at most 0.95x curl (the 10 KiB
case's medians) and `--version` start-up at most curl's (hyperfine's medians); `uptime` is recorded
before and after every case (timings are noisy when other work runs; RSS is not).
Every tool verifies the server against the test CA. curl runs with its defaults (no SASL-IR);
msmtp with `--tls-starttls=on --auth=plain`.
With --baseline DIR, DIR/smtp-send (another build, e.g. OLD_WORKTREE/.build/release) runs in every
case as "smtp-send (baseline)", alternately with the others and with the same arguments (in the loop
case: its parts between smtp-send's and curl's), each case prints the ratio current/baseline, and a
`--version` start-up case (current against baseline, --runs x 10 rounds) is added.
Usage: bench/smtp-send.py [--runs N] [--loop N] [--skip-large] [--baseline DIR]
       (MAILTLS_RUN names test servers started elsewhere, as for testservers/)
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench/results")
LOOP_ROUNDS = 10  # the loop case's parts, run alternately


def users():
    values = {}
    with open(os.path.join(ROOT, "testservers/users.env")) as f:
        for line in f:
            if line.startswith("#") or "=" not in line:
                continue
            name, value = line.rstrip("\n").split("=", 1)
            values[name] = value.strip("'")
    return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--loop", type=int, default=1000)
    parser.add_argument("--skip-large", action="store_true", help="leave out the 100 MiB message")
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "smtp-send"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start"], check=True)

    u = users()
    password = u["MAIL_PASS_ALICE"]
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    os.makedirs(RESULTS, exist_ok=True)
    message = os.path.join(RESULTS, "message-10k.eml")
    with open(message, "wb") as f:
        f.write(b"From: alice@mailtls.test\r\nTo: bob@mailtls.test\r\nSubject: bench\r\n\r\n")
        line = b"0123456789" * 7 + b"\r\n"
        while f.tell() < 10 * 1024:
            f.write(line)
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    smtp_send = os.path.join(bin_dir, "smtp-send")
    baseline = benchlib.baseline_binary(args.baseline, "smtp-send", smtp_send)

    def commands(path):
        return benchlib.add_baseline([
            ("smtp-send", [smtp_send, "-sS", "--ssl-reqd", "--cacert", ca, "-u", f"alice:{password}",
                           "--login-options", "AUTH=PLAIN", "--mail-from", "alice@mailtls.test",
                           "--mail-rcpt", "bob@mailtls.test", "-T", path, "smtp://localhost:18587"]),
            ("msmtp", ["msmtp", "--host=localhost", "--port=18587", "--tls=on", "--tls-starttls=on",
                       f"--tls-trust-file={ca}", "--auth=plain", "--user=alice",
                       f"--passwordeval=echo {password}", "--from=alice@mailtls.test",
                       "bob@mailtls.test"]),
            ("curl", ["curl", "-sS", "--ssl-reqd", "--cacert", ca, "-u", f"alice:{password}",
                      "--login-options", "AUTH=PLAIN", "--mail-from", "alice@mailtls.test",
                      "--mail-rcpt", "bob@mailtls.test", "-T", path, "smtp://localhost:18587"]),
        ], "smtp-send", smtp_send, baseline)

    results = []
    # msmtp reads the message from stdin: wrap it.
    def with_stdin(argv, path):
        return ["sh", "-c", 'exec "$@" < "$0"', path] + argv if argv[0] == "msmtp" else argv

    ten_k = [(label, with_stdin(argv, message)) for label, argv in commands(message)]
    results.append(benchlib.compare("10 KiB message, STARTTLS + AUTH PLAIN", ten_k, runs=args.runs, env=env))

    # A shell loop of N invocations per tool (the sh start-up is the same for all), in LOOP_ROUNDS
    # parts run alternately (tool A's part, B's, ..., then again), so that machine noise hits all
    # alike; the total is the sum of a tool's parts, and the parts give per-round ratios.
    loop_results = {"case": f"{args.loop} messages, one invocation each", "runs": 1, "contenders": []}
    # msmtp's 177 ms per message would dominate the run; its per-message median is above
    loopers = [(label, argv) for label, argv in ten_k if label != "msmtp"]
    rounds = max(1, min(LOOP_ROUNDS, args.loop))
    parts = [args.loop // rounds + (1 if i < args.loop % rounds else 0) for i in range(rounds)]
    script = 'i=0; while [ $i -lt "$N" ]; do "$@" >/dev/null || exit 1; i=$((i+1)); done'
    times = {label: [] for label, _ in loopers}
    load_before = benchlib.uptime()
    for part in parts:
        for label, argv in loopers:
            start = time.perf_counter()
            subprocess.run(["sh", "-c", script, "loop"] + argv, env=dict(env, N=str(part)), check=True)
            times[label].append(time.perf_counter() - start)
    totals = {label: sum(t) for label, t in times.items()}
    loop_results["rounds"] = parts
    loop_results["uptime"] = [load_before, benchlib.uptime()]
    for label, total in totals.items():
        loop_results["contenders"].append({"label": label, "median_s": total, "min_s": total,
                                           "ratio_to_curl": total / totals["curl"], "peak_rss_kib": 0,
                                           "samples_s": times[label]})
    results.append(benchlib.baseline_summary(loop_results))

    if not args.skip_large:
        big = os.path.join(RESULTS, "message-100m.eml")
        if not os.path.exists(big) or os.path.getsize(big) < 100 << 20:
            with open(big, "wb") as f:
                f.write(b"From: alice@mailtls.test\r\nTo: bob@mailtls.test\r\nSubject: big\r\n\r\n")
                block = (b"0123456789abcdef" * 4 + b"\r\n") * 16384
                while f.tell() < 100 << 20:
                    f.write(block)
        large = [(label, argv) for label, argv in commands(big) if label != "msmtp"]
        results.append(benchlib.compare("100 MiB message", large, runs=3, warmup=0, env=env))

    version = benchlib.version_vs_curl("smtp-send", smtp_send, runs=args.runs * 15, env=env)
    results.append(version)
    if baseline:
        results.append(benchlib.version_case("smtp-send", smtp_send, baseline, args.runs * 10, env))

    send_ratio = next(c["ratio_to_curl"] for c in results[0]["contenders"] if c["label"] == "smtp-send")
    version_ratio = version["contenders"][0]["ratio_to_curl"]
    checks = [benchlib.must_hold("one send, STARTTLS + AUTH PLAIN, smtp-send/curl", send_ratio, 0.95, "x curl"),
              benchlib.must_hold("--version start-up, smtp-send/curl", version_ratio, 1.0, "x curl")]
    benchlib.print_table(results)
    benchlib.print_must_holds(checks)
    benchlib.save(results, os.path.join(RESULTS, "smtp-send.json"), must_hold=checks,
                  **benchlib.baseline_meta("smtp-send", smtp_send, baseline))
    # The benchmark filled bob's mailbox: empty it again.
    subprocess.run([f"{ROOT}/testservers/seed-mailbox", "--clear", "bob"], check=False)


if __name__ == "__main__":
    main()
