"""The data every part of reqlint shares: spans, locations, facts, diagnostics and fixes.

Everything here is a frozen dataclass or an enum, with no behaviour beyond small helpers.
Sources (``reqlint.sources``) produce facts; rules (``reqlint.rules``) read facts and yield
diagnostics; reporters render diagnostics; ``reqlint.fixes`` applies the edits a fix carries.

Offsets (``Span.start``/``Span.end``, ``Edit.start``/``Edit.end``) count characters in the
decoded text of a file exactly as ``reqlint.text.TextFile`` holds it: BOM removed, newlines
*not* translated.  Lines and columns are 1-based; ``end_column`` is exclusive.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from reqlint._records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up

if TYPE_CHECKING:
    from reqlint.text import TextFile


class Severity(enum.Enum):
    """How bad a finding is.  Ordered: ``ERROR`` > ``WARNING`` > ``INFO``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(enum.Enum):
    """ruff's fix applicability, ordered as ruff orders it: ``DISPLAY_ONLY`` < ``UNSAFE`` <
    ``SAFE``.

    * ``SAFE``: the install means the same or strictly safer afterwards and can still find
      everything it could; applied by ``--fix``.
    * ``UNSAFE``: probably what the user wants, but the install may change or fail; applied
      only with ``--unsafe-fixes``.
    * ``DISPLAY_ONLY``: shown (a shell line to run, a remedy in words), never applied.

    A run's *threshold* is ``SAFE`` (``--fix``) or ``UNSAFE`` (``--fix --unsafe-fixes``);
    a fix applies when its applicability is at least the threshold.
    """

    DISPLAY_ONLY = "display-only"
    UNSAFE = "unsafe"
    SAFE = "safe"

    @property
    def rank(self) -> int:
        return _APPLICABILITY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Applicability):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Applicability):
            return NotImplemented
        return self.rank <= other.rank

    def applies(self, threshold: Applicability) -> bool:
        """ruff's ``Fix::applies``: at least as safe as ``threshold`` requires."""
        return self.rank >= threshold.rank

    @classmethod
    def threshold(cls, unsafe_fixes: bool) -> Applicability:
        """The least applicability a run applies: ``UNSAFE`` with ``--unsafe-fixes``."""
        return cls.UNSAFE if unsafe_fixes else cls.SAFE


_APPLICABILITY_RANK = {
    Applicability.DISPLAY_ONLY: 0,
    Applicability.UNSAFE: 1,
    Applicability.SAFE: 2,
}


class FixAvailability(enum.Enum):
    """Whether a rule's findings carry a fix (ruff's ``FixAvailability``)."""

    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class SourceKind(enum.Enum):
    """Where a fact comes from.  Each kind has an adapter in ``reqlint.sources``."""

    REQUIREMENTS = "requirements"
    PIPCONF = "pip-config"
    ENVIRON = "environment"
    PYPROJECT = "pyproject"
    CONDA = "conda"
    CI = "ci"
    TOX = "tox"
    DOCKERFILE = "dockerfile"
    SCRIPT = "script"  # a shell script or a Makefile


@dataclass(frozen=True, slots=True)
class Span:
    """A range of text in one file: offsets into the decoded text plus 1-based line/column.

    ``end_column`` is exclusive.  A span over whole lines ends at the last line's end, before
    its newline characters.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a *concrete* place (path + span) and a *symbolic* route.

    ``path`` is the file as shown to the user (relative to the working directory when it is
    inside it, POSIX separators), or ``env:NAME`` for an environment variable, which has no
    span.  ``route`` is symbolic, e.g. ``global → extra-index-url`` or ``tool.uv.index[1]``.
    """

    path: str
    span: Span | None = None
    route: str = ""

    @property
    def line(self) -> int:
        return self.span.line if self.span else 0

    @property
    def column(self) -> int:
        return self.span.column if self.span else 0

    def display(self) -> str:
        """``path:line`` (or just ``path`` for an environment variable)."""
        if self.span is None:
            return self.path
        return f"{self.path}:{self.span.line}"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the file at ``path`` with ``replacement``."""

    path: str
    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """What a rule proposes to do about a finding.  Rules never write files."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    # A fix that rewrites an item instead of removing it: each ``(old, new)`` is what the
    # rewritten item (the one whose span holds an edit) reads with ``new`` for ``old``
    # afterwards (a URL without its credentials); the fix check expects exactly that.
    rewrites: tuple[tuple[str, str], ...] = ()

    def applies(self, threshold: Applicability) -> bool:
        """Whether a run with ``threshold`` applies this fix: it has edits and is safe
        enough.  The one definition of "fixable" every reporter and the CLI use."""
        return bool(self.edits) and self.applicability.applies(threshold)


