#!/usr/bin/env python3
"""The TLS scan of mail-tls-audit against sslyze and Debian's testssl.sh, on one local Postfix
STARTTLS port of testservers/ (18587 by default), in one run.

Each contender scans the same port for the same things: TLS versions (each alone), the accepted
cipher suites per version, groups, renegotiation and the certificate verdict (against the test
CA). Records the wall time of each and its verdicts (versions offered, accepted suites by IANA
name, certificate verified or not) in bench/results/mail-tls-audit.json, and prints where the
three disagree. Timings never gate tests; sslyze is pinned below (installed into a venv by
scripts/install-deps --bench), testssl.sh is Debian's package.

Ours is the built `mail-tls-audit` executable (release build), auditing the port as
`smtp://localhost:PORT` (the dialog, the STARTTLS injection test, the TLS scan and the certificate),
timed from the outside like the other two. Prints each one's wall time and its ratio to ours, the
must-holds of issue 14 (faster than sslyze, at least 20x faster than testssl.sh), the load average
(other work on the machine slows everyone) and every disagreement.
Also times one host on all seven mail ports (`--host localhost`, issue 14: under 5 s).
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
AUDIT = os.path.join(ROOT, ".build/release/mail-tls-audit")
SSLYZE_VERSION = "6.3.1"  # pinned: scripts/install-deps --bench installs exactly this
# The venv scripts/install-deps --bench makes; MAILTLS_BENCH_VENV names one made by another checkout.
VENV = os.environ.get("MAILTLS_BENCH_VENV") or os.path.join(ROOT, ".bench-venv")
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


def our_scan(port, ca, out):
    """The built `mail-tls-audit` (release) on the same port: the whole audit of the service
    (dialog, STARTTLS injection test, TLS scan, certificate), its JSON read into the same shape."""
    argv = [AUDIT, f"smtp://localhost:{port}", "--connect-to", f"localhost:{port}:127.0.0.1:{port}",
            "--cacert", ca, "--json", out]
    wall, proc = timed(argv)
    if proc.returncode not in (0, 1) or not os.path.exists(out):
        raise SystemExit("mail-tls-audit failed:\n" + proc.stdout.decode(errors="replace")[-3000:]
                         + proc.stderr.decode(errors="replace")[-3000:])
    report = json.load(open(out))
    service = report["services"][0]
    result = service["tlsScan"]
    versions = [v["version"] for v in result["versions"] if v["status"] == "accepted"]
    suites = {v: [] for v in VERSIONS}
    for entry in result["cipherSuites"]:
        suites[entry["version"]] = sorted(s["ianaName"] for s in entry["accepted"])
    ids = {f["id"] for f in report["findings"]}
    return wall, {"versions": sorted(versions), "suites": suites,
                  "certificateVerified": "certificate-trusted" in ids and "certificate-not-trusted" not in ids,
                  "connections": service["connections"], "groups": result["groups"]["accepted"],
                  "findingsAboveLow": sorted(f["id"] for f in report["findings"]
                                             if f["severity"] in ("medium", "high", "critical"))}


def differences(label, verdict, other, reference):
    """Where two contenders disagree on versions, accepted suites (by IANA name) or the verdict."""
    found = []
    if verdict["versions"] != reference["versions"]:
        found.append(f"{label} and {other} differ on versions: {verdict['versions']} vs {reference['versions']}")
    for version in VERSIONS:
        mine, theirs = set(verdict["suites"][version]), set(reference["suites"][version])
        # GnuTLS has no ARIA suites: our scan cannot offer them (a known limit, listed apart).
        if label.startswith("mail-tls-audit"):
            aria = {name for name in theirs if "_ARIA_" in name}
            if aria:
                found.append(f"(known) {version}: {len(aria)} ARIA suites {other} found, GnuTLS cannot offer them")
            theirs -= aria
        if mine != theirs:
            found.append(f"{label} and {other} differ on {version} suites: only {label}: "
                         f"{sorted(mine - theirs)}, only {other}: {sorted(theirs - mine)}")
    if verdict["certificateVerified"] != reference["certificateVerified"]:
        found.append(f"{label} and {other} differ on the certificate verdict: "
                     f"{verdict['certificateVerified']} vs {reference['certificateVerified']}")
    return found


# localhost's seven standard mail ports on the bundled servers, as the integration test maps them
# (25 is Postfix's submission port too: the MX-like port has no TLS).
SEVEN_PORTS = [(25, 18587), (587, 18587), (465, 18465), (143, 18143), (993, 18993), (110, 18110), (995, 18995)]


def seven_ports(ca, runs):
    """One host on all seven mail ports (issue 14: under 5 s wall on loopback): the whole audit,
    scans included, timed from the outside."""
    argv = [AUDIT, "--host", "localhost", "--cacert", ca]
    for standard, local in SEVEN_PORTS:
        argv += ["--connect-to", f"localhost:{standard}:127.0.0.1:{local}"]
    walls = []
    for _ in range(runs):
        wall, proc = timed(argv)
        if proc.returncode not in (0, 1):
            raise SystemExit("mail-tls-audit --host failed:\n" + proc.stderr.decode(errors="replace")[-3000:])
        walls.append(wall)
    return {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls), "runs": runs}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18587)
    parser.add_argument("--runs", type=int, default=3, help="runs of sslyze and of our scan (testssl.sh: one)")
    parser.add_argument("--skip-testssl", action="store_true", help="testssl.sh takes over a minute")
    args = parser.parse_args()

    if not os.path.exists(os.path.join(VENV, "bin", "sslyze")):
        subprocess.run([f"{ROOT}/scripts/install-deps", "--bench"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "mail-tls-audit"], cwd=ROOT, check=True)
    subprocess.run([f"{ROOT}/testservers/start"], check=True)
    ca = os.path.join(benchlib.RUN, "certs/ca.pem")

    load_before = os.getloadavg()
    contenders = {"mail-tls-audit": lambda out: our_scan(args.port, ca, out),
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

    host = seven_ports(ca, args.runs)
    disagreements = []
    labels = list(results)
    for i, label in enumerate(labels):
        for other in labels[i + 1:]:
            disagreements += differences(label, results[label]["verdict"], other, results[other]["verdict"])
    load_after = os.getloadavg()
    ours = results["mail-tls-audit"]["median_s"]
    ratios = {label: entry["median_s"] / ours for label, entry in results.items() if label != "mail-tls-audit"}
    for label, entry in results.items():
        ratio = f"  {ratios[label]:5.1f}x ours" if label in ratios else ""
        print(f"{label:24} {entry['median_s']:8.2f} s  (min {entry['min_s']:.2f}, max {entry['max_s']:.2f}, "
              f"{entry['runs']} runs){ratio}  versions {entry['verdict']['versions']}  "
              f"suites {sum(len(v) for v in entry['verdict']['suites'].values())}  "
              f"certificate {'verified' if entry['verdict']['certificateVerified'] else 'NOT verified'}")
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"{'one host, seven ports':24} {host['median_s']:8.2f} s  (min {host['min_s']:.2f}, "
          f"max {host['max_s']:.2f}, {host['runs']} runs)")
    musts = {"faster than sslyze": ratios[f"sslyze {SSLYZE_VERSION}"] > 1,
             "one host on seven ports under 5 s": host["median_s"] < 5}
    if "testssl.sh" in ratios:
        musts["at least 20x faster than testssl.sh"] = ratios["testssl.sh"] >= 20
    for must, held in musts.items():
        print(f"{'ok  ' if held else 'FAIL'} {must}")
    for line in disagreements:
        print("DISAGREE:", line)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/mail-tls-audit.json"), "w") as f:
        json.dump({"port": args.port, "results": results, "ratios": ratios, "sevenPorts": host, "musts": musts,
                   "loadAverage": {"before": load_before, "after": load_after},
                   "disagreements": disagreements}, f, indent=2)


if __name__ == "__main__":
    main()
