#!/usr/bin/env python3
"""http-get against curl, side by side in one run, on the local nginx of testservers/.

Cases: a 1 KiB and a 100 MiB download over HTTPS (verified against the test CA), and
`--version` start-up (GNU time, alternating; and with hyperfine, --runs x 15 runs each, as issue
15's must-hold: at most curl's). Reports medians, ratios to curl and peak RSS; writes bench/results/http-get.json.
With --baseline DIR, DIR/http-get (another build, e.g. OLD_WORKTREE/.build/release) runs in every
case as "http-get (baseline)", alternately with the others and with the same arguments, and each
case prints the ratio current/baseline (see benchlib.py).
Usage: bench/http-get.py [--runs N] [--baseline DIR]   (builds the release binary and starts the
       servers first; MAILTLS_RUN names servers started elsewhere, as for testservers/)
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "http-get"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start"], check=True)

    http_get = os.path.join(bin_dir, "http-get")
    baseline = benchlib.baseline_binary(args.baseline, "http-get", http_get)
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    base = "https://localhost:18443"
    # Same trust for both: the test CA given explicitly, no environment defaults.
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}

    results = []
    for path, runs in (("/1k.bin", args.runs * 3), ("/100m.bin", args.runs)):
        results.append(benchlib.compare(
            f"HTTPS GET {path}",
            benchlib.add_baseline(
                [("http-get", [http_get, "-sS", "--cacert", ca, "-o", "/dev/null", base + path]),
                 ("curl", ["curl", "-sS", "--cacert", ca, "-o", "/dev/null", base + path])],
                "http-get", http_get, baseline),
            runs=runs, env=env))
    results.append(benchlib.compare(
        "--version start-up",
        benchlib.add_baseline([("http-get", [http_get, "--version"]), ("curl", ["curl", "--version"])],
                              "http-get", http_get, baseline),
        runs=args.runs * 10, env=env))
    version = benchlib.version_vs_curl("http-get", http_get, runs=args.runs * 15, env=env)
    results.append(version)
    checks = [benchlib.must_hold("--version start-up, http-get/curl", version["contenders"][0]["ratio_to_curl"], 1.0,
                                 "x curl")]

    benchlib.print_table(results)
    benchlib.print_must_holds(checks)
    benchlib.save(results, os.path.join(ROOT, "bench/results/http-get.json"), must_hold=checks,
                  **benchlib.baseline_meta("http-get", http_get, baseline))


if __name__ == "__main__":
    main()