@dataclass(frozen=True, slots=True)
class FixCase:
    """One kind of finding of a rule and what its fix does: a row of docs/fixes.md.

    ``applicability`` is ``None`` where no fix is offered (the finding says the remedy).
    """

    finding: str
    fix: str
    applicability: Applicability | None
    why: str


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """A rule's metadata, declared once in the rule's module and read by everything else.

    ``doc`` is the rule's module docstring: it *is* the documentation page, with ruff's
    headings (What it does / Why is this bad? / Example / Use instead / Fix safety).
    ``fix`` says whether findings carry a fix that edits a file, and ``fix_applicability``
    the best applicability such a fix can have (``None`` when the rule never edits);
    whether one *finding* is fixable is :meth:`Diagnostic.fixable`, never this.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    fix: FixAvailability = FixAvailability.NONE
    fix_applicability: Applicability | None = None
    network: bool = False
    doc: str = ""
    fix_cases: tuple[FixCase, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding.  ``message`` is already redacted: no output format can leak a secret."""

    code: str
    message: str
    severity: Severity
    location: Location
    related: tuple[Location, ...] = ()
    fix: Fix | None = None
    # Extra machine-readable values for JSON/SARIF (e.g. estimated_stall_seconds).
    data: Mapping[str, object] = field(default_factory=dict)

    def fixable(self, threshold: Applicability = Applicability.SAFE) -> bool:
        """Whether a run with ``threshold`` would fix this finding (see :meth:`Fix.applies`)."""
        return self.fix is not None and self.fix.applies(threshold)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (
            self.location.path,
            self.location.line,
            self.location.column,
            self.code,
            self.message,
        )


# --------------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found while reading or parsing a source (RL001-RL008 and the like).

    Parse-time findings are data, not exceptions: the rule with the same ``code`` re-emits
    them, so their metadata (severity, docs) still lives in exactly one place.
    """

    code: str
    message: str
    location: Location
    fix: Fix | None = None
    # Lower than the rule's own severity where the source knows the finding is uncertain
    # (a line that depends on a variable reqlint was not given); None: the rule's.
    severity: Severity | None = None


class Tool(enum.Enum):
    """Which installer reads a setting.  pip's own files and variables are ``PIP``; a
    ``uv pip`` command, ``UV_*`` variables and ``[tool.uv]`` are ``UV``."""

    PIP = "pip"
    UV = "uv"
    POETRY = "poetry"
    PDM = "pdm"


class Origin(enum.Enum):
    """Which of pip's configuration files a pip.conf setting comes from, mirroring pip's
    ``kinds`` (``pip._internal.configuration``), ordered as pip's ``OVERRIDE_ORDER``
    applies them: ``GLOBAL`` < ``USER`` < ``SITE`` < ``ENV`` (``PIP_CONFIG_FILE``), a
    later one replacing the same key of an earlier one.

    ``FILE`` is everything else: a file given to reqlint (a pip.conf in the repository,
    which pip does not read on its own, a requirements file, a CI file, ...).  The
    environment's own settings are told apart by ``SourceKind.ENVIRON``.
    """

    GLOBAL = "global"
    USER = "user"
    SITE = "site"
    ENV = "env"
    FILE = "file"

    @property
    def rank(self) -> int:
        """Position in pip's override order (``FILE`` last: not one of pip's files)."""
        return _ORIGIN_ORDER.index(self)

    @property
    def machine(self) -> bool:
        """One of the configuration files pip reads on this machine (``--system``)."""
        return self is not Origin.FILE


_ORIGIN_ORDER = (Origin.GLOBAL, Origin.USER, Origin.SITE, Origin.ENV, Origin.FILE)


@dataclass(frozen=True, slots=True)
class Setting:
    """One value of a pip option, from any source.

    ``key`` is pip's canonical long option name without dashes in front (``index-url``,
    ``extra-index-url``, ``find-links``, ``trusted-host``, ``no-index``, ``timeout``,
    ``retries``, ``cert``, ``pre``, ...).  List options give one ``Setting`` per item.
    ``value`` is the value with ``${VAR}`` references expanded where the source expands them;
    ``raw`` is the text as written.

    ``removal`` holds the edits that remove just this setting from its file (commenting out
    a line, dropping one URL of a multi-line pip.conf value, ...), computed by the source
    adapter that knows the syntax; empty when it cannot be removed in a file (environment).
    ``remedy`` says in words what to do where no edit is possible (``unset PIP_INDEX_URL``).
    """

    key: str
    value: str
    raw: str
    kind: SourceKind
    location: Location
    # pip.conf section ("global", "install", ...); "" for other sources.
    section: str = ""
    # What the source wrote beside the value, as written: the key's spelling
    # ("key_as_written"), the environment variable ("variable"), the command
    # ("command"), a uv/poetry/pdm index entry's own keys ("name", "default",
    # "priority", ...).  Shown by `reqlint show`; the meaning is in the typed fields.
    attrs: Mapping[str, str] = field(default_factory=dict)
    removal: tuple[Edit, ...] = ()
    remedy: str = ""
    tool: Tool = Tool.PIP
    origin: Origin = Origin.FILE
    # Which command of a script the option belongs to ("<route>#<n>"): an option given
    # to one `pip install` applies to that command alone.  "" when not from a command.
    invocation: str = ""


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement line as pip yields it (after includes, continuations and ``${VAR}``).

    Field meanings follow ``pip-oracle.json``: ``name`` is ``None`` for an unnamed URL or
    path; ``specifier`` is normalised by packaging, comma-joined and sorted; ``hashes`` are
    ``algo:hex`` strings in the order written; ``error`` is set when pip could not turn the
    line into a requirement (the rest is then best effort).
    """

    text: str
    location: Location
    name: str | None = None
    specifier: str = ""
    extras: tuple[str, ...] = ()
    marker: str | None = None
    url: str | None = None
    is_vcs: bool = False
    editable: bool = False
    constraint: bool = False
    hashes: tuple[str, ...] = ()
    # Per-line options other than --hash, e.g. (("config-settings", "k=v"),).
    line_options: tuple[tuple[str, str], ...] = ()
    error: str | None = None
    # Column (1-based, in the line) where a PEP 508 parse error points, if known.
    error_column: int | None = None
    removal: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Include:
    """A ``-r``/``-c`` line: ``target`` as written, ``resolved`` the path it names (if local)."""

    target: str
    location: Location
    constraint: bool
    resolved: str | None


