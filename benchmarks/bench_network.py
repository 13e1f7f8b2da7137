#!/usr/bin/env python3
"""Probe wall time against the number of indexes and packages (a script, not a test).

    .venv/bin/python benchmarks/bench_network.py [--repeat 3] [--timeout 1]

Every index is a real simple index on 127.0.0.1 (tests/netservers.py); a blackholed
index drops SYNs.  Times are the median of ``--repeat`` runs of ``run_probes``; ratios are
against the baseline (1 index, 1 package) measured in the same run, so they compare across
machines where absolute times do not.  What to expect: with concurrency the time grows far
slower than indexes x packages, and blackholed indexes add about one timeout in total,
not one per index, whatever their number: concurrency is limited per host (at most
``PER_HOST`` connections to one host:port), not globally, so 48 dead hosts cost the same
one timeout as 4.  The last column is the most requests one live mirror saw at once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from netservers import SimpleIndex, blackholes, make_project  # noqa: E402

from reqlint.network.probe import run_probes  # noqa: E402


def measure(
    indexes: int, packages: int, dead: int, timeout: float, repeat: int
) -> tuple[float, int]:
    names = [f"pkg{i}" for i in range(packages)]
    projects = dict.fromkeys(names, ("1.0",))
    with ExitStack() as stack:
        live = [stack.enter_context(SimpleIndex(projects)) for _ in range(indexes)]
        urls = [index.url for index in live]
        if dead:
            urls += [h.url() for h in stack.enter_context(blackholes(dead))]
        lines = [f"--index-url {urls[0]}", *(f"--extra-index-url {u}" for u in urls[1:]), *names]
        project = make_project(lines)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            results = run_probes(project, timeout=timeout)
            times.append(time.perf_counter() - started)
            assert len({r.url for r in results.values()}) == len(urls)
        return statistics.median(times), max(index.max_in_flight for index in live)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1.0)
    args = parser.parse_args(argv)
    cases = [
        (1, 1, 0),
        (1, 10, 0),
        (1, 50, 0),
        (4, 10, 0),
        (4, 50, 0),
        (16, 10, 0),
        (16, 50, 0),
        (4, 10, 4),
        (8, 10, 8),
        (1, 10, 16),
        (1, 10, 48),
    ]
    base, _ = measure(1, 1, 0, args.timeout, args.repeat)
    print(f"baseline (1 index, 1 package): {base * 1000:.1f} ms; timeout {args.timeout:g} s")
    print(
        f"{'indexes':>7} {'blackholed':>10} {'packages':>8} {'requests':>8} "
        f"{'median':>9} {'ratio':>7} {'per-host':>8}"
    )
    for indexes, packages, dead in cases:
        elapsed, in_flight = measure(indexes, packages, dead, args.timeout, args.repeat)
        requests = indexes * (packages + 1) + dead
        print(
            f"{indexes + dead:>7} {dead:>10} {packages:>8} {requests:>8} "
            f"{elapsed * 1000:>7.1f}ms {elapsed / base:>6.1f}x {in_flight:>8}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
