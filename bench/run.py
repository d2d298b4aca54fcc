"""`make bench`: throughput and latency of the site's hot paths, as ratios to a static file.

The server (gunicorn, one worker, production settings) runs pinned to core 0 and wrk to
core 1, on loopback. Every figure is compared with S, a static file of the article
page's size served by whitenoise in the same process, measured in the same run, so a
noisy machine moves both sides alike. Endpoints are measured in turn, BENCH_ROUNDS
times over, and each figure is the median over the runs. Each run of an endpoint the
app serves directly follows a run of S of its own, and its ratio is the median of its
runs' ratios to those S runs: on this kind of VM a slow spell lasts seconds to tens of
seconds, long enough to land on one endpoint's runs and not on S's a minute earlier,
too short to span both of a pair. A JSON report with every run goes to bench/results/.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

from common import LOAD_CORE, ROOT, Site, fetch, free_port, machine, require

SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SETTLE_SECONDS = {"F": 2, "K": 2}  # after a run of this endpoint (others: half a second)
CONNECTIONS = (1, 16, 64)
TARGETS = {  # endpoint: minimum share of S's requests per second at the same concurrency
    "C": 0.9,
    "H": 0.9,
    "B": 0.95,
    "F": 0.2,
    "K": 0.06,
}
P99_LIMIT_MS = {"C": 50, "B": 50}  # at 64 connections


def wrk(url, connections, seconds=SECONDS, cookie=None):
    command = [
        "taskset", "-c", LOAD_CORE, require("wrk", "wrk"),
        "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url,
    ]  # fmt: skip
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency(50), 3),
        "p99_ms": round(latency(99), 3),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def main():
    site = Site()
    try:
        site.prepare()
        article_url, size = site.add_bench_article()

        cached, kept, cold, proxy = free_port(), free_port(), free_port(), free_port()
        site.serve(cached)
        site.serve(kept, PAGE_CACHE_SECONDS="0")  # F: the article's content kept
        site.serve(cold, PAGE_CACHE_SECONDS="0", FRAGMENT_CACHE_SECONDS="0")  # K: nothing kept
        site.nginx(proxy, cached)
        direct, through = f"http://127.0.0.1:{cached}", f"http://127.0.0.1:{proxy}"
        _, bar = fetch(f"{direct}/live/bar/?v=new")
        version = re.search(rb"\?v=([0-9a-f]+)", bar).group(1).decode()

        endpoints = {
            "S": f"{direct}/static/bench/same-size.html",
            "C": f"{direct}{article_url}",
            "H": f"{direct}/",
            "F": f"http://127.0.0.1:{kept}{article_url}",
            "K": f"http://127.0.0.1:{cold}{article_url}",
            "B": f"{direct}/live/bar/?v={version}",
            "B-new": f"{direct}/live/bar/?v=older",
            "nginx C": f"{through}{article_url}",
            "nginx H": f"{through}/",
            "nginx B": f"{through}/live/bar/?v={version}",
            "nginx B-new": f"{through}/live/bar/?v=older",
        }
        assert fetch(endpoints["B"])[0] == 204, "the bar should have nothing new"
        for url in endpoints.values():
            wrk(url, 16, seconds=2)  # warm up: caches filled, code paths hot
        runs = {name: {c: [] for c in CONNECTIONS} for name in endpoints}
        for round_ in range(ROUNDS):
            for conns in CONNECTIONS:
                for name, url in endpoints.items():
                    if name == "S":
                        continue  # measured before each endpoint the app serves directly
                    paired = not name.startswith("nginx")
                    if paired:
                        runs["S"][conns].append(wrk(endpoints["S"], conns))
                        time.sleep(SETTLE_SECONDS.get("S", 0.5))
                    run = wrk(url, conns)
                    if paired:
                        run["S_rps_before"] = runs["S"][conns][-1]["rps"]
                    runs[name][conns].append(run)
                    # Let the server core go idle: when wrk stops, the uncached server still
                    # has up to a second of queued renders, which would land on the next run.
                    time.sleep(SETTLE_SECONDS.get(name, 0.5))
            print(f"  round {round_ + 1} of {ROUNDS} measured", flush=True)
        results = {
            name: {conns: median_run(samples) for conns, samples in by_conns.items()}
            for name, by_conns in runs.items()
        }
        report(results, size, endpoints)
    finally:
        site.stop()


def median_run(samples):
    """Each figure's median over the runs (errors: their sum), and every run as measured."""
    return {
        "rps": statistics.median(run["rps"] for run in samples),
        "p50_ms": statistics.median(run["p50_ms"] for run in samples),
        "p99_ms": statistics.median(run["p99_ms"] for run in samples),
        "errors": sum(run["errors"] for run in samples),
        "runs": samples,
    }


def report(results, size, endpoints):
    s = results["S"]
    print(
        f"\nStatic file S: {size} bytes (the article page's size). Server on core 0, wrk on core 1."
    )
    print(
        f"{'endpoint':<12}{'conns':>6}{'req/s':>10}{'× S':>7}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    failures = []
    for name, by_conns in results.items():
        for conns, figures in by_conns.items():
            paired = [
                run["rps"] / run["S_rps_before"] for run in figures["runs"] if "S_rps_before" in run
            ]
            ratio = statistics.median(paired) if paired else figures["rps"] / s[conns]["rps"]
            figures["ratio_to_S"] = round(ratio, 3)
            print(
                f"{name:<12}{conns:>6}{figures['rps']:>10.0f}{figures['ratio_to_S']:>7.2f}"
                f"{figures['p50_ms']:>9.2f}{figures['p99_ms']:>9.2f}{figures['errors']:>8}"
            )
            if figures["errors"]:
                failures.append(f"{name} at {conns} connections: {figures['errors']} errors")
            if name in TARGETS and figures["ratio_to_S"] < TARGETS[name]:
                failures.append(f"{name} at {conns}: {figures['ratio_to_S']} × S < {TARGETS[name]}")
        if name in P99_LIMIT_MS and by_conns[64]["p99_ms"] >= P99_LIMIT_MS[name]:
            failures.append(
                f"{name} p99 at 64: {by_conns[64]['p99_ms']} ms ≥ {P99_LIMIT_MS[name]} ms"
            )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results" / f"bench-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "command": "make bench",
                "machine": machine(),
                "seconds_per_run": SECONDS,
                "rounds": ROUNDS,
                "static_file_bytes": size,
                "endpoints": endpoints,
                "results": results,
                "targets": {"ratio_to_S": TARGETS, "p99_ms_at_64": P99_LIMIT_MS},
                "failures": failures,
            },
            indent=2,
        )
    )
    print(f"\nReport: {out.relative_to(ROOT)}")
    print("All targets met." if not failures else "Targets missed:\n  " + "\n  ".join(failures))
    return failures


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
    sys.exit(0)