@dataclass(frozen=True, slots=True)
class SourceContext:
    """What a source adapter is told besides the text: the same text always parses the
    same way in the same context (adapters are pure: :mod:`reqlint.sources`).

    ``env`` holds the variables ``${VAR}`` references are expanded from; ``None`` (the
    default: the user's environment is opt-in) expands nothing.  ``variant`` is which of
    pip's configuration files a pip.conf is (``file`` for one in the repository, or pip's
    ``global``/``user``/``site``/``env``).  ``constraint`` is true for a requirements file
    read through ``-c``.
    """

    env: Mapping[str, str] | None = None
    variant: str = "file"
    constraint: bool = False


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """Everything one source adapter learned from one file (or the environment).

    ``text`` is the text the facts were parsed from and ``context`` how (``None`` for the
    environment, which has no text): a fix splices into exactly that text and re-parses
    the result the same way, without reading the file again.
    """

    path: str
    kind: SourceKind
    requirements: tuple[Requirement, ...] = ()
    settings: tuple[Setting, ...] = ()
    includes: tuple[Include, ...] = ()
    problems: tuple[Problem, ...] = ()
    # line number -> codes suppressed on that line; an empty frozenset suppresses every code.
    suppressions: Mapping[int, frozenset[str]] = field(default_factory=dict)
    # For requirements files reached through -r/-c: the file that included it first.
    included_from: str | None = None
    # True for a requirements file read through -c (its requirements are constraints); a
    # file reached both through -r and -c has one source for each reading.
    constraint: bool = False
    # A project fact, not a setting: where this pyproject.toml's project shows it is
    # managed with uv (a uv.lock beside it, found by the loader, or a [tool.uv] table).
    uv_project: Location | None = None
    # The commits that a lock file beside this pyproject.toml (uv.lock, poetry.lock) pins
    # its git packages to: canonical name -> (the lock as shown, full hash).
    locked_git: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    text: TextFile | None = field(default=None, compare=False, repr=False)
    context: SourceContext | None = field(default=None, compare=False, repr=False)
