#!/usr/bin/env python3
"""ftp-transfer against curl, side by side in one run, on the local vsftpd of testservers/.

Cases: a 100 MiB download over explicit FTPS (AUTH TLS, PROT P, the data connection resuming the
control connection's TLS session: the vsftpd instance with require_ssl_reuse=YES) with
`--ssl-reqd`, and the listing of a directory of 10,000 files, both verified against the test CA.
Reports medians, ratios to curl and peak RSS; writes bench/results/ftp-transfer.json. Before
timing, one -v run checks that the data connection's session was resumed.
With --baseline DIR, DIR/ftp-transfer runs as "ftp-transfer (baseline)" (see benchlib.py).
Usage: bench/ftp-transfer.py [--runs N] [--baseline DIR]   (builds the release binary and starts
       the servers first; MAILTLS_RUN names servers started elsewhere, as for testservers/)
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
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()

    if not args.no_build:
        subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "ftp-transfer"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start", "vsftpd"], check=True)

    tool = os.path.join(bin_dir, "ftp-transfer")
    baseline = benchlib.baseline_binary(args.baseline, "ftp-transfer", tool)
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    base = "ftp://localhost:18023"
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}

    check = subprocess.run([tool, "-v", "--ssl-reqd", "--cacert", ca, base + "/hello.txt"], env=env,
                           capture_output=True, text=True)
    if check.returncode != 0 or "Data connection: TLS session resumed" not in check.stderr:
        raise SystemExit("the data connection's TLS session was not resumed:\n" + check.stderr)

    results = []
    for name, path, runs in (("explicit FTPS download of 100 MiB", "/100m.bin", args.runs),
                             ("explicit FTPS listing of 10,000 files", "/list10k/", args.runs * 2)):
        results.append(benchlib.compare(
            name,
            benchlib.add_baseline(
                [("ftp-transfer", [tool, "-sS", "--ssl-reqd", "--cacert", ca, base + path]),
                 ("curl", ["curl", "-sS", "--ssl-reqd", "--cacert", ca, base + path])],
                "ftp-transfer", tool, baseline),
            runs=runs, env=env))

    benchlib.print_table(results)
    benchlib.save(results, os.path.join(ROOT, "bench/results/ftp-transfer.json"),
                  **benchlib.baseline_meta("ftp-transfer", tool, baseline))


if __name__ == "__main__":
    main()
