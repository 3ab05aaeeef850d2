"""Side-by-side command timing for mailtls benchmarks.

Runs each contender of a case alternately (A B A B ...) so that machine noise hits both alike,
and reports median wall time, the ratio to the reference contender, and peak RSS (from wait4's
rusage, in KiB). Timings never go into pass/fail tests: benchmarks are run on purpose.

Comparing two builds of the same tool (--baseline DIR in every bench/ script): the other build's
binary runs as one more contender, "<tool> (baseline)", alternately with the others in the same
rounds and with the same arguments; each case then records and prints the ratio current/baseline
of the medians and of every round (see add_baseline, baseline_summary).
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The test servers' run directory (certificates, Dovecot's configuration): MAILTLS_RUN, as
# testservers/ itself reads it, so that a worktree's scripts can use servers started elsewhere.
RUN = os.path.abspath(os.environ.get("MAILTLS_RUN") or os.path.join(ROOT, "testservers", "run"))


def run_once(argv, env=None, stdout=subprocess.DEVNULL):
    """Runs argv under GNU time, returns (wall seconds, peak RSS KiB, exit status).

    Peak RSS comes from GNU time rather than this process's wait4: Linux carries the forking
    process's high-water mark across exec, so a child of Python would report Python's RSS.
    """
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=stdout, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    err = proc.stderr.decode(errors="replace").rstrip("\n").split("\n")
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n" + "\n".join(err))
    return wall, int(err[-1]), proc.returncode


def uptime():
    """`uptime`'s line (load averages): recorded before and after each case, as other sessions'
    builds on this 2-core machine make timings noisy (RSS is not affected)."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def compare(name, contenders, runs, warmup=2, env=None, setup=None):
    """contenders: list of (label, argv); the first is the suite's own tool, the last the reference."""
    load_before = uptime()
    for label, argv in contenders:
        for _ in range(warmup):
            if setup:
                setup(label)
            run_once(argv, env)
    samples = {label: [] for label, _ in contenders}
    rss = {label: [] for label, _ in contenders}
    for _ in range(runs):
        for label, argv in contenders:
            if setup:
                setup(label)
            wall, kib, _ = run_once(argv, env)
            samples[label].append(wall)
            rss[label].append(kib)
    reference = contenders[-1][0]
    ref_median = statistics.median(samples[reference])
    result = {"case": name, "runs": runs, "contenders": [], "uptime": [load_before, uptime()]}
    for label, _ in contenders:
        median = statistics.median(samples[label])
        result["contenders"].append({
            "label": label,
            "median_s": median,
            "min_s": min(samples[label]),
            "ratio_to_" + reference: median / ref_median if ref_median else None,
            "peak_rss_kib": max(rss[label]),
            "samples_s": samples[label],
        })
    baseline_summary(result)
    return result


# --- comparing two builds (--baseline DIR) ------------------------------------------------------

BASELINE_SUFFIX = " (baseline)"


def baseline_label(tool):
    return tool + BASELINE_SUFFIX


def add_baseline_argument(parser):
    parser.add_argument("--baseline", metavar="DIR",
                        help="directory with another build's binaries (e.g. OLD_WORKTREE/.build/release): "
                             "its copy of the tool runs as one more contender, '<tool> (baseline)', "
                             "alternately with the others, and every case reports the ratio current/baseline")


def baseline_binary(directory, tool, current):
    """DIR/tool, checked: an executable that is not the current build's binary itself; None
    without --baseline."""
    if directory is None:
        return None
    path = os.path.join(os.path.abspath(directory), tool)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SystemExit(f"--baseline: no executable {tool} in {directory}")
    if os.path.realpath(path) == os.path.realpath(current):
        print(f"warning: --baseline {directory}: {tool} is the current build's binary itself "
              "(the ratios then show only the noise)", file=sys.stderr)
    return path


def add_baseline(contenders, tool, current, baseline):
    """contenders: list of (label, argv). Returns it with "<tool> (baseline)" right after the
    tool's own entry: the same argv with the current binary's path replaced by the baseline's
    (wherever it appears, so wrappers such as `sh -c` keep working). Unchanged without baseline."""
    if baseline is None:
        return list(contenders)
    out = []
    for label, argv in contenders:
        out.append((label, argv))
        if label == tool:
            if current not in argv:
                raise SystemExit(f"add_baseline: {current} not in the command line of {tool}")
            out.append((baseline_label(tool), [baseline if a == current else a for a in argv]))
    return out


def baseline_summary(result):
    """Adds result["baseline"] when the case has a "<tool> (baseline)" contender: the ratio of the
    medians current/baseline and the ratio of every round (the runs alternate, so round i of both
    ran side by side)."""
    labels = {c["label"]: c for c in result["contenders"]}
    for label, base in labels.items():
        if not label.endswith(BASELINE_SUFFIX):
            continue
        tool = label[:-len(BASELINE_SUFFIX)]
        cur = labels.get(tool)
        if cur is None:
            continue
        rounds = [a / b for a, b in zip(cur.get("samples_s", []), base.get("samples_s", [])) if b]
        result["baseline"] = {
            "current": tool,
            "baseline": label,
            "ratio_current_to_baseline": cur["median_s"] / base["median_s"] if base["median_s"] else None,
            "round_ratios": rounds,
            "round_ratio_median": statistics.median(rounds) if rounds else None,
            "round_ratio_min": min(rounds) if rounds else None,
            "round_ratio_max": max(rounds) if rounds else None,
            "peak_rss_kib": {"current": cur["peak_rss_kib"], "baseline": base["peak_rss_kib"]},
        }
    return result


