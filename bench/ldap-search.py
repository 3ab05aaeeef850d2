#!/usr/bin/env python3
"""ldap-search against OpenLDAP's ldapsearch, side by side in one run, on the local slapd of
testservers/ (servers/slapd.sh).

Cases: a subtree search returning 10,000 entries over LDAPS, and the same over 100,000 entries,
same filter and attributes for both tools, output to /dev/null, both verifying the server
against the test CA. Reports medians, ratios to ldapsearch and peak RSS; then checks that
ldap-search's peak RSS for 100,000 entries is within 2 MiB of its peak for 10,000 (memory does
not grow with the number of entries). Writes bench/results/ldap-search.json.
With --baseline DIR, DIR/ldap-search runs as "ldap-search (baseline)" in every case (benchlib.py).
Usage: bench/ldap-search.py [--runs N] [--baseline DIR]   (builds the release binary and starts
       the servers first; MAILTLS_RUN names servers started elsewhere, as for testservers/)
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 18636
FILTER = "(objectClass=inetOrgPerson)"
ATTRIBUTES = ["cn", "mail", "uid"]


def contenders(tool, ca, entries):
    base = f"ou=bulk{entries},dc=mailtls,dc=test"
    url = f"ldaps://127.0.0.1:{PORT}/{base}?{','.join(ATTRIBUTES)}?sub?{FILTER}"
    return [
        ("ldap-search", [tool, "-sS", "--cacert", ca, "-o", "/dev/null", url]),
        # -LLL: plain LDIF, no comments; libldap reads LDAPTLS_CACERT (set in the environment).
        ("ldapsearch", ["ldapsearch", "-x", "-LLL", "-H", f"ldaps://127.0.0.1:{PORT}", "-b", base, "-s", "sub",
                        FILTER] + ATTRIBUTES),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    benchlib.add_baseline_argument(parser)
    args = parser.parse_args()

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "ldap-search"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    subprocess.run([f"{ROOT}/testservers/start", "slapd"], check=True)

    tool = os.path.join(bin_dir, "ldap-search")
    baseline = benchlib.baseline_binary(args.baseline, "ldap-search", tool)
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")
    env = {k: v for k, v in os.environ.items() if k not in ("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    env["LDAPTLS_CACERT"] = ca
    env["LDAPTLS_REQCERT"] = "demand"

    results = []
    for entries in (10000, 100000):
        results.append(benchlib.compare(
            f"LDAPS sub search, {entries} entries",
            benchlib.add_baseline(contenders(tool, ca, entries), "ldap-search", tool, baseline),
            runs=args.runs if entries == 10000 else max(3, args.runs // 3), env=env))

    benchlib.print_table(results)
    rss = [next(c["peak_rss_kib"] for c in r["contenders"] if c["label"] == "ldap-search") for r in results]
    growth = (rss[1] - rss[0]) / 1024
    print(f"ldap-search peak RSS: {rss[0]/1024:.1f} MiB for 10,000 entries, {rss[1]/1024:.1f} MiB for 100,000 "
          f"(growth {growth:+.2f} MiB; must be within 2 MiB, and under 20 MiB)")
    benchlib.save(results, os.path.join(ROOT, "bench/results/ldap-search.json"), rss_growth_mib=growth,
                  **benchlib.baseline_meta("ldap-search", tool, baseline))


if __name__ == "__main__":
    main()
