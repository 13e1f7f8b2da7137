"""argv -> settings -> run -> exit code.  Wiring only: every piece it calls is elsewhere.

Exit codes follow ruff: 0 no findings, 1 findings, 2 usage error or internal failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from reqlint import __version__
from reqlint._records import asdict, replace
from reqlint.discovery import Candidate, candidates, display_path
from reqlint.engine import Outcome, run
from reqlint.loader import MachineContext, load_project
from reqlint.model import Applicability, Diagnostic, FixAvailability, Severity, SourceKind
from reqlint.project import Project
from reqlint.reporters import Format, RenderOptions, Report, reporter
from reqlint.rules import BY_CODE, RULES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import Any, TextIO

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_SIGPIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool killed by a closed pipe
COMMANDS = ("check", "doctor", "show", "rule", "rules", "trace")


class UsageError(Exception):
    """A problem with what the user asked for: printed as ``reqlint: error: ...``, exit 2."""


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil (start-up)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stream = sys.__stdout__
        try:
            columns = (os.get_terminal_size(stream.fileno()).columns if stream else 0) or 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized as argparse sizes it (see :func:`_columns`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``command``, only that sub-command's parser is built (what a
    run needs: argparse's set-up is a good part of a pre-commit hook's start-up)."""
    # allow_abbrev=False everywhere: `--output x` must not silently mean `--output-file x`.
    parser = _Parser(
        prog="reqlint",
        allow_abbrev=False,
        description="Lint pip requirements files, pip configuration and index settings.",
    )
    parser.add_argument("--version", action="version", version=f"reqlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, formats: Sequence[str]) -> None:
        p.add_argument(
            "--output-format",
            "--format",
            dest="format",
            choices=list(formats),
            default=None,
            help="output format (default: text; for `check`, github inside GitHub Actions)",
        )
        p.add_argument(
            "--output-file",
            "-o",
            metavar="FILE",
            help="write the report to FILE instead of standard output",
        )
        p.add_argument(
            "--no-color",
            action="store_true",
            help="no colours (also when NO_COLOR is set or output is not a TTY; "
            "CLICOLOR_FORCE or FORCE_COLOR force them)",
        )
        p.add_argument(
            "--quiet",
            "-q",
            action="store_true",
            help="print findings only: no summary, no warnings or notes",
        )

    def lint(p: argparse.ArgumentParser) -> None:
        # Repeatable, and every occurrence counts (ruff): `--select RL1 --select RL2`.
        p.add_argument(
            "--select",
            action="append",
            metavar="CODES",
            help="rules to run (codes or prefixes, comma-separated, repeatable; "
            "replaces the configured selection)",
        )
        p.add_argument(
            "--extend-select",
            action="append",
            metavar="CODES",
            help="rules to add to the selection (repeatable)",
        )
        p.add_argument(
            "--ignore", action="append", metavar="CODES", help="rules to skip (repeatable)"
        )
        p.add_argument(
            "--per-file-ignores",
            action="append",
            metavar="GLOB:CODES",
            help="switch CODES off for files GLOB matches (repeatable)",
        )
        p.add_argument(
            "--exclude",
            action="append",
            metavar="GLOBS",
            help="paths to skip, replacing the configured exclude (repeatable)",
        )
        p.add_argument(
            "--extend-exclude",
            action="append",
            metavar="GLOBS",
            help="more paths to skip, added to the configured ones (repeatable)",
        )
        p.add_argument(
            "--force-exclude",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="apply exclude to paths given on the command line too "
            "(what the pre-commit hooks use)",
        )
        p.add_argument(
            "--respect-gitignore",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="skip what .gitignore files ignore when walking folders (default: on)",
        )
        p.add_argument(
            "--config",
            metavar="FILE",
            help="read settings from this file only (default: the nearest "
            "configuration above each file)",
        )
        p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
        p.add_argument(
            "--network",
            action="store_true",
            help="probe every index (reachability, what a dead one costs pip, "
            "dependency confusion); off by default",
        )
        p.add_argument(
            "--timeout",
            type=float,
            metavar="SECONDS",
            help="probe timeout (default: pip's effective timeout, else 15)",
        )
        p.add_argument(
            "--fix", action="store_true", help="apply safe fixes, then report what remains"
        )
        p.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
        p.add_argument(
            "--diff",
            action="store_true",
            help="print the changes --fix would make as a unified diff; write nothing",
        )
        p.add_argument(
            "--show-fixes",
            action="store_true",
            help="show each finding's fix, and after --fix what was fixed",
        )
        p.add_argument(
            "--add-noqa",
            action="store_true",
            help="add a suppression comment for every current finding",
        )
        p.add_argument(
            "--exit-zero",
            action="store_true",
            help="exit 0 even when there are findings (2 still means an error)",
        )
        p.add_argument(
            "--statistics",
            action="store_true",
            help="print how many findings each rule has, instead of the findings",
        )
        p.add_argument(
            "--failure-threshold",
            choices=["error", "warning", "info", "none"],
            default=None,
            metavar="SEVERITY",
            help="lowest severity that makes the run fail: error, warning "
            "(default: info findings are reported but pass), info, none",
        )
        p.add_argument(
            "--show-settings",
            action="store_true",
            help="print the settings that apply to the first PATH, and exit",
        )
        p.add_argument(
            "--show-files",
            action="store_true",
            help="print the files that would be linted, and exit",
        )

    def wanted(name: str) -> bool:
        return command is None or command == name

    if wanted("check"):
        _check_parser(sub, common, lint)
    if wanted("doctor"):
        _doctor_parser(sub, common, lint)
    if wanted("show"):
        _show_parser(sub, common)
    if wanted("trace"):
        _trace_parser(sub)
    if wanted("rule"):
        rule = sub.add_parser("rule", help="explain a rule", allow_abbrev=False)
        rule.add_argument("code", metavar="CODE")
        rule.add_argument(
            "--output-format", "--format", dest="format", choices=["text", "json"], default="text"
        )
    if wanted("rules"):
        rules = sub.add_parser("rules", help="list every rule", allow_abbrev=False)
        rules.add_argument(
            "--output-format", "--format", dest="format", choices=["text", "json"], default="text"
        )
    return parser


_Adder = Callable[..., None]


def _check_parser(sub: argparse._SubParsersAction[Any], common: _Adder, lint: _Adder) -> None:
    check = sub.add_parser("check", help="lint files (the default command)", allow_abbrev=False)
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: .); files are read whatever their "
        "name; - reads standard input",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name standard input is linted as (its kind, its path in "
        "every output, the folder its includes are read from)",
    )
    check.add_argument(
        "--system",
        action="store_true",
        help="also read this machine's pip config files and PIP_*/UV_* "
        "environment (off by default, so results are the same on every machine)",
    )
    common(check, formats=[f.value for f in Format])
    lint(check)


