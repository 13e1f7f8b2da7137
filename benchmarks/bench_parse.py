#!/usr/bin/env python3
"""Benchmark: start-up, parse speed and memory of reqlint, as ratios against baselines
measured in the same run (a script, not a test: numbers vary by machine, ratios less so).

    python benchmarks/bench_parse.py [--quick]

* start-up: ``python -m reqlint check`` on the "small" corpus (the pre-commit case) against
  a bare ``python -c pass`` and against ``python -m pip --version``;
* throughput: reqlint's requirements parser against pip 26.3's own parser on the same files
  (the "monorepo" corpus: 2,000 files, 100,000 lines; the "huge" one: one 100,000-line file);
* memory: peak traced allocation of both parsers on the huge file;
* lazy imports: which of httpx / yaml / tomlkit a plain check imports (should be none).

The corpora come from ``gen_corpus.py`` (deterministic, seed 20261129) into ``.bench/``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / ".bench"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from gen_corpus import ENV_VARS  # noqa: E402


def corpus(name: str) -> Path:
    target = OUT / name
    if not (target / "MANIFEST").exists():
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--out", str(OUT),
                        "--only", name], check=True, stdout=subprocess.DEVNULL)
    return target


def files_of(folder: Path) -> list[Path]:
    return [folder / line for line in (folder / "MANIFEST").read_text().split()]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    # A user's install has bytecode caches; without them every start compiles every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(ENV_VARS)
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def timed_command(argv: list[str], runs: int, cwd: Path) -> float:
    samples = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        if attempt == 0:
            continue  # warm-up: writes the bytecode caches
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def timed(func: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return min(samples)


def reqlint_parse(paths: list[Path]) -> int:
    from reqlint.sources.requirements import load_requirements

    count = 0
    seen: set[str] = set()
    for path in paths:
        for source in load_requirements(str(path), env=ENV_VARS):
            if source.path not in seen:
                seen.add(source.path)
                count += len(source.requirements)
    return count


def pip_parse(paths: list[Path]) -> int:
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements

    session = PipSession()
    # pip parses a file again for every file that includes it; count each line once, as
    # reqlint (which reads every file once) does.
    seen: set[str] = set()
    for path in paths:
        seen.update(req.comes_from for req in parse_requirements(str(path), session=session))
    return len(seen)


def peak_memory(func: Callable[[], object]) -> int:
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no monorepo")
    args = parser.parse_args()
    os.environ.update(ENV_VARS)
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    runs = 3 if args.quick else 10

    small = corpus("small")
    bare = timed_command([sys.executable, "-c", "pass"], runs, small)
    pip_version = timed_command([sys.executable, "-m", "pip", "--version"], runs, small)
    check = timed_command([sys.executable, "-m", "reqlint", "check", "."], runs, small)
    print(f"start-up (median of {runs}, small corpus: 3 files)")
    print(f"  python -c pass            {bare * 1000:7.1f} ms   1.00x")
    print(f"  python -m pip --version   {pip_version * 1000:7.1f} ms   "
          f"{pip_version / bare:.2f}x")
    print(f"  python -m reqlint check . {check * 1000:7.1f} ms   {check / bare:.2f}x "
          f"(reqlint/pip --version = {check / pip_version:.2f})")

    probe = subprocess.run(
        [sys.executable, "-c", "import sys, reqlint.cli as c; c.main(['check', '.']); "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'httpx', 'yaml', 'tomlkit'}))"],
        cwd=small, env=clean_env(), capture_output=True, text=True, check=False)
    print(f"  lazily-imported modules loaded by a plain check: "
          f"{probe.stdout.strip().splitlines()[-1] if probe.stdout.strip() else probe.stderr}")

    names = ["huge"] if args.quick else ["huge", "monorepo"]
    for name in names:
        paths = files_of(corpus(name))
        lines = sum(p.read_bytes().count(b"\n") for p in paths)
        n_reqlint = reqlint_parse(paths)
        n_pip = pip_parse(paths)
        t_pip = timed(lambda paths=paths: pip_parse(paths), 1 if args.quick else 3)
        t_reqlint = timed(lambda paths=paths: reqlint_parse(paths), 1 if args.quick else 3)
        print(f"parse {name}: {len(paths)} files, {lines} lines "
              f"(requirements: reqlint {n_reqlint}, pip {n_pip})")
        print(f"  pip 26.3 parser  {t_pip:7.2f} s   1.00x")
        print(f"  reqlint parser   {t_reqlint:7.2f} s   {t_reqlint / t_pip:.2f}x  "
              f"({lines / t_reqlint:,.0f} lines/s)")
    huge = files_of(corpus("huge"))
    mem_pip = peak_memory(lambda: pip_parse(huge))
    mem_reqlint = peak_memory(lambda: reqlint_parse(huge))
    print("peak memory, huge file")
    print(f"  pip 26.3 parser  {mem_pip / 2**20:7.1f} MiB   1.00x")
    print(f"  reqlint parser   {mem_reqlint / 2**20:7.1f} MiB   {mem_reqlint / mem_pip:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
