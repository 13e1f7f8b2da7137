"""argv -> settings -> run -> exit code.  Wiring only: every piece it calls is elsewhere.

Exit codes follow ruff: 0 no findings, 1 findings, 2 usage error or internal failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from reqlint import __version__
from reqlint.discovery import Candidate, candidates
from reqlint.engine import Outcome, run
from reqlint.loader import MachineContext, load_project
from reqlint.model import Applicability, Diagnostic, Severity, SourceKind
from reqlint.project import Project
from reqlint.reporters import Format, Report, reporter
from reqlint.rules import BY_CODE, RULES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# --fix re-lints and fixes again until nothing changes, at most this many times.
MAX_FIX_PASSES = 10
COMMANDS = ("check", "doctor", "show", "rule", "rules")


class UsageError(Exception):
    """A problem with what the user asked for: printed as ``reqlint: error: ...``, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reqlint",
        description="Lint pip requirements files, pip configuration and index settings.")
    parser.add_argument("--version", action="version", version=f"reqlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser, *, formats: Sequence[str]) -> None:
        p.add_argument("--format", choices=list(formats), default=None,
                       help="output format (default: text; github inside GitHub Actions)")
        p.add_argument("--output-file", "-o", metavar="FILE",
                       help="write the report to FILE instead of standard output")
        p.add_argument("--no-color", action="store_true",
                       help="no colours (also when NO_COLOR is set or output is not a TTY)")
        p.add_argument("--quiet", "-q", action="store_true",
                       help="print findings only, no summary")

    def lint(p: argparse.ArgumentParser) -> None:
        p.add_argument("--select", metavar="CODES", help="rules to run (codes or prefixes, "
                       "comma-separated; replaces the configured selection)")
        p.add_argument("--extend-select", metavar="CODES", help="rules to add to the selection")
        p.add_argument("--ignore", metavar="CODES", help="rules to skip")
        p.add_argument("--exclude", metavar="GLOBS", help="paths to skip while walking folders")
        p.add_argument("--config", metavar="PYPROJECT",
                       help="read [tool.reqlint] from this file (default: nearest pyproject.toml)")
        p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
        p.add_argument("--network", action="store_true",
                       help="probe every index (reachability, what a dead one costs pip, "
                       "dependency confusion); off by default")
        p.add_argument("--timeout", type=float, metavar="SECONDS",
                       help="probe timeout (default: pip's effective timeout, else 15)")
        p.add_argument("--fix", action="store_true", help="apply safe fixes, then report "
                       "what remains")
        p.add_argument("--unsafe-fixes", action="store_true",
                       help="also apply fixes marked unsafe")
        p.add_argument("--diff", action="store_true",
                       help="print the changes --fix would make as a unified diff; write nothing")
        p.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (2 still means an error)")
        p.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule has, instead of the findings")
        p.add_argument("--failure-threshold", choices=["error", "warning", "info", "none"],
                       default=None, metavar="SEVERITY",
                       help="lowest severity that makes the run fail: error, warning "
                       "(default: info findings are reported but pass), info, none")

    check = sub.add_parser("check", help="lint files (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: .); files are read whatever their name")
    check.add_argument("--system", action="store_true",
                       help="also read this machine's pip config files and PIP_*/UV_* "
                       "environment (off by default, so results are the same on every machine)")
    common(check, formats=[f.value for f in Format])
    lint(check)

    doctor = sub.add_parser(
        "doctor", help="why is pip slow / what will pip really use on this machine")
    doctor.add_argument("-r", "--requirement", action="append", default=[], metavar="FILE",
                        help="requirements file pip would install (repeatable)")
    common(doctor, formats=[f.value for f in Format])
    lint(doctor)

    show = sub.add_parser("show", help="print what pip will see: requirements and options")
    show.add_argument("paths", nargs="*", metavar="PATH")
    show.add_argument("--system", action="store_true",
                      help="expand ${VAR} from the environment, as pip would here")
    common(show, formats=["text", "json"])

    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", metavar="CODE")
    rule.add_argument("--format", choices=["text", "json"], default="text")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS
                         and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "check")
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    try:
        if args.command == "rule":
            return _cmd_rule(args)
        if args.command == "rules":
            return _cmd_rules(args)
        if args.command == "show":
            return _cmd_show(args)
        return _cmd_lint(args)
    except UsageError as exc:
        print(f"reqlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an internal failure must never be a bare traceback
        print(f"reqlint: internal error: {type(exc).__name__}: {exc}\n"
              "Please report this with the file that caused it.", file=sys.stderr)
        if os.environ.get("REQLINT_DEBUG"):
            raise
        return EXIT_ERROR


# ------------------------------------------------------------------------------ lint


def _settings(args: argparse.Namespace) -> object:
    from reqlint import settings as cfg

    try:
        if args.isolated:
            base = cfg.load_settings(None)
        else:
            path = args.config or cfg.find_config(os.getcwd())
            base = cfg.load_settings(path, known_codes=set(BY_CODE))
        return cfg.merge_cli(base, select=_split(args.select), ignore=_split(args.ignore),
                             extend_select=_split(args.extend_select),
                             exclude=_split(args.exclude), unsafe_fixes=args.unsafe_fixes
                             or None, known_codes=set(BY_CODE))
    except cfg.ConfigError as exc:
        raise UsageError(str(exc)) from None


def _cmd_lint(args: argparse.Namespace) -> int:
    from reqlint import settings as cfg

    settings = _settings(args)
    assert isinstance(settings, cfg.Settings)
    doctor = args.command == "doctor"
    machine = MachineContext.current() if (doctor or args.system) else None
    paths = args.requirement if doctor else (args.paths or ["."])
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")
    skipped: list[str] = []
    found = candidates(paths, exclude=settings.exclude, skipped=skipped)
    for path in skipped:
        print(f"reqlint: warning: {path} is not a file reqlint reads (requirements, pip "
              "config, pyproject.toml, conda, CI, tox.ini or Dockerfile); skipped",
              file=sys.stderr)
    if not found and not doctor and not skipped:
        # Like ruff's "No Python files found": an empty run is worth a word, not an error.
        print(f"reqlint: warning: no requirements, pip config or pyproject files found "
              f"under {', '.join(paths)}", file=sys.stderr)
    if doctor:
        found = [Candidate(c.path, SourceKind.REQUIREMENTS) for c in found]
    metadata = tuple((glob, settings.root or os.getcwd()) for glob in settings.metadata_files)
    project = load_project(found, machine=machine, internal_hosts=settings.internal_hosts,
                           pin_pyproject=settings.pin_pyproject, metadata_files=metadata)
    network_rows: list[dict[str, object]] = []
    if args.network:
        project, network_rows = _probe(project, args)

    def selector(code: str, path: str | None) -> bool:
        return cfg.is_selected(settings, code, path)

    outcome = run(project, selector=selector, network=args.network)
    fixed = 0
    unsafe = bool(settings.unsafe_fixes)
    if args.fix or args.diff:
        from reqlint import fixes

        said: set[str] = set()
        # Like ruff: fix, re-lint, and fix again what the first pass had to skip (two fixes
        # that overlapped), until nothing changes.  --diff shows the first pass only.
        for _ in range(1 if args.diff else MAX_FIX_PASSES):
            # The files are re-read as they were parsed (same ${VAR} environment), and only
            # files inside the linted tree (cwd and the paths given) are edited.
            result = fixes.apply(outcome.diagnostics, project, unsafe=unsafe,
                                 write=args.fix and not args.diff,
                                 env=machine.environ if machine is not None else None,
                                 roots=paths)
            for note in result.notes:
                if note not in said:
                    said.add(note)
                    print(f"reqlint: {note}", file=sys.stderr)
            if args.diff:
                _emit(args, result.diff)
                return EXIT_FINDINGS if result.diff else EXIT_OK
            fixed += result.applied
            if not result.changed_files:
                break
            probes = project.probes
            project = load_project(found, machine=machine,
                                   internal_hosts=settings.internal_hosts,
                                   pin_pyproject=settings.pin_pyproject,
                                   metadata_files=metadata)
            if args.network:
                project = dataclasses.replace(project, probes=probes)
            outcome = run(project, selector=selector, network=args.network)
    if doctor and _format(args) is Format.TEXT and not args.quiet:
        _emit(args, _doctor_text(project, machine, args.requirement), closing=False)
    threshold = args.failure_threshold or settings.failure_threshold
    return _report(args, outcome, project, fixed=fixed, unsafe=unsafe,
                   network_rows=network_rows, threshold=threshold)


def _probe(project: Project, args: argparse.Namespace) -> tuple[Project, list[dict[str, object]]]:
    from reqlint.network import run_probes, summary_rows

    progress = sys.stderr.isatty() and _format(args) is Format.TEXT
    probes = run_probes(project, timeout=args.timeout, progress=progress)
    project = dataclasses.replace(project, probes=probes)
    return project, summary_rows(project)


def _format(args: argparse.Namespace) -> Format:
    if args.format:
        return Format(args.format)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return Format.GITHUB
    return Format.TEXT


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.no_color or os.environ.get("NO_COLOR") or args.output_file:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _report(args: argparse.Namespace, outcome: Outcome, project: Project, *, fixed: int,
            unsafe: bool, network_rows: list[dict[str, object]],
            threshold: str = "warning") -> int:
    fmt = _format(args)
    applicable = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    fixable = sum(1 for d in outcome.diagnostics
                  if d.fix is not None and d.fix.edits and d.fix.applicability in applicable)
    unsafe_fixable = 0 if unsafe else sum(
        1 for d in outcome.diagnostics
        if d.fix is not None and d.fix.edits and d.fix.applicability is Applicability.UNSAFE)
    extras: dict[str, object] = {"color": _color(args, sys.stdout), "quiet": args.quiet,
                                 "unsafe_fixable": unsafe_fixable,
                                 "statistics": args.statistics}
    if network_rows:
        extras["network"] = network_rows
    report = Report(outcome.diagnostics, {r.meta.code: r.meta for r in RULES},
                    tuple(sorted({s.path for s in project.sources})), fixed, fixable,
                    __version__, os.getcwd(), extras)
    if network_rows and fmt is Format.TEXT and not args.quiet:
        _emit(args, _network_table(network_rows), closing=False)
    _emit(args, reporter(fmt)(report))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is Format.GITHUB and summary_path:
        from reqlint.reporters.github_format import step_summary

        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(step_summary(report))
        except OSError as exc:
            print(f"reqlint: cannot write GITHUB_STEP_SUMMARY: {exc}", file=sys.stderr)
    return EXIT_FINDINGS if fails(outcome.diagnostics, threshold) and not args.exit_zero \
        else EXIT_OK


def fails(diagnostics: Sequence[Diagnostic], threshold: str) -> bool:
    """Whether any finding is at or above ``threshold`` (``none``: never)."""
    if threshold == "none":
        return False
    floor = Severity(threshold).rank
    return any(d.severity.rank >= floor for d in diagnostics)


_pending_output: list[str] = []


def _emit(args: argparse.Namespace, text: str, *, closing: bool = True) -> None:
    """Write to stdout or collect for ``--output-file`` (written once, at the end)."""
    if not args.output_file:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _pending_output.append(text)
    if closing:
        try:
            with open(args.output_file, "w", encoding="utf-8") as handle:
                handle.write("".join(_pending_output))
        except OSError as exc:
            raise UsageError(f"cannot write {args.output_file}: {exc.strerror}") from None
        finally:
            _pending_output.clear()


def _network_table(rows: list[dict[str, object]]) -> str:
    headers = ("index", "source", "status", "latency")
    table = [headers] + [tuple(str(r.get(h, "")) for h in headers) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in table]
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------- doctor


def _doctor_text(project: Project, machine: MachineContext | None,
                 requirement_files: Sequence[str]) -> str:
    from reqlint.doctor import render_doctor

    return render_doctor(project, machine, requirement_files)


# ------------------------------------------------------------------------------ show


def _cmd_show(args: argparse.Namespace) -> int:
    from reqlint.show import render_show

    machine = MachineContext.current() if args.system else None
    paths = args.paths or ["."]
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")
    from reqlint import settings as cfg

    try:
        settings = cfg.load_settings(cfg.find_config(os.getcwd()), known_codes=set(BY_CODE))
    except cfg.ConfigError as exc:
        raise UsageError(str(exc)) from None
    metadata = tuple((glob, settings.root or os.getcwd()) for glob in settings.metadata_files)
    project = load_project(candidates(paths), machine=machine, metadata_files=metadata)
    _emit(args, render_show(project, json_output=args.format == "json"))
    return EXIT_OK


# ------------------------------------------------------------------------- rule(s)


def _cmd_rule(args: argparse.Namespace) -> int:
    code = args.code.upper()
    rule = BY_CODE.get(code)
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r}; `reqlint rules` lists them")
    meta = rule.meta
    if args.format == "json":
        import json

        print(json.dumps(_rule_json(meta.code), indent=2))
    else:
        from reqlint.docs import rule_page

        sys.stdout.write(rule_page(meta))
    return EXIT_OK


def _rule_json(code: str) -> dict[str, object]:
    meta = BY_CODE[code].meta
    return {"code": meta.code, "name": meta.name, "summary": meta.summary,
            "severity": meta.severity.value, "fixable": meta.fixable,
            "network": meta.network, "doc": meta.doc}


def _cmd_rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        import json

        print(json.dumps([_rule_json(r.meta.code) for r in RULES], indent=2))
        return EXIT_OK
    for rule in RULES:
        meta = rule.meta
        flags = ("fix" if meta.fixable else "   ") + (" net" if meta.network else "    ")
        print(f"{meta.code}  {flags}  {meta.severity.value:<7}  {meta.name:<30} "
              f"{meta.summary}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover - python -m reqlint.cli
    sys.exit(main())
