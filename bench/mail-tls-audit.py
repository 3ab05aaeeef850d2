#!/usr/bin/env python3
"""The TLS scan of mail-tls-audit against sslyze and Debian's testssl.sh, on one local Postfix
STARTTLS port of testservers/ (18587 by default), in one run.

Each contender scans the same port for the same things: TLS versions (each alone), the accepted
cipher suites per version, groups, renegotiation and the certificate verdict (against the test
CA). Records the wall time of each and its verdicts (versions offered, accepted suites by IANA
name, certificate verified or not) in bench/results/mail-tls-audit.json, and prints where the
three disagree. Timings never gate tests; sslyze is pinned below (installed into a venv by
scripts/install-deps --bench), testssl.sh is Debian's package.

Our scan: until the mail-tls-audit executable exists (audit-core), the TLS scan API
(GnuTLSScanner) is timed through its integration test, which writes its result and elapsed
time to $MAILTLS_SCAN_REPORT (see TODO below).
Usage: bench/mail-tls-audit.py [--port N] [--runs N] [--skip-testssl]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SSLYZE_VERSION = "6.3.1"  # pinned: scripts/install-deps --bench installs exactly this
VENV = os.path.join(ROOT, ".bench-venv")
VERSIONS = ["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]


def timed(argv, env=None):
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    return time.perf_counter() - start, proc


def sslyze(port, ca, out):
    """sslyze 6 with the checks the audit makes; its JSON read into our verdict shape."""
    argv = [os.path.join(VENV, "bin", "sslyze"), "--starttls", "smtp", "--certinfo", "--certinfo_ca_file", ca,
            "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3", "--elliptic_curves", "--reneg",
            f"--json_out={out}", f"localhost:{port}{{127.0.0.1}}"]
    wall, proc = timed(argv)
    if proc.returncode != 0:
        raise SystemExit("sslyze failed:\n" + proc.stderr.decode(errors="replace"))
    scan = json.load(open(out))["server_scan_results"][0]["scan_result"]
    keys = {"TLS1.0": "tls_1_0_cipher_suites", "TLS1.1": "tls_1_1_cipher_suites",
            "TLS1.2": "tls_1_2_cipher_suites", "TLS1.3": "tls_1_3_cipher_suites"}
    suites = {v: sorted(s["cipher_suite"]["name"] for s in scan[k]["result"]["accepted_cipher_suites"])
              for v, k in keys.items()}
    deployments = scan["certificate_info"]["result"]["certificate_deployments"]
    verified = any(r.get("was_validation_successful") for r in deployments[0]["path_validation_results"])
    return wall, {"versions": [v for v in VERSIONS if suites[v]], "suites": suites, "certificateVerified": verified}


def testssl(port, ca, out):
    """Debian's testssl.sh: protocols, each cipher per protocol, server defaults and preferences."""
    argv = ["testssl", "--quiet", "--warnings", "off", "--add-ca", ca, "--starttls", "smtp", "-p", "-E", "-S", "-P",
            "--jsonfile", out, f"127.0.0.1:{port}"]
    wall, proc = timed(argv)
    findings = json.load(open(out))
    ids = {"TLS1": "TLS1.0", "TLS1_1": "TLS1.1", "TLS1_2": "TLS1.2", "TLS1_3": "TLS1.3"}
    versions = [ids[f["id"]] for f in findings if f["id"] in ids and f["finding"].startswith("offered")]
    suites = {v: [] for v in VERSIONS}
    prefix = {"cipher-tls1_": "TLS1.0", "cipher-tls1_1_": "TLS1.1", "cipher-tls1_2_": "TLS1.2",
              "cipher-tls1_3_": "TLS1.3"}
    for f in findings:
        for p, v in sorted(prefix.items(), key=lambda item: -len(item[0])):
            if f["id"].startswith(p) and f["id"][len(p):].startswith("x"):
                suites[v].append(f["finding"].split()[-1])
                break
    trust = [f["finding"] for f in findings if f["id"].startswith("cert_chain_of_trust")]
    verified = bool(trust) and all(t.startswith("passed") for t in trust)
    return wall, {"versions": sorted(versions), "suites": {v: sorted(s) for v, s in suites.items()},
                  "certificateVerified": verified}


