"""``reqlint trace -- <pip command>``: run pip as typed and say where its wall time went.

The command runs unchanged except for one general option, ``--log FILE`` (pip 23.x-26.x:
a log at debug level, every line time-stamped to the millisecond), inserted right after
``pip`` / ``python -m pip``.  A ``--log`` the user gave (or ``PIP_LOG``) is used instead
and read from where it ended before the run.  pip's output goes to the terminal as usual
and its exit code is reqlint's exit code: a trace never hides a failing install.

What the log shows, and so what a trace can see (pip 26.3, ``index/collector.py``,
``operations/prepare.py``, urllib3's retry warnings):

* ``Getting page URL`` ... ``Fetched page URL as TYPE`` or ``Could not fetch URL URL:
  REASON - skipping``: one index or find-links page request, from start to answer or
  final failure (all its retries and backoff sleeps included);
* ``Retrying (Retry(total=N, ...)) after connection broken by '...': PATH``: one retry of
  the request in flight;
* ``Downloading FILE (SIZE)``: a download, until pip's next log line; the host comes from
  the ``Found link URL`` line that listed the file.

A trace does not sniff packets and sees nothing pip does not log: DNS lookups, TLS
handshakes and connection reuse are inside a request's time; requests made by build
back-ends in their own processes (``setup.py``, PEP 517 builds) are in "pip itself".

Wall time is measured around the process.  Request times come from pip's own time stamps
and are split between hosts with a sweep, so overlapping requests are never counted twice
and the host times plus "pip itself" add up to the wall time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from reqlint._records import dataclass
from reqlint.redact import redact_text, redact_url

EXIT_CANNOT_RUN = 127
_STAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d),(\d{3}) (.*)$")
_GETTING = re.compile(r"^Getting page (\S+)")
_FETCHED = re.compile(r"^Fetched page (\S+)")
_FAILED = re.compile(r"^Could not fetch URL (\S+?): (.*?)(?: - skipping)?$")
_RETRY = re.compile(
    r"^(?:WARNING: )?Retrying \(Retry\(.*?\)\) after connection broken by "
    r"'(.*)': (\S+)$"
)
_DOWNLOAD = re.compile(r"^Downloading (\S+)(?: \(([^)]*)\))?")
_FOUND_LINK = re.compile(r"^Found link (\S+) \(from")
_NOT_FOUND = re.compile(r"^(404|410) Client Error")
_KINDS = (
    (
        re.compile(
            r"didn't respond within .*while establishing a connection|connect timeout",
            re.IGNORECASE,
        ),
        "connect timeout",
    ),
    (re.compile(r"read timed out|didn't respond within|timed out", re.IGNORECASE), "read timeout"),
    (re.compile(r"connection refused", re.IGNORECASE), "refused"),
    (
        re.compile(
            r"name or service not known|failed to resolve|nodename nor servname|"
            r"getaddrinfo failed|temporary failure in name resolution",
            re.IGNORECASE,
        ),
        "DNS",
    ),
    (re.compile(r"ssl|certificate|tls", re.IGNORECASE), "TLS"),
    (re.compile(r"proxy", re.IGNORECASE), "proxy"),
    (re.compile(r"too many (\d+) error responses|\b5\d\d\b", re.IGNORECASE), "HTTP 5xx"),
    (re.compile(r"^(\d{3}) "), "HTTP"),
)
_LOOKING = re.compile(r"^Looking in (indexes|links): (.*)$")
_PIP_NAME = re.compile(r"pip(\d+(\.\d+)*)?(\.exe)?", re.IGNORECASE)
_PYTHON_NAME = re.compile(r"(python(\d+(\.\d+)*)?|py)(\.exe)?", re.IGNORECASE)
_LOG_OPTIONS = ("--log", "--log-file", "--local-log")


class TraceError(Exception):
    """The command is not a pip command reqlint can trace (a usage error)."""


@dataclass(slots=True)
class Request:
    """One request pip logged: an index/find-links page or a download."""

    url: str  # redacted
    host: str
    kind: str  # "page" or "download"
    start: float  # seconds since the epoch, from pip's time stamps
    end: float | None = None
    failed: bool = False
    detail: str = ""
    retries: int = 0

    @property
    def seconds(self) -> float:
        return max(0.0, (self.end if self.end is not None else self.start) - self.start)


@dataclass(frozen=True, slots=True)
class HostTrace:
    """Everything the run asked one host (``host[:port]``)."""

    host: str
    requests: int
    failed: int
    retries: int
    # Wall seconds attributed to this host (overlaps split between hosts).
    seconds: float
    # The first failure pip gave for it (redacted), '' when none failed.
    first_error: str = ""
    # Where this host is configured (file:line or variable), when reqlint can tell.
    configured_at: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Trace:
    command: tuple[str, ...]  # redacted
    exit_code: int
    wall_s: float
    hosts: tuple[HostTrace, ...]
    requests: tuple[Request, ...] = ()
    interrupted: bool = False
    log_path: str = ""
    notes: tuple[str, ...] = ()

    @property
    def attributed_s(self) -> float:
        return sum(h.seconds for h in self.hosts)

    @property
    def other_s(self) -> float:
        return max(0.0, self.wall_s - self.attributed_s)

    @property
    def top(self) -> HostTrace | None:
        ranked = sorted(self.hosts, key=lambda h: (-h.seconds, h.host))
        return ranked[0] if ranked and ranked[0].seconds > 0 else None


# ------------------------------------------------------------------------ the command


@dataclass(frozen=True, slots=True)
class _Plan:
    argv: tuple[str, ...]  # what runs
    log_path: str
    log_offset: int
    own_log: bool


def plan_command(command: Sequence[str], environ: Mapping[str, str]) -> _Plan:
    """Where ``--log`` goes in ``command`` (or which log the user already asked for)."""
    if not command:
        raise TraceError(
            "give the pip command to trace after --, e.g. "
            "`reqlint trace -- pip install -r requirements.txt`"
        )
    argv = list(command)
    head = os.path.basename(argv[0])
    if _PIP_NAME.fullmatch(head):
        at = 1
    elif _PYTHON_NAME.fullmatch(head):
        at = _after_dash_m_pip(argv)
    else:
        raise TraceError(
            f"{argv[0]!r} is not pip: reqlint trace runs `pip ...` or `python -m pip ...`"
        )
    user_log = _user_log(argv[at:]) or environ.get("PIP_LOG") or ""
    if user_log:
        path = os.path.expanduser(user_log)
        try:
            offset = os.path.getsize(path)
        except OSError:
            offset = 0
        return _Plan(tuple(argv), path, offset, own_log=False)
    fd, path = tempfile.mkstemp(prefix="reqlint-trace-", suffix=".log")
    os.close(fd)
    return _Plan((*argv[:at], "--log", path, *argv[at:]), path, 0, own_log=True)


def _after_dash_m_pip(argv: list[str]) -> int:
    for i, arg in enumerate(argv[1:], 1):
        if arg == "-m" and i + 1 < len(argv) and argv[i + 1] == "pip":
            return i + 2
        if arg == "-mpip":
            return i + 1
        if not arg.startswith("-"):
            break
    raise TraceError(f"{' '.join(argv[:3])!r} does not run pip: use `python -m pip ...`")


def _user_log(args: Sequence[str]) -> str | None:
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in _LOG_OPTIONS and i + 1 < len(args):
            found = args[i + 1]
        else:
            for option in _LOG_OPTIONS:
                if arg.startswith(option + "="):
                    found = arg.split("=", 1)[1]
    return found


def run(
    command: Sequence[str],
    *,
    pip_stdout_to_stderr: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Trace:
    """Run ``command`` (a pip command) with its log and trace it.

    pip inherits the terminal (with ``pip_stdout_to_stderr``, its standard output goes to
    standard error, so a JSON report on standard output stays parseable).  Raises
    :class:`TraceError` for a command that is not pip; a pip that cannot be started gives
    a trace with exit code 127 and a note.
    """
    env = dict(os.environ if environ is None else environ)
    plan = plan_command(command, env)
    interrupted = False
    notes: list[str] = []
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(plan.argv), env=env, stdout=2 if pip_stdout_to_stderr else None
        )
    except OSError as exc:
        _cleanup(plan)
        return Trace(
            _shown(command),
            EXIT_CANNOT_RUN,
            0.0,
            (),
            notes=(f"cannot run {command[0]}: {exc.strerror or exc}",),
        )
    code: int | None = None
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        # The terminal sent SIGINT to pip as well; let it stop, then report what it did.
        interrupted = True
        with contextlib.suppress(KeyboardInterrupt):
            code = proc.wait()
    if code is None:  # a second Ctrl-C: stop pip now
        proc.kill()
        code = proc.wait()
    wall = time.monotonic() - started
    text = _read_log(plan)
    if not text.strip():
        notes.append("pip wrote nothing to its log: no request to report")
    trace = analyse(
        text, wall_s=wall, exit_code=code, command=command, interrupted=interrupted, notes=notes
    )
    return Trace(
        trace.command,
        trace.exit_code,
        trace.wall_s,
        trace.hosts,
        trace.requests,
        trace.interrupted,
        "" if plan.own_log else plan.log_path,
        trace.notes,
    )


def _read_log(plan: _Plan) -> str:
    try:
        with open(plan.log_path, "rb") as handle:
            handle.seek(plan.log_offset)
            data = handle.read()
    except OSError:
        data = b""
    finally:
        _cleanup(plan)
    return data.decode("utf-8", "replace")


def _cleanup(plan: _Plan) -> None:
    if plan.own_log:
        with contextlib.suppress(OSError):
            os.unlink(plan.log_path)


def _shown(command: Sequence[str]) -> tuple[str, ...]:
    return tuple(redact_text(arg) for arg in command)


# ------------------------------------------------------------------------ the log


def _host(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host or "(local)"


def parse_log(text: str) -> tuple[list[Request], list[str]]:
    """The requests in a pip log, in order, and the index/find-links URLs pip announced."""
    requests: list[Request] = []
    announced: list[str] = []
    links: dict[str, str] = {}
    current: Request | None = None
    last = 0.0

    def close(at: float) -> None:
        nonlocal current
        if current is not None and current.end is None:
            current.end = at
        current = None

    for line in text.splitlines():
        match = _STAMP.match(line)
        if not match:
            continue
        stamp = datetime.strptime(match[1], "%Y-%m-%dT%H:%M:%S").timestamp() + int(match[2]) / 1000
        last = stamp
        message = match[3].strip()
        if current is not None and current.kind == "download":
            close(stamp)  # a download lasts until pip logs its next line
        if m := _GETTING.match(message):
            close(stamp)
            current = Request(redact_url(m[1]), _host(m[1]), "page", stamp)
            requests.append(current)
        elif m := _FETCHED.match(message):
            close(stamp)
        elif m := _FAILED.match(message):
            url = m[1]
            if current is None or current.url != redact_url(url):
                close(stamp)
                current = Request(redact_url(url), _host(url), "page", stamp)
                requests.append(current)
            # 404/410 is an answer ("no such project here"), not a failure to connect.
            current.failed = not _NOT_FOUND.match(m[2])
            current.detail = redact_text(m[2])
            close(stamp)
        elif m := _RETRY.match(message):
            if current is not None:
                current.retries += 1
        elif m := _DOWNLOAD.match(message):
            close(stamp)
            target = m[1]
            url = target if "://" in target else links.get(target, "")
            current = Request(
                redact_url(url or target), _host(url) if url else "(unknown)", "download", stamp
            )
            requests.append(current)
        elif m := _FOUND_LINK.match(message):
            url = m[1].split("#", 1)[0]
            links.setdefault(url.rsplit("/", 1)[-1], url)
        elif m := _LOOKING.match(message):
            announced.extend(u.strip() for u in m[2].split(",") if u.strip())
    close(last)
    return requests, announced


def attribute(requests: Iterable[Request]) -> dict[str, float]:
    """Wall seconds per host: each stretch of time is split evenly between the requests in
    flight during it, so overlapping requests are not counted twice."""
    events: list[tuple[float, int, int, str]] = []
    for n, r in enumerate(requests):
        if r.end is not None and r.end > r.start:
            events += [(r.start, 1, n, r.host), (r.end, 0, n, r.host)]
    events.sort()
    active: dict[int, str] = {}
    out: dict[str, float] = {}
    previous = events[0][0] if events else 0.0
    for at, starts, n, host in events:
        if active and at > previous:
            share = (at - previous) / len(active)
            for name in active.values():
                out[name] = out.get(name, 0.0) + share
        previous = at
        if starts:
            active[n] = host
        else:
            active.pop(n, None)
    return out


def analyse(
    text: str,
    *,
    wall_s: float,
    exit_code: int,
    command: Sequence[str] = (),
    interrupted: bool = False,
    notes: Sequence[str] = (),
    configured: Mapping[str, Sequence[str]] | None = None,
) -> Trace:
    """A :class:`Trace` from the text of pip's log and the measured wall time."""
    requests, announced = parse_log(text)
    seconds = attribute(requests)
    hosts: dict[str, list[Request]] = {}
    for url in announced:
        if "://" in url and not url.startswith("file:"):
            hosts.setdefault(_host(url), [])
    for r in requests:
        hosts.setdefault(r.host, []).append(r)
    where = configured or {}
    table = tuple(
        sorted(
            (
                HostTrace(
                    host,
                    len(items),
                    sum(r.failed for r in items),
                    sum(r.retries for r in items),
                    round(seconds.get(host, 0.0), 3),
                    next((r.detail for r in items if r.failed), ""),
                    tuple(where.get(host, ())),
                )
                for host, items in hosts.items()
            ),
            key=lambda h: (-h.seconds, h.host),
        )
    )
    return Trace(
        _shown(command),
        exit_code,
        round(wall_s, 3),
        table,
        tuple(requests),
        interrupted,
        notes=tuple(notes),
    )