def print_baseline(results):
    """One line per case that has a baseline: ratio current/baseline (> 1: the current build is slower)."""
    lines = [r for r in results if r.get("baseline")]
    if not lines:
        return
    print("ratio current/baseline (medians; > 1.00 means the current build is slower):")
    width = max(len(r["case"]) for r in lines)
    for r in lines:
        b = r["baseline"]
        cur = next(c for c in r["contenders"] if c["label"] == b["current"])
        base = next(c for c in r["contenders"] if c["label"] == b["baseline"])
        rounds = (f"; per round median {b['round_ratio_median']:.3f}, min-max {b['round_ratio_min']:.3f}-"
                  f"{b['round_ratio_max']:.3f} ({len(b['round_ratios'])} rounds)") if b["round_ratios"] else ""
        rss = (f"; peak RSS {cur['peak_rss_kib']/1024:.1f} / {base['peak_rss_kib']/1024:.1f} MiB"
               if cur["peak_rss_kib"] or base["peak_rss_kib"] else "")
        print(f"  {r['case']:<{width}}  {b['current']}: ratio current/baseline {b['ratio_current_to_baseline']:.3f}"
              f" ({cur['median_s']*1000:.2f} ms / {base['median_s']*1000:.2f} ms{rounds}{rss})")


def version_case(tool, current, baseline, runs, env=None):
    """`--version` start-up of the current build against the baseline's (reference: the baseline)."""
    return compare("--version start-up", [(tool, [current, "--version"]),
                                          (baseline_label(tool), [baseline, "--version"])], runs=runs, env=env)


def version_vs_curl(tool, path, runs=300, env=None):
    """`TOOL --version` against `curl --version`, with hyperfine (no shell, warmed up; its mean
    and spread per command), plus one peak RSS each from GNU time. Issue 15: start-up at most
    curl's."""
    import tempfile
    load_before = uptime()
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(["hyperfine", "-N", "--style", "basic", "--warmup", "30", "--runs", str(runs),
                        "--export-json", export.name, "--command-name", tool, f"{path} --version",
                        "--command-name", "curl", "curl --version"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        data = json.load(open(export.name))["results"]
    result = {"case": "--version start-up (hyperfine)", "runs": runs, "contenders": [],
              "uptime": [load_before, uptime()]}
    curl_median = data[1]["median"]
    for label, argv, r in ((tool, [path, "--version"], data[0]), ("curl", ["curl", "--version"], data[1])):
        result["contenders"].append({
            "label": label, "median_s": r["median"], "min_s": r["min"], "mean_s": r["mean"],
            "stddev_s": r["stddev"], "ratio_to_curl": r["median"] / curl_median,
            "peak_rss_kib": run_once(argv, env)[1]})
    return result


def must_hold(name, value, limit, unit, holds=None):
    """One of issue 15's must-holds, as measured in this run: printed by print_must_holds and
    saved in the JSON (value <= limit unless holds says otherwise)."""
    return {"must_hold": name, "value": value, "limit": limit, "unit": unit,
            "holds": value <= limit if holds is None else holds}


def print_must_holds(checks):
    if not checks:
        return
    print("must hold (issue 15; measured here, never a test):")
    for c in checks:
        fmt = (lambda v: f"{v:.2f}") if c["unit"] in ("x", "x curl") else (lambda v: f"{v:.1f}")
        print(f"  {'ok  ' if c['holds'] else 'FAIL'} {c['must_hold']}: {fmt(c['value'])} {c['unit']}"
              f" (limit {fmt(c['limit'])} {c['unit']})")


def first_line(argv):
    r = subprocess.run(argv, capture_output=True, text=True)
    return (r.stdout or r.stderr).split("\n")[0]


def baseline_meta(tool, current, baseline):
    """What the JSON records about the two builds compared (paths and first --version lines)."""
    if baseline is None:
        return {}
    return {"builds": {"current": {"path": current, "version": first_line([current, "--version"])},
                       "baseline": {"path": baseline, "version": first_line([baseline, "--version"])}}}


def label_width(results, least):
    return max([least] + [len(c["label"]) for r in results for c in r["contenders"]])


def print_table(results):
    w = label_width(results, 12)
    print(f"{'case':<34} {'tool':<{w}} {'median':>10} {'min':>10} {'ratio':>7} {'peak RSS':>10}")
    for r in results:
        for c in r["contenders"]:
            ratio = next(v for k, v in c.items() if k.startswith("ratio_to_"))
            print(f"{r['case']:<34} {c['label']:<{w}} {c['median_s']*1000:>8.2f}ms {c['min_s']*1000:>8.2f}ms "
                  f"{ratio:>7.2f} {c['peak_rss_kib']/1024:>8.1f}MiB")
    print_baseline(results)


def save(results, path, **extra):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(dict({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "uptime": uptime(),
                        "results": results}, **extra), f, indent=2)