def _doctor_parser(sub: argparse._SubParsersAction[Any], common: _Adder, lint: _Adder) -> None:
    doctor = sub.add_parser(
        "doctor",
        help="why is pip slow / what will pip really use on this machine",
        allow_abbrev=False,
    )
    doctor.add_argument(
        "-r",
        "--requirement",
        action="append",
        default=[],
        metavar="FILE",
        help="requirements file pip would install (repeatable)",
    )
    common(doctor, formats=[f.value for f in Format])
    lint(doctor)


def _show_parser(sub: argparse._SubParsersAction[Any], common: _Adder) -> None:
    show = sub.add_parser(
        "show", help="print what pip will see: requirements and options", allow_abbrev=False
    )
    show.add_argument("paths", nargs="*", metavar="PATH")
    show.add_argument(
        "--system",
        action="store_true",
        help="expand ${VAR} from the environment, as pip would here",
    )
    show.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip what .gitignore files ignore when walking folders, as check does (default: on)",
    )
    show.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    common(show, formats=["text", "json"])


def _trace_parser(sub: argparse._SubParsersAction[Any]) -> None:
    trace = sub.add_parser(
        "trace",
        allow_abbrev=False,
        help="run a pip command and report where its wall time went, per index host",
        description="Run the pip command given after -- (pip ... or python -m pip ...) with "
        "pip's debug log, pass its output and exit code through, and report per index host "
        "the requests, failures, retries and seconds spent waiting on it.",
    )
    trace.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="report format (json: pip's standard output goes to standard "
        "error unless --output-file is given)",
    )
    trace.add_argument(
        "--output-file",
        "-o",
        metavar="FILE",
        help="write the report to FILE instead of standard output",
    )
    trace.add_argument(
        "pip_command",
        nargs=argparse.REMAINDER,
        metavar="-- PIP-COMMAND",
        help="the pip command, as you would type it",
    )


