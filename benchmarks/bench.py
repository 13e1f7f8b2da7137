#!/usr/bin/env python3
"""`make bench`: whole-process `reqlint check .` against its peers, paired in one run.

    python benchmarks/bench.py [--runs N] [--quick] [--no-million]

Every figure is a whole process, started as a user starts it, on the corpora of
``gen_corpus.py`` (vendored byte for byte from the team's shared bench folder; seed
20261129) written to ``.bench/``.  reqlint and its peers run from one virtualenv of their
own (``.bench/venv``): reqlint installed from this tree as a user installs it (not
editable, bytecode compiled), pip 26.3, requirements-parser, pip-requirements-parser and
packaging from the package index.  For each case the two commands run alternately (A B,
B A, ...) after one warm-up each; the table shows the median wall time of each, the
median of the per-pair ratios, the peak RSS of the child (``wait4``), lines per second
and PASS/FAIL against the target of issue 13.  Scaling rows show the cost curve.

A script, not a timed test: it prints ratios measured in the same run on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / ".bench"
VENV = OUT / "venv"
CORPUS = OUT / "corpus"
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PEERS = ["pip==26.3", "requirements-parser", "pip-requirements-parser", "packaging"]

# The peers, each a whole process over the files named on its command line.
PIP_PARSER = """
import sys
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements
session = PipSession()
n = 0
for path in open(sys.argv[1]).read().split():
    for parsed in parse_requirements(path, session=session):
        install_req_from_parsed_requirement(parsed)
        n += 1
print(n)
"""
REQUIREMENTS_PARSER = """
import sys
import requirements
n = 0
for path in open(sys.argv[1]).read().split():
    with open(path, encoding="utf-8") as handle:
        n += sum(1 for _ in requirements.parse(handle))
print(n)
"""
PIP_REQUIREMENTS_PARSER = """
import sys
from pip_requirements_parser import RequirementsFile
n = 0
for path in open(sys.argv[1]).read().split():
    n += len(RequirementsFile.from_file(path, include_nested=False).requirements)
print(n)
"""
# packaging's Requirement() on every line that could be one: blank lines, comments and
# option lines skipped, an inline comment and a trailing backslash cut off.
PACKAGING_PER_LINE = """
import re, sys
from packaging.requirements import InvalidRequirement, Requirement
comment = re.compile(r"(^|\\s+)#.*$")
n = 0
for path in open(sys.argv[1]).read().split():
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            line = comment.sub("", line).rstrip("\\\\").strip()
            if not line or line.startswith("-"):
                continue
            try:
                Requirement(line)
                n += 1
            except InvalidRequirement:
                pass
print(n)
"""
READ_FLOOR = """
import sys
n = 0
for path in open(sys.argv[1]).read().split():
    with open(path, encoding="utf-8") as handle:
        n += len(handle.read().splitlines())
