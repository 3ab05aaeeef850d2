"""Side-by-side command timing for mailtls benchmarks.

Runs each contender of a case alternately (A B A B ...) so that machine noise hits both alike,
and reports median wall time, the ratio to the reference contender, and peak RSS (from wait4's
rusage, in KiB). Timings never go into pass/fail tests: benchmarks are run on purpose.
"""
import json
import os
import statistics
import subprocess
import time


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


def compare(name, contenders, runs, warmup=2, env=None, setup=None):
    """contenders: list of (label, argv); the first is the suite's own tool, the last the reference."""
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
    result = {"case": name, "runs": runs, "contenders": []}
    for label, _ in contenders:
        median = statistics.median(samples[label])
        result["contenders"].append({
            "label": label,
            "median_s": median,
            "min_s": min(samples[label]),
            "ratio_to_" + reference: median / ref_median if ref_median else None,
            "peak_rss_kib": max(rss[label]),
        })
    return result


def print_table(results):
    print(f"{'case':<34} {'tool':<12} {'median':>10} {'min':>10} {'ratio':>7} {'peak RSS':>10}")
    for r in results:
        for c in r["contenders"]:
            ratio = next(v for k, v in c.items() if k.startswith("ratio_to_"))
            print(f"{r['case']:<34} {c['label']:<12} {c['median_s']*1000:>8.2f}ms {c['min_s']*1000:>8.2f}ms "
                  f"{ratio:>7.2f} {c['peak_rss_kib']/1024:>8.1f}MiB")


def save(results, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "results": results}, f, indent=2)