def _split(values: Sequence[str] | None, option: str = "") -> list[str] | None:
    """Comma-separated values of a repeatable option, all occurrences together (ruff)."""
    if values is None:
        return None
    out: list[str] = []
    for value in values:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not parts and option:
            raise UsageError(
                f"{option}: empty value; give rule codes (RL101), prefixes (RL1) or ALL"
            )
        out += parts
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "check")
    parser = _parser(args_list[0] if args_list[0] in COMMANDS else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    # What this run writes to --output-file, collected here and nowhere else: nothing of
    # one main() call can leak into the next.
    args.sink = []
    try:
        code = _dispatch(args)
        _flush_stdout()
        return code
    except BrokenPipeError:
        # the reader went away (`reqlint check | head`): stop quietly, like cat or grep, and
        # let nothing write to the closed pipe again when the interpreter exits
        _stdout_gone()
        return EXIT_SIGPIPE
    except UsageError as exc:
        print(f"reqlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an internal failure must never be a bare traceback
        from reqlint.redact import redact_text

        print(
            f"reqlint: internal error: {type(exc).__name__}: {redact_text(str(exc))}\n"
            "Please report this with the file that caused it.",
            file=sys.stderr,
        )
        if os.environ.get("REQLINT_DEBUG"):
            raise
        return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "rule":
        return _cmd_rule(args)
    if args.command == "rules":
        return _cmd_rules(args)
    if args.command == "show":
        return _cmd_show(args)
    if args.command == "trace":
        return _cmd_trace(args)
    return _cmd_lint(args)


def _flush_stdout() -> None:
    """Flush standard output; a full disk or a dead terminal is the user's error to see,
    not an internal one (a closed pipe propagates: main() ends quietly)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _stdout_gone()
        raise UsageError(f"cannot write to standard output: {exc.strerror}") from None


def _stdout_gone() -> None:
    """Point standard output at the null device, so that what is still buffered cannot
    fail again when the interpreter exits."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (an in-process caller's StringIO)
        pass
    finally:
        os.close(devnull)


def _warn(args: argparse.Namespace, message: str) -> None:
    """A warning or note on standard error; --quiet silences them (ruff)."""
    if not args.quiet:
        print(f"reqlint: {message}", file=sys.stderr)


# ------------------------------------------------------------------------------ lint


def _resolver(args: argparse.Namespace) -> object:
    from reqlint import settings as cfg

    per_file: list[tuple[str, list[str]]] = []
    for item in args.per_file_ignores or ():
        glob, sep, codes = item.rpartition(":")
        if not sep or not glob or not codes.strip():
            raise UsageError(f"--per-file-ignores: expected GLOB:CODES, not {item!r}")
        per_file.append((glob, _split([codes]) or []))
    select = _split(args.select, "--select")
    ignore = _split(args.ignore, "--ignore")
    extend_select = _split(args.extend_select, "--extend-select")
    exclude, extend_exclude = _split(args.exclude), _split(args.extend_exclude)

    def finish(base: cfg.Settings) -> cfg.Settings:
        return cfg.merge_cli(
            base,
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            exclude=exclude,
            extend_exclude=extend_exclude,
            per_file_ignores=per_file,
            unsafe_fixes=args.unsafe_fixes or None,
            respect_gitignore=args.respect_gitignore,
            force_exclude=args.force_exclude,
            known_codes=set(BY_CODE),
        )

    try:
        return cfg.Resolver.build(
            config=args.config, isolated=args.isolated, finish=finish, known_codes=set(BY_CODE)
        )
    except cfg.ConfigError as exc:
        raise UsageError(str(exc)) from None


def _cmd_lint(args: argparse.Namespace) -> int:
    from reqlint import settings as cfg

    resolver = _resolver(args)
    assert isinstance(resolver, cfg.Resolver)
    settings = resolver.default
    doctor = args.command == "doctor"
    machine = MachineContext.current() if (doctor or args.system) else None
    paths = args.requirement if doctor else (args.paths or ["."])
    stdin = getattr(args, "stdin_filename", None)
    if stdin and not doctor:
        # As ruff: --stdin-filename always means standard input; other paths are ignored.
        for path in paths:
            if path not in ("-", "."):
                _warn(args, f"warning: ignoring {path} in favour of standard input")
        return _cmd_stdin(args, resolver, machine)
    if "-" in paths and not doctor:
        if len(paths) > 1:
            raise UsageError("-: standard input is linted on its own; give no other path")
        return _cmd_stdin(args, resolver, machine)
    if args.show_settings:
        return _show_settings(args, resolver, paths[0])
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")

    def skip(path: str) -> bool:
        return cfg.is_excluded(resolver.for_path(path), path)

    errors: list[str] = []
    skipped: list[tuple[str, str]] = []
    found = candidates(
        paths,
        skipped=skipped,
        skip=skip,
        force_exclude=settings.force_exclude,
        respect_gitignore=settings.respect_gitignore,
        errors=errors,
    )
    for path, why in skipped:
        _warn(args, f"warning: {path} {why}; skipped")
    for error in errors:
        _warn(args, f"warning: {error}")
    if args.show_files:
        _emit(args, "".join(f"{display_path(c.path)}\n" for c in found))
        return EXIT_ERROR if errors else EXIT_OK
    if not found and not doctor and not errors and not skipped:
        # Like ruff's "No Python files found": an empty run is worth a word, not an error.
        _warn(
            args,
            f"warning: no requirements, pip config or pyproject files found "
            f"under {', '.join(paths)}",
        )
    context: list[Candidate] = []
    if doctor:
        found = [Candidate(c.path, SourceKind.REQUIREMENTS) for c in found]
    else:
        context = _neighbours(paths, found, skip)
    code = _lint(args, resolver, found, machine, roots=paths, context=context)
    return EXIT_ERROR if errors else code


def _cmd_stdin(
    args: argparse.Namespace,
    resolver: object,
    machine: MachineContext | None,
) -> int:
    """``reqlint check - --stdin-filename PATH``: standard input linted as PATH (ruff)."""
    from reqlint.discovery import _by_extension, explicit_kind

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    if args.show_settings:
        return _show_settings(args, resolver, name)
    kind = explicit_kind(name) or _by_extension(name)
    found = [Candidate(os.path.normpath(name), kind, data)]
    return _lint(args, resolver, found, machine, roots=[name], stdin=data)


def _lint(
    args: argparse.Namespace,
    resolver: object,
    found: list[Candidate],
    machine: MachineContext | None,
    *,
    roots: Sequence[str],
    stdin: bytes | None = None,
    context: Sequence[Candidate] = (),
) -> int:
    """Lint ``found`` (with ``context``: files read beside them whose findings are not
    reported, see ``discovery.neighbours``)."""
    from reqlint import settings as cfg

    assert isinstance(resolver, cfg.Resolver)
    settings = resolver.default
    for cand in found:
        resolver.for_path(cand.path)
    hosts = sorted({h for s in resolver.seen() for h in s.internal_hosts})
    # metadata-files globs are relative to the folder of the configuration that sets them.
    metadata = tuple(
        dict.fromkeys(
            (glob, s.root or os.getcwd()) for s in resolver.seen() for glob in s.metadata_files
        )
    )
    project = load_project(
        [*found, *context],
        machine=machine,
        internal_hosts=hosts,
        pin_pyproject=settings.pin_pyproject,
        metadata_files=metadata,
        roots=roots,
    )
    hidden = _context_only(project, found, context)
    for path in dict.fromkeys(source.path for source in project.sources):
        resolver.for_path(path)
    # Local locations describe this machine: inspected only when it is read or probed.
    inspect_disk = machine is not None or args.network
    if inspect_disk:
        from reqlint.network import with_local_paths

        project = with_local_paths(project)
    network_rows: list[dict[str, object]] = []
    if args.network:
        project, network_rows = _probe(project, args)

    def selector(code: str, path: str | None) -> bool:
        if path is None:
            return any(cfg.is_selected(s, code) for s in resolver.seen())
        return cfg.is_selected(resolver.for_path(path), code, path)

    outcome = _run(project, selector, args.network, stdin, found, hidden)
    if args.add_noqa:
        return _add_noqa(args, outcome, project, stdin)
    fixed = 0
    fixed_diags: tuple[Diagnostic, ...] = ()
    unsafe = bool(settings.unsafe_fixes)
    env = machine.environ if machine is not None else None
    given = (display_path(found[0].path), stdin) if stdin is not None else None
    if args.diff:
        from reqlint import fixes

        result = fixes.apply(
            outcome.diagnostics,
            project,
            unsafe=unsafe,
            write=False,
            env=env,
            roots=roots,
            texts=dict([given]) if given else None,
        )
        for note in dict.fromkeys(result.notes):
            _warn(args, note)
        _emit(args, result.diff)
        count = result.applied
        if count:
            _warn(args, f"Would fix {count} problem{'s' if count != 1 else ''}.")
        else:
            # as ruff: say so, and what --unsafe-fixes would add
            from reqlint.model import Applicability

            unsafe_only = (
                0
                if unsafe
                else sum(
                    1
                    for d in outcome.diagnostics
                    if d.fixable(Applicability.UNSAFE) and not d.fixable(Applicability.SAFE)
                )
            )
            more = (
                f" ({unsafe_only} fix{'es' if unsafe_only != 1 else ''} available with "
                "`--unsafe-fixes`)"
                if unsafe_only
                else ""
            )
            _warn(args, f"No problems would be fixed{more}.")
        return EXIT_FINDINGS if result.diff and not args.exit_zero else EXIT_OK
    if args.fix:
        from reqlint import fixes

        probes = project.probes

        def relint(data: bytes | None) -> tuple[Project, Outcome]:
            nonlocal found
            if data is not None:
                found = [replace(found[0], data=data)]
            again = load_project(
                [*found, *context],
                machine=machine,
                internal_hosts=hosts,
                pin_pyproject=settings.pin_pyproject,
                metadata_files=metadata,
                roots=roots,
            )
            if inspect_disk:
                again = with_local_paths(again)
            if args.network:
                again = replace(again, probes=probes)
            return again, _run(again, selector, args.network, data, found, hidden)

        rounds = fixes.fix_until_stable(
            outcome, project, relint, unsafe=unsafe, env=env, roots=roots, stdin=given
        )
        for note in rounds.notes:
            _warn(args, note)
        project, outcome, stdin = rounds.project, rounds.outcome, rounds.stdin
        fixed, fixed_diags = rounds.fixed, rounds.fixed_diagnostics
        del rounds
    if stdin is not None and args.fix:
        # As ruff: with --fix, standard input comes back fixed on standard output, and what
        # is left is reported on standard error.
        sys.stdout.buffer.write(stdin)
        sys.stdout.flush()
        args.stderr_report = True
    if args.command == "doctor" and _format(args) is Format.TEXT and not args.quiet:
        _emit(args, _doctor_text(project, machine, args.requirement), closing=False)
    threshold = args.failure_threshold or settings.failure_threshold
    outcome = _with_severities(outcome, resolver)
    paths = tuple(sorted({s.path for s in project.sources} - hidden))
    # The findings are all the report needs: the model they came from (every requirement
    # of every file) is let go before the report is rendered, which is the run's peak.
    del project
    return _report(
        args,
        outcome,
        paths,
        fixed=fixed,
        unsafe=unsafe,
        network_rows=network_rows,
        fixed_diags=fixed_diags,
        threshold=threshold,
    )


def _with_severities(outcome: Outcome, resolver: object) -> Outcome:
    """Each finding at the severity its file's settings give its rule (the ``severity``
    key), if they give one: before the report, so every format and the exit code agree."""
    from reqlint import settings as cfg

    assert isinstance(resolver, cfg.Resolver)
    if not any(s.severity for s in resolver.seen()):
        return outcome
    changed = []
    for diag in outcome.diagnostics:
        level = cfg.severity_of(resolver.for_path(diag.location.path), diag.code)
        keep = level is None or level == diag.severity.value
        changed.append(diag if keep else replace(diag, severity=Severity(level)))
    return replace(outcome, diagnostics=tuple(changed))


def _run(
    project: Project,
    selector: Callable[[str, str | None], bool],
    network: bool,
    stdin: bytes | None,
    found: Sequence[Candidate],
    hidden: frozenset[str] = frozenset(),
) -> Outcome:
    """The findings of ``project``, but none in the ``hidden`` files (read as context)."""
    from reqlint.noqa import with_unused_suppressions

    outcome = run(project, selector=selector, network=network)
    texts = {display_path(found[0].path): stdin} if stdin is not None and found else None
    outcome = with_unused_suppressions(
        outcome, project, selector=selector, network=network, texts=texts
    )
    if hidden:
        kept = tuple(d for d in outcome.diagnostics if d.location.path not in hidden)
        outcome = replace(outcome, diagnostics=kept)
    return outcome


def _neighbours(
    paths: Sequence[str], found: Sequence[Candidate], skip: Callable[[str], bool]
) -> list[Candidate]:
    """For files named one by one (a pre-commit run), the requirements files around them,
    read as their context (``discovery.neighbours``)."""
    if all(os.path.isdir(p) for p in paths):
        return []
    from reqlint.discovery import neighbours

    named = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
    return neighbours([c for c in found if c.path in named], skip)


def _context_only(
    project: Project, found: Sequence[Candidate], context: Sequence[Candidate]
) -> frozenset[str]:
    """The files read only as context: a ``context`` file, or one only they include (not
    a named file, nor one a named file includes, nor this machine's pip setup)."""
    if not context:
        return frozenset()
    named = {display_path(c.path) for c in found}
    around = {display_path(c.path) for c in context}
    reported: set[str] = set()
    read: set[str] = set()
    for source in project.sources:
        if source.path in named:
            reported.update(s.path for s in project.closure(source))
        elif source.path in around:
            read.update(s.path for s in project.closure(source))
    return frozenset(read - reported)


def _show_settings(args: argparse.Namespace, resolver: object, path: str) -> int:
    """``--show-settings``: the configuration file and the settings that apply to ``path``."""
    import json

    from reqlint import settings as cfg

    assert isinstance(resolver, cfg.Resolver)
    settings = resolver.for_path(path)
    out: dict[str, object] = {
        "path": display_path(path),
        "config": display_path(settings.path) if settings.path else None,
    }
    for key in cfg.KEYS:
        value = getattr(settings, key.field)
        out[key.key] = dict(value) if key.kind in ("globs", "severities") else value
    out["enabled-rules"] = [
        r.meta.code for r in RULES if cfg.is_selected(settings, r.meta.code, display_path(path))
    ]
    if settings.overrides:
        out["command-line-selection"] = [asdict(layer) for layer in settings.overrides]
    _emit(args, json.dumps(out, indent=2) + "\n")
    return EXIT_OK


def _add_noqa(
    args: argparse.Namespace, outcome: Outcome, project: Project, stdin: bytes | None
) -> int:
    """``--add-noqa``: a suppression comment for every current finding (ruff)."""
    from reqlint.noqa import add_noqa

    if stdin is not None:
        raise UsageError("--add-noqa edits files; it cannot be used with standard input")
    added, notes = add_noqa(outcome.diagnostics, project)
    for note in notes:
        _warn(args, note)
    _warn(args, f"Added {added} suppression comment{'s' if added != 1 else ''}.")
    return EXIT_OK


def _probe(project: Project, args: argparse.Namespace) -> tuple[Project, list[dict[str, object]]]:
    from reqlint.network import run_probes, summary_rows

    progress = sys.stderr.isatty() and _format(args) is Format.TEXT
    probes = run_probes(project, timeout=args.timeout, progress=progress)
    project = replace(project, probes=probes)
    return project, summary_rows(project)


def _format(args: argparse.Namespace) -> Format:
    if args.format:
        return Format(args.format)
    # Only `check`'s findings become annotations: doctor's, show's and --statistics' text
    # is for a person reading the log.
    if (
        os.environ.get("GITHUB_ACTIONS") == "true"
        and args.command == "check"
        and not getattr(args, "statistics", False)
    ):
        return Format.GITHUB
    return Format.TEXT


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.no_color or os.environ.get("NO_COLOR") or args.output_file:
        return False
    # CLICOLOR_FORCE (any value but 0, as ruff reads it) and FORCE_COLOR: colour even into
    # a pipe (a CI log that renders it).
    if os.environ.get("CLICOLOR_FORCE", "0") != "0" or os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _report(
    args: argparse.Namespace,
    outcome: Outcome,
    paths: tuple[str, ...],
    *,
    fixed: int,
    unsafe: bool,
    network_rows: list[dict[str, object]],
    fixed_diags: Sequence[Diagnostic] = (),
    threshold: str = "warning",
) -> int:
    fmt = _format(args)
    to_stderr = getattr(args, "stderr_report", False)
    options = RenderOptions(
        color=_color(args, sys.stderr if to_stderr else sys.stdout),
        quiet=args.quiet,
        statistics=args.statistics,
        show_fixes=args.show_fixes,
        fixed_diagnostics=tuple(fixed_diags),
        network=network_rows if args.network else None,
        project_dir=os.environ.get("CI_PROJECT_DIR") or None,
        failure_threshold=threshold,
    )
    report = Report(
        outcome.diagnostics,
        {r.meta.code: r.meta for r in RULES},
        paths,
        fixed,
        Applicability.threshold(unsafe),
        __version__,
        os.getcwd(),
        options,
    )
    if args.network and fmt is Format.TEXT and not args.quiet:
        from reqlint.reporters.text_format import network_table

        _emit(args, network_table(network_rows), closing=False)
    if to_stderr and not args.output_file:
        sys.stderr.write(reporter(fmt)(report))
    else:
        _emit(args, reporter(fmt)(report))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is Format.GITHUB and summary_path:
        from reqlint.reporters.github_format import step_summary

        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(step_summary(report))
        except OSError as exc:
            _warn(args, f"cannot write GITHUB_STEP_SUMMARY: {exc}")
    return (
        EXIT_FINDINGS if fails(outcome.diagnostics, threshold) and not args.exit_zero else EXIT_OK
    )


def fails(diagnostics: Sequence[Diagnostic], threshold: str) -> bool:
    """Whether any finding is at or above ``threshold`` (``none``: never)."""
    if threshold == "none":
        return False
    floor = Severity(threshold).rank
    return any(d.severity.rank >= floor for d in diagnostics)


def _emit(args: argparse.Namespace, text: str, *, closing: bool = True) -> None:
    """Write to stdout or collect for ``--output-file`` (written once, at the end)."""
    if not args.output_file:
        try:
            try:
                sys.stdout.write(text)
            except UnicodeEncodeError:
                # a file name with undecodable bytes (kept as surrogates) or a terminal that
                # cannot show a character: escape it rather than fail the run
                encoding = sys.stdout.encoding or "utf-8"
                sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except BrokenPipeError:
            raise
        except OSError as exc:
            _stdout_gone()
            raise UsageError(f"cannot write to standard output: {exc.strerror}") from None
        _flush_stdout()
        return
    pending: list[str] = args.sink
    pending.append(text)
    if closing:
        try:
            with open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write("".join(pending))
        except OSError as exc:
            raise UsageError(f"cannot write {args.output_file}: {exc.strerror}") from None
        finally:
            pending.clear()


# ---------------------------------------------------------------------------- doctor


def _doctor_text(
    project: Project, machine: MachineContext | None, requirement_files: Sequence[str]
) -> str:
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
        settings = (
            cfg.Settings()
            if args.isolated
            else cfg.load_settings(cfg.find_config(os.getcwd()), known_codes=set(BY_CODE))
        )
    except cfg.ConfigError as exc:
        raise UsageError(str(exc)) from None
    metadata = tuple((glob, settings.root or os.getcwd()) for glob in settings.metadata_files)
    # the files check would read: the same walk, ignore files and exclusions
    gitignore = (
        settings.respect_gitignore if args.respect_gitignore is None else args.respect_gitignore
    )

    def skip(path: str) -> bool:
        return cfg.is_excluded(settings, path)

    found = candidates(paths, skip=skip, respect_gitignore=gitignore)
    context = _neighbours(paths, found, skip)
    project = load_project(
        [*found, *context], machine=machine, metadata_files=metadata, roots=paths
    )
    hidden = _context_only(project, found, context)
    _emit(args, render_show(project, json_output=args.format == "json", hidden=hidden))
    return EXIT_OK


# ----------------------------------------------------------------------------- trace


def _cmd_trace(args: argparse.Namespace) -> int:
    from reqlint import trace

    command = list(args.pip_command)
    if command[:1] == ["--"]:
        command = command[1:]
    json_output = args.format == "json"
    try:
        result = trace.trace_command(
            command, pip_stdout_to_stderr=json_output and not args.output_file
        )
    except trace.TraceError as exc:
        raise UsageError(str(exc)) from None
    if result.exit_code == trace.EXIT_CANNOT_RUN and not result.hosts:
        for note in result.notes:
            print(f"reqlint: error: {note}", file=sys.stderr)
    _emit(args, trace.render_json(result) if json_output else trace.render_text(result))
    # The traced command's exit code, whatever the trace found: a trace never hides a
    # failing install (and never fails a working one).
    return result.exit_code


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
    return {
        "code": meta.code,
        "name": meta.name,
        "summary": meta.summary,
        "severity": meta.severity.value,
        "fix": meta.fix.value,
        "fix_applicability": meta.fix_applicability.value if meta.fix_applicability else None,
        "network": meta.network,
        "doc": meta.doc,
    }


def _cmd_rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        import json

        print(json.dumps([_rule_json(r.meta.code) for r in RULES], indent=2))
        return EXIT_OK
    for rule in RULES:
        meta = rule.meta
        # The best fix the rule can offer: "safe" (--fix) or "unsafe" (--unsafe-fixes).
        best = (
            meta.fix_applicability.value
            if meta.fix is not FixAvailability.NONE and meta.fix_applicability
            else ""
        )
        flags = f"{best:<6}" + (" net" if meta.network else "    ")
        print(f"{meta.code}  {flags}  {meta.severity.value:<7}  {meta.name:<30} {meta.summary}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover - python -m reqlint.cli
    sys.exit(main())