def our_scan(port, out):
    """TODO(audit-core): once `mail-tls-audit` exists, time
    `mail-tls-audit --json OUT smtp://localhost:PORT --connect-to ... --cacert CA` instead and read
    its findings. Until then: the scan API through its integration test (port 18587 only)."""
    env = dict(os.environ, MAILTLS_SCAN_REPORT=out)
    wall, proc = timed(["swift", "test", "--skip-build", "--filter",
                        "TLSScanServerTests/testPostfixSubmissionOverSTARTTLS"], env=env)
    if proc.returncode != 0 or not os.path.exists(out):
        raise SystemExit("the scan's integration test failed:\n" + proc.stdout.decode(errors="replace")[-3000:])
    report = json.load(open(out))
    result = report["result"]
    versions = [v["version"] for v in result["versions"] if v["status"] == "accepted"]
    suites = {v: [] for v in VERSIONS}
    for entry in result["cipherSuites"]:
        suites[entry["version"]] = sorted(s["ianaName"] for s in entry["accepted"])
    # The scan itself, without swift test's start-up; the certificate is the audit's part.
    return report["seconds"], {"versions": sorted(versions), "suites": suites, "certificateVerified": None,
                               "connections": result["connectionsUsed"], "wallWithHarness": wall}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18587)
    parser.add_argument("--runs", type=int, default=3, help="runs of sslyze and of our scan (testssl.sh: one)")
    parser.add_argument("--skip-testssl", action="store_true", help="testssl.sh takes over a minute")
    args = parser.parse_args()

    subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "--build-tests"], cwd=ROOT, check=True)
    subprocess.run([f"{ROOT}/testservers/start"], check=True)
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")

    contenders = {"mail-tls-audit scan": lambda out: our_scan(args.port, out),
                  f"sslyze {SSLYZE_VERSION}": lambda out: sslyze(args.port, ca, out)}
    if not args.skip_testssl:
        contenders["testssl.sh"] = lambda out: testssl(args.port, ca, out)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, run in contenders.items():
            walls, verdict = [], None
            for i in range(1 if label == "testssl.sh" else args.runs):
                wall, verdict = run(os.path.join(tmp, f"{len(results)}-{i}.json"))
                walls.append(wall)
            results[label] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                              "runs": len(walls), "verdict": verdict}

    reference = results[f"sslyze {SSLYZE_VERSION}"]["verdict"]
    disagreements = []
    for label, entry in results.items():
        verdict = entry["verdict"]
        if verdict["versions"] != reference["versions"]:
            disagreements.append(f"{label} and sslyze differ on versions: {verdict['versions']} vs {reference['versions']}")
        for version in VERSIONS:
            ours, theirs = set(verdict["suites"][version]), set(reference["suites"][version])
            # GnuTLS has no ARIA suites: our scan cannot offer them (a known limit, not a disagreement).
            if label.startswith("mail-tls-audit"):
                theirs = {name for name in theirs if "_ARIA_" not in name}
            if ours != theirs:
                disagreements.append(f"{label} and sslyze differ on {version} suites: only {label}: "
                                     f"{sorted(ours - theirs)}, only sslyze: {sorted(theirs - ours)}")
    for label, entry in results.items():
        print(f"{label:24} {entry['median_s']:8.2f} s  (min {entry['min_s']:.2f}, max {entry['max_s']:.2f}, "
              f"{entry['runs']} runs)  versions {entry['verdict']['versions']}")
    for line in disagreements:
        print("DISAGREE:", line)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/mail-tls-audit.json"), "w") as f:
        json.dump({"port": args.port, "results": results, "disagreements": disagreements}, f, indent=2)


if __name__ == "__main__":
    main()