print(n)
"""


# ------------------------------------------------------------------------ set-up


def venv_python() -> Path:
    return VENV / "bin" / "python"


def setup_venv() -> None:
    """The bench's own virtualenv: the peers, and reqlint installed from this tree."""
    py = venv_python()

    def pip(*args: str) -> None:
        done = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"pip install {' '.join(args)} failed:\n{done.stderr}")

    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run(
        [
            str(py),
            "-c",
            "import requirements, pip_requirements_parser, packaging, pip; print(pip.__version__)",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0 or probe.stdout.strip() != "26.3":
        pip(*PEERS)
    deps = subprocess.run(
        [str(py), "-c", "import tomlkit, httpx, yaml"], check=False, capture_output=True
    )
    if deps.returncode != 0:
        pip(str(ROOT))  # reqlint's own dependencies, once
    # As a user installs it: a wheel's worth of files with compiled bytecode, not a link
    # to this tree.  Re-installed every run so the bench measures the current code.
    pip("--force-reinstall", "--no-deps", str(ROOT))


def own_repository(target: Path) -> Path:
    """Make ``target`` the top of a work tree of its own, as a user's repository is.

    ``.bench/`` is in this repository's .gitignore, and ``reqlint check .`` skips what git
    ignores: without a ``.git`` of its own a corpus is "no files found" and the bench
    would time an empty run.  The ``.git`` also stops reqlint's search for settings and
    for setup.py/tox.ini above the corpus (it would otherwise read this repository's)."""
    (target / ".git").mkdir(exist_ok=True)
    return target


def corpus(name: str) -> Path:
    target = CORPUS / name
    if not (target / "MANIFEST").exists():
        subprocess.run(
            [sys.executable, str(HERE / "gen_corpus.py"), "--out", str(CORPUS), "--only", name],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return own_repository(target)


def lines_corpus(lines: int) -> Path:
    """One file of ``lines`` lines drawn like the "huge" corpus (mixed style)."""
    target = CORPUS / f"lines-{lines}"
    if not (target / "MANIFEST").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        # in a child: a 1M-line file held in this process would count in the peak RSS
        # of every command started after it (Linux keeps the high-water mark over exec)
        subprocess.run(
            [sys.executable, __file__, "--generate", str(lines), str(target)], check=True
        )
    return own_repository(target)


def generate_lines(lines: int, target: Path) -> None:
    gen = gen_corpus.Gen(random.Random(f"20261129:lines-{lines}"))
    body, _ = gen_corpus.make_file(gen, lines, "mixed", [], True, True)
    gen_corpus.write(str(target / "requirements-lock.txt"), body, False, True)
    (target / "MANIFEST").write_text("requirements-lock.txt\n")


def files_corpus(files: int) -> Path:
    """The first ``files // 10`` projects of the monorepo corpus (10 files each)."""
    mono = corpus("monorepo")
    if files >= 2000:
        return mono
    target = CORPUS / f"files-{files}"
    if not (target / "MANIFEST").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        keep = {f"p{p:03d}" for p in range(files // 10)}
        names = [n for n in (mono / "MANIFEST").read_text().split() if n.split("/")[0] in keep]
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mono / name, target / name)
        (target / "MANIFEST").write_text("".join(n + "\n" for n in names))
    return own_repository(target)


def physical_lines(folder: Path) -> int:
    # Counted in chunks: a 39 MB file read whole would raise this process's high-water
    # mark, which Linux hands on to every command started after it (through exec), so the
    # peak RSS of every later small run would read 60 MiB.
    count = 0
    for name in (folder / "MANIFEST").read_text().split():
        with open(folder / name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                count += chunk.count(b"\n")
    return count


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has bytecode caches
    env.update(gen_corpus.ENV_VARS)
    env["PIP_CONFIG_FILE"] = os.devnull
    env["NO_COLOR"] = "1"
    return env


# ----------------------------------------------------------------------- measuring


@dataclass
class Sample:
    seconds: float
    rss_kib: int


def run_once(argv: list[str], cwd: Path) -> Sample:
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed in {cwd} with exit code {proc.returncode}")
    return Sample(elapsed, usage.ru_maxrss)


def check_reads_everything(folder: Path) -> None:
    """Refuse to time a run that would not read the corpus: ``--show-files`` must list
    every file of its MANIFEST (an empty run is fast and means nothing)."""
    done = subprocess.run(
        [*reqlint_argv(), "--show-files"],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    shown = set(done.stdout.split())
    wanted = set((folder / "MANIFEST").read_text().split())
    if not wanted <= shown:
        missing = sorted(wanted - shown)
        raise SystemExit(
            f"reqlint check . in {folder} would not read {len(missing)} of "
            f"{len(wanted)} files (first: {missing[0]}); not timing it"
        )


def reqlint_argv() -> list[str]:
    return [str(VENV / "bin" / "reqlint"), "check", "."]


# reqlint refuses files over 16 MiB (discovery.MAX_FILE_BYTES) and over a million lines
# (REQLINT_MAX_LINES), hostile-input bounds; the 1M-line file is 39 MiB, so the lines rows
# lift both in the same whole process.
UNBOUNDED = (
    "import os, sys, reqlint.discovery as d; d.MAX_FILE_BYTES = 1 << 31; "
    "os.environ['REQLINT_MAX_LINES'] = str(1 << 31); "
    "from reqlint.cli import main; sys.exit(main(['check', '.']))"
)


def unbounded_argv() -> list[str]:
    return [str(venv_python()), "-c", UNBOUNDED]


def peer_argv(script: str, folder: Path) -> list[str]:
    return [str(venv_python()), "-c", script, str(folder / "MANIFEST")]


@dataclass
class Pair:
    ours: list[Sample]
    theirs: list[Sample]

    @property
    def ratio(self) -> float:
        pairs = zip(self.ours, self.theirs, strict=True)
        return statistics.median(a.seconds / b.seconds for a, b in pairs)

    @staticmethod
    def median(samples: list[Sample]) -> float:
        return statistics.median(s.seconds for s in samples)

    @staticmethod
    def rss(samples: list[Sample]) -> float:
        return max(s.rss_kib for s in samples) / 1024


def paired(ours: list[str], theirs: list[str], cwd: Path, runs: int) -> Pair:
    run_once(ours, cwd)  # warm-up: page cache and bytecode
    run_once(theirs, cwd)
    a: list[Sample] = []
    b: list[Sample] = []
    for i in range(runs):
        if i % 2 == 0:
            a.append(run_once(ours, cwd))
            b.append(run_once(theirs, cwd))
        else:
            b.append(run_once(theirs, cwd))
            a.append(run_once(ours, cwd))
    return Pair(a, b)


# ------------------------------------------------------------------------- the table


@dataclass
class Row:
    case: str
    ours: str
    peer: str
    theirs: str
    ratio: str
    rss: str
    rate: str
    target: str
    verdict: str


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="paired runs per case (default 3; the start-up case runs 3x as many)",
    )
    parser.add_argument("--quick", action="store_true", help="2 paired runs, no 1M lines")
    parser.add_argument("--no-million", action="store_true", help="skip the 1M-line row")
    parser.add_argument("--scaling-only", action="store_true", help="only the scaling rows")
    parser.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate_lines(int(args.generate[0]), Path(args.generate[1]))
        return 0
    runs = 2 if args.quick else args.runs
    print("setting up .bench/venv (reqlint from this tree + peers) and the corpora ...", flush=True)
    setup_venv()
    small, mono, huge = corpus("small"), corpus("monorepo"), corpus("huge")
    mono_lines, huge_lines = physical_lines(mono), physical_lines(huge)
    rows: list[Row] = []
    ours = reqlint_argv()

    def case(
        name: str, folder: Path, script: str, peer: str, lines: int, target: float, n: int = runs
    ) -> Pair:
        check_reads_everything(folder)
        pair = paired(ours, peer_argv(script, folder), folder, n)
        ratio = pair.ratio
        rows.append(
            Row(
                name,
                fmt_s(pair.median(pair.ours)),
                peer,
                fmt_s(pair.median(pair.theirs)),
                f"{ratio:.2f}x",
                f"{pair.rss(pair.ours):.0f} MiB",
                f"{lines / pair.median(pair.ours):,.0f}" if lines else "-",
                f"<= {target:g}x",
                "PASS" if ratio <= target else "FAIL",
            )
        )
        print(f"  {name} vs {peer}: {ratio:.2f}x", flush=True)
        return pair

    print("measuring (alternating runs) ...", flush=True)
    if args.scaling_only:
        return scaling(args, ours, huge, rows)
    case(
        "small repo (3 files) start-up",
        small,
        "import packaging.requirements",
        "python -c 'import packaging.requirements'",
        physical_lines(small),
        1.2,
        n=3 * runs,
    )
    # the start-up peer takes no argument: peer_argv appends one, which python -c ignores
    case(
        "monorepo (2,000 files, 100k lines)",
        mono,
        PIP_PARSER,
        "pip 26.3's parser",
        mono_lines,
        1 / 25,
    )
    case("monorepo", mono, REQUIREMENTS_PARSER, "requirements-parser", mono_lines, 0.33)
    # pip-requirements-parser takes about a minute here: one pair is enough to rank it
    case(
        "monorepo", mono, PIP_REQUIREMENTS_PARSER, "pip-requirements-parser", mono_lines, 0.33, n=1
    )
    case("monorepo", mono, PACKAGING_PER_LINE, "packaging Requirement() per line", mono_lines, 0.5)
    big = case(
        "huge file (100k lines)",
        huge,
        PACKAGING_PER_LINE,
        "packaging Requirement() per line",
        huge_lines,
        0.6,
    )
    floor = paired(peer_argv(READ_FLOOR, huge), peer_argv(READ_FLOOR, huge), huge, 1)
    floor_mib = Pair.rss(floor.ours)
    rss_ratio = Pair.rss(big.ours) / floor_mib
    rows.append(
        Row(
            "huge file, peak RSS",
            f"{Pair.rss(big.ours):.0f} MiB",
            "read + splitlines floor",
            f"{floor_mib:.0f} MiB",
            f"{rss_ratio:.2f}x",
            "",
            "",
            "<= 2x",
            "PASS" if rss_ratio <= 2 else "FAIL",
        )
    )

    return scaling(args, ours, huge, rows)


def scaling(args: argparse.Namespace, ours: list[str], huge: Path, rows: list[Row]) -> int:
    # Scaling: reqlint alone, one run each after a warm-up (the 1M-line file: one run).
    runs = 2 if args.quick else args.runs
    scale: list[tuple[str, int, Sample]] = []
    print("scaling ...", flush=True)
    sizes = [10_000, 100_000] + ([] if args.quick or args.no_million else [1_000_000])
    for n_lines in sizes:
        folder = huge if n_lines == 100_000 else lines_corpus(n_lines)
        check_reads_everything(folder)
        whole = unbounded_argv()
        if n_lines < 1_000_000:
            run_once(whole, folder)
        best = min(
            (run_once(whole, folder) for _ in range(1 if n_lines >= 1_000_000 else 3)),
            key=lambda s: s.seconds,
        )
        scale.append((f"{n_lines:,} lines, 1 file", physical_lines(folder), best))
        print(f"  {n_lines:,} lines: {fmt_s(best.seconds)}", flush=True)
    for n_files in (20, 200, 2000):
        folder = files_corpus(n_files)
        check_reads_everything(folder)
        run_once(ours, folder)
        best = min((run_once(ours, folder) for _ in range(3)), key=lambda s: s.seconds)
        scale.append((f"{n_files:,} files", physical_lines(folder), best))
        print(f"  {n_files:,} files: {fmt_s(best.seconds)}", flush=True)

    per_line = {label: s.seconds / lines for label, lines, s in scale}
    if "1,000,000 lines, 1 file" in per_line:
        growth = per_line["1,000,000 lines, 1 file"] / per_line["100,000 lines, 1 file"]
        rows.append(
            Row(
                "one million lines",
                fmt_s(scale[2][2].seconds),
                "per-line cost at 100k",
                "",
                f"{growth:.2f}x",
                f"{scale[2][2].rss_kib / 1024:.0f} MiB",
                f"{scale[2][1] / scale[2][2].seconds:,.0f}",
                "<= 1.5x",
                "PASS" if growth <= 1.5 else "FAIL",
            )
        )

    print()
    header = Row(
        "case",
        "reqlint",
        "peer in the same run",
        "peer",
        "ratio",
        "peak RSS",
        "lines/s",
        "target",
        "",
    )
    table = [header, *rows]
    fields = list(Row.__dataclass_fields__)
    widths = [max(len(getattr(r, f)) for r in table) for f in fields]
    for i, r in enumerate(table):
        cells = [getattr(r, f).ljust(w) for f, w in zip(fields, widths, strict=True)]
        print("| " + " | ".join(cells) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    print(
        f"scaling (reqlint check ., best of 3 after a warm-up, the 1M-line file once; "
        f"{os.cpu_count()} cores; lines rows with the 16 MiB file bound lifted)"
    )
    print(
        f"| {'corpus':<26} | {'lines':>9} | {'time':>9} | {'lines/s':>9} | "
        f"{'us/line':>7} | {'peak RSS':>8} |"
    )
    print(f"|{'-' * 28}|{'-' * 11}|{'-' * 11}|{'-' * 11}|{'-' * 9}|{'-' * 10}|")
    for label, lines, s in scale:
        print(
            f"| {label:<26} | {lines:>9,} | {fmt_s(s.seconds):>9} | "
            f"{lines / s.seconds:>9,.0f} | {s.seconds / lines * 1e6:>7.1f} | "
            f"{s.rss_kib / 1024:>4.0f} MiB |"
        )
    print(
        f"\n(median of {runs} alternating pairs after a warm-up each; load average now "
        f"{os.getloadavg()[0]:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