# ------------------------------------------------------------------------ reports


def _s(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.2f} s"
    from reqlint.network.cost import format_duration

    return format_duration(seconds)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole > 0 else "-"


def render_text(trace: Trace) -> str:
    lines = [
        f"reqlint trace: {' '.join(trace.command)}",
        f"exit code {trace.exit_code}"
        + (" (interrupted)" if trace.interrupted else "")
        + f"; wall time {_s(trace.wall_s)}: {_s(trace.attributed_s)} "
        f"({_pct(trace.attributed_s, trace.wall_s)}) waiting on index hosts, "
        f"{_s(trace.other_s)} in pip itself",
        "",
    ]
    for note in trace.notes:
        lines.append(f"note: {note}")
    if trace.hosts:
        headers = ("host", "requests", "failed", "retries", "waited", "share", "failure")
        rows = [headers] + [
            (
                h.host,
                str(h.requests),
                str(h.failed),
                str(h.retries),
                _s(h.seconds),
                _pct(h.seconds, trace.wall_s),
                failure_kind(h.first_error),
            )
            for h in trace.hosts
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(headers))]
        for row in rows:
            lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip())
        lines.append("")
    elif not trace.notes:
        lines.append(
            "pip made no index or download request (nothing to look up, or "
            "every requirement was already satisfied)"
        )
        lines.append("")
    top = trace.top
    if top is not None:
        what = (
            f"{top.failed} of its {top.requests} requests failed "
            f"({failure_kind(top.first_error)}: {top.first_error})"
            if top.failed
            else f"{top.requests} requests, none failed"
        )
        lines.append(
            f"The time went to {top.host}: {_s(top.seconds)} of "
            f"{_s(trace.wall_s)} ({_pct(top.seconds, trace.wall_s)}); {what}"
            + (f", {top.retries} retries" if top.retries else "")
            + "."
        )
        if top.configured_at:
            lines.append(f"It is configured at {', '.join(top.configured_at)}.")
        if top.failed:
            lines.append(
                "`reqlint doctor --network` shows every index with the line that "
                "sets it and what it costs each install."
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def failure_kind(detail: str) -> str:
    """``connect timeout``, ``read timeout``, ``refused``, ``DNS``, ``TLS``, ``proxy``,
    ``HTTP 5xx``, ``HTTP 4xx``... from pip's "Could not fetch URL" reason."""
    for pattern, kind in _KINDS:
        if m := pattern.search(detail):
            return f"HTTP {m[1]}" if kind == "HTTP" else kind
    return "error" if detail else ""


def render_json(trace: Trace) -> str:
    doc: dict[str, object] = {
        "version": 1,
        "command": list(trace.command),
        "exit_code": trace.exit_code,
        "interrupted": trace.interrupted,
        "wall_seconds": trace.wall_s,
        "attributed_seconds": round(trace.attributed_s, 3),
        "other_seconds": round(trace.other_s, 3),
        "top_host": trace.top.host if trace.top else None,
        "hosts": [
            {
                "host": h.host,
                "requests": h.requests,
                "failed": h.failed,
                "retries": h.retries,
                "seconds": h.seconds,
                "share": round(h.seconds / trace.wall_s, 3) if trace.wall_s else None,
                "first_error": h.first_error or None,
                "failure": failure_kind(h.first_error) or None,
                "configured_at": list(h.configured_at),
            }
            for h in trace.hosts
        ],
        "requests": [
            {
                "url": r.url,
                "host": r.host,
                "kind": r.kind,
                "seconds": round(r.seconds, 3),
                "failed": r.failed,
                "retries": r.retries,
                "detail": r.detail or None,
            }
            for r in trace.requests
        ],
        "notes": list(trace.notes),
        "log": trace.log_path or None,
    }
    return json.dumps(doc, indent=2) + "\n"


# ------------------------------------------------------------------------ configuration


def configured_hosts(command: Sequence[str]) -> dict[str, list[str]]:
    """host -> where it is configured: this machine's pip config and environment, the
    requirements files the command names (``-r``), and the command line itself."""
    from reqlint.discovery import Candidate
    from reqlint.loader import MachineContext, load_project
    from reqlint.model import SourceKind, Tool

    args = list(command)
    files: list[str] = []
    out: dict[str, list[str]] = {}
    for i, arg in enumerate(args):
        if arg in ("-r", "--requirement") and i + 1 < len(args):
            files.append(args[i + 1])
        elif arg in ("-i", "--index-url", "--extra-index-url", "-f", "--find-links") and (
            i + 1 < len(args)
        ):
            out.setdefault(_host(args[i + 1]), []).append(f"command line ({arg})")
        elif arg.startswith(("--index-url=", "--extra-index-url=", "--find-links=")):
            out.setdefault(_host(arg.split("=", 1)[1]), []).append(
                f"command line ({arg.split('=', 1)[0]})"
            )
        elif arg.startswith("--requirement="):
            files.append(arg.split("=", 1)[1])
        elif arg.startswith("-r") and len(arg) > 2:
            files.append(arg[2:])
    candidates = [
        Candidate(os.path.normpath(f), SourceKind.REQUIREMENTS) for f in files if os.path.isfile(f)
    ]
    project = load_project(candidates, machine=MachineContext.current())
    for st in project.settings("index-url", "extra-index-url", "find-links"):
        if st.tool is not Tool.PIP or st.kind not in (
            SourceKind.REQUIREMENTS,
            SourceKind.PIPCONF,
            SourceKind.ENVIRON,
        ):
            continue
        for url in st.value.split():
            if "://" in url:
                place = st.location.display()
                bucket = out.setdefault(_host(url), [])
                if place not in bucket:
                    bucket.append(place)
    return out


def trace_command(command: Sequence[str], *, pip_stdout_to_stderr: bool = False) -> Trace:
    """:func:`run`, with each host's configured places filled in."""
    result = run(command, pip_stdout_to_stderr=pip_stdout_to_stderr)
    try:
        where = configured_hosts(command)
    except Exception:  # a config that cannot be read must not lose the trace
        where = {}
    hosts = tuple(
        HostTrace(
            h.host,
            h.requests,
            h.failed,
            h.retries,
            h.seconds,
            h.first_error,
            tuple(where.get(h.host, ())),
        )
        for h in result.hosts
    )
    return Trace(
        result.command,
        result.exit_code,
        result.wall_s,
        hosts,
        result.requests,
        result.interrupted,
        result.log_path,
        result.notes,
    )


__all__ = [
    "HostTrace",
    "Request",
    "Trace",
    "TraceError",
    "analyse",
    "attribute",
    "configured_hosts",
    "failure_kind",
    "parse_log",
    "plan_command",
    "render_json",
    "render_text",
    "run",
    "trace_command",
]
