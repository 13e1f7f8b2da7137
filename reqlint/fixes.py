"""Apply the edits that fixes carry: by offset, re-parsed, atomically written.

The model is ruff's.  A rule never writes: it attaches a :class:`~reqlint.model.Fix` (edits
plus an applicability) to its diagnostic, usually the ``removal`` edits a source adapter
computed for the fact it flags.  This module

1. takes the fixes whose applicability is ``SAFE`` (and ``UNSAFE`` with ``--unsafe-fixes``),
   groups them by file and goes through them in diagnostic order; a fix whose edits overlap
   one already taken is left for later (identical edits are shared, and overlapping pure
   deletions - two words of one pip.conf value - are merged);
2. splices the edits into the file's decoded text by offset in one loop, copying everything
   between edits verbatim (so CRLF/LF per line, tabs, trailing spaces, a missing final
   newline and non-ASCII text survive), and encodes it back with the file's own BOM and
   encoding;
3. re-reads the result with the same source adapter and keeps it only when the file now
   reads as before *minus exactly the facts whose removal was applied*: the same
   requirements, options and includes in the same order, no new problem and no new
   suppression.  A fix that fails this is skipped and said in ``notes``;
4. writes (only with ``write=True`` and only when the bytes differ): to a temporary file in
   the same folder, flushed and fsynced, with the original file's mode (and owner where
   allowed), then ``os.replace`` - so a crash never leaves a half-written file.  A file is
   only written when its real path is inside the linted tree (the working directory or a
   path given on the command line), when it is writable, not hard-linked and still holds
   exactly the bytes the fixes were computed from.

Nothing here raises for a file it cannot fix: every refusal is a note, and the run goes on.
See ``docs/fixes.md`` for the user-facing description.
"""

from __future__ import annotations

import collections
import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from reqlint._records import dataclass, replace
from reqlint.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Origin,
    ParsedSource,
    Requirement,
    Setting,
    SourceContext,
    SourceKind,
)
from reqlint.project import Project
from reqlint.sources import parse as parse_source
from reqlint.text import DecodeError, TextFile, comment_out_lines

if TYPE_CHECKING:
    from reqlint.engine import Outcome

__all__ = [
    "FileFix",
    "FixResult",
    "Plan",
    "Rounds",
    "apply",
    "fix_until_stable",
    "plan",
    "unified_diff",
    "write_file",
]

# ruff's limit on fix / re-lint rounds (--fix).
MAX_FIX_PASSES = 10

# A line with its own ending, exactly as TextFile splits lines (\r\n, \r, \n).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class FixResult:
    """What ``apply`` did (``write=True``) or would do (``write=False``).

    ``applied`` counts diagnostics whose fix is in the result (a fix whose edits another
    fix already made counts too, as in ruff); with ``write=True`` only files actually
    written count.  ``diff`` is a unified diff of every change; ``notes`` say, one line
    each, every fix or file that was skipped and why; ``changed_files`` are display paths.
    """

    applied: int
    diff: str
    notes: tuple[str, ...]
    changed_files: tuple[str, ...]
    # The fixed files (for --show-fixes and for standard input, whose text is printed).
    files: tuple[FileFix, ...] = ()


@dataclass(frozen=True)
class FileFix:
    """The fixed text of one file, ready to be written.

    ``path`` is the display path; ``file`` the path it names (absolute; may be a symbolic
    link); ``target`` the real file to replace (the link's target for a link).
    """

    path: str
    file: str
    target: str
    kind: SourceKind
    old: bytes
    new: bytes
    old_text: str
    new_text: str
    fixed: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Plan:
    """Every file's fix, and a note for every fix or file left out."""

    files: tuple[FileFix, ...]
    notes: tuple[str, ...]


class _Overlap(Exception):
    """Two edits that cannot both be made."""


# ------------------------------------------------------------------------- public API


def apply(
    diagnostics: Sequence[Diagnostic],
    project: Project,
    *,
    unsafe: bool,
    write: bool,
    env: Mapping[str, str] | None = None,
    roots: Sequence[str] = (),
    cwd: str | None = None,
    texts: Mapping[str, bytes] | None = None,
) -> FixResult:
    """Fix what can be fixed; with ``write`` also write it.

    ``env`` is the environment the project was parsed with (``${VAR}`` expansion), so a
    file is re-read the same way; ``roots`` are the paths given on the command line, which
    with ``cwd`` make up the linted tree (files whose real path is elsewhere are not
    edited).
    """
    planned = plan(diagnostics, project, unsafe=unsafe, env=env, roots=roots, cwd=cwd, texts=texts)
    notes = list(planned.notes)
    done: list[FileFix] = []
    for file_fix in planned.files:
        if write and file_fix.path not in (texts or {}):
            problem = write_file(file_fix)
            if problem:
                notes.append(problem)
                continue
        done.append(file_fix)
    diff = "".join(unified_diff(f.path, f.old_text, f.new_text) for f in done)
    return FixResult(
        sum(len(f.fixed) for f in done),
        diff,
        tuple(notes),
        tuple(f.path for f in done),
        tuple(done),
    )


def plan(
    diagnostics: Sequence[Diagnostic],
    project: Project,
    *,
    unsafe: bool,
    env: Mapping[str, str] | None = None,
    roots: Sequence[str] = (),
    cwd: str | None = None,
    texts: Mapping[str, bytes] | None = None,
) -> Plan:
    """The fixed bytes of every file a fix applies to, from the text each source kept
    (bytes in, bytes out: no file is read again, and nothing is written).

    ``texts`` maps display paths to the bytes a file was read from when they did not come
    from the disk (standard input): those are fixed in memory, never written.
    """
    base = os.path.abspath(cwd or os.getcwd())
    tree = _tree(base, roots)
    threshold = Applicability.threshold(unsafe)
    by_file: dict[str, list[tuple[Diagnostic, Fix]]] = {}
    notes: list[str] = []
    for diag in sorted(diagnostics, key=Diagnostic.sort_key):
        fix = diag.fix
        if fix is None or not diag.fixable(threshold):
            continue
        paths = {edit.path for edit in fix.edits}
        if len(paths) != 1:
            notes.append(
                f"{diag.location.display()}: {diag.code} fix skipped: it edits "
                "several files at once"
            )
            continue
        by_file.setdefault(paths.pop(), []).append((diag, fix))
    files: list[FileFix] = []
    for path in sorted(by_file):
        file_fix = _plan_file(
            path, by_file[path], project, env, base, tree, notes, (texts or {}).get(path)
        )
        if file_fix is not None:
            files.append(file_fix)
    return Plan(tuple(files), tuple(notes))


def write_file(file_fix: FileFix) -> str:
    """Replace ``file_fix.target`` with the fixed bytes, atomically; '' or a note.

    Refuses when the file no longer holds the bytes the fix was computed from (another
    program changed it meanwhile).
    """
    path, target = file_fix.path, file_fix.target
    try:
        st = os.stat(target)
        with open(target, "rb") as handle:
            current = handle.read()
    except OSError as exc:
        return f"{path}: cannot read it again before writing ({exc.strerror or exc}); not fixed"
    if current != file_fix.old:
        return f"{path}: changed since it was read; not fixed (run reqlint again)"
    refusal = _unwritable(path, target, st)
    if refusal:
        return refusal
    try:
        _replace_atomically(target, file_fix.new, st)
    except OSError as exc:
        return f"{path}: cannot write it ({exc.strerror or exc}); not fixed, file unchanged"
    return ""


def unified_diff(path: str, old: str, new: str) -> str:
    """``--- a/PATH`` / ``+++ b/PATH`` unified diff, each line with its own ending, and
    git's ``\\ No newline at end of file`` marker.

    Credentials are redacted (:func:`reqlint.redact.redact_text`) like in every other
    output: the diff is for reading, and a CI log keeps it.  A line with a credential in
    it therefore does not apply with ``patch``; ``--fix`` edits the file itself.
    """
    from reqlint.redact import redact_text

    out: list[str] = []
    for line in difflib.unified_diff(
        _LINE.findall(old), _LINE.findall(new), f"a/{path}", f"b/{path}", lineterm="\n"
    ):
        out.append(redact_text(line))
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass(frozen=True)
class Rounds:
    """What :func:`fix_until_stable` did: the last project and its outcome, how many
    findings were fixed (and which), every note once, and standard input as fixed."""

    project: Project
    outcome: Outcome
    fixed: int
    fixed_diagnostics: tuple[Diagnostic, ...]
    notes: tuple[str, ...]
    stdin: bytes | None


def fix_until_stable(
    outcome: Outcome,
    project: Project,
    relint: Callable[[bytes | None], tuple[Project, Outcome]],
    *,
    unsafe: bool,
    env: Mapping[str, str] | None = None,
    roots: Sequence[str] = (),
    stdin: tuple[str, bytes] | None = None,
    passes: int = MAX_FIX_PASSES,
) -> Rounds:
    """``--fix`` as ruff does it: fix, re-lint, and fix again what the first round had to
    skip (two fixes that overlapped), until nothing changes or ``passes`` rounds ran.

    ``relint`` lints again (the caller's loader and rule selection) and is given the fixed
    standard input, if any; ``stdin`` is ``(display path, bytes)`` of a file read from
    standard input, which is fixed in memory and never written.  Only files inside the
    linted tree (``roots`` and the working directory) are edited.
    """
    fixed = 0
    fixed_diags: list[Diagnostic] = []
    notes: dict[str, None] = {}
    data = stdin[1] if stdin is not None else None
    texts = {stdin[0]: stdin[1]} if stdin is not None else None
    for _ in range(passes):
        result = apply(
            outcome.diagnostics,
            project,
            unsafe=unsafe,
            write=True,
            env=env,
            roots=roots,
            texts=texts,
        )
        notes.update(dict.fromkeys(result.notes))
        fixed += result.applied
        for file_fix in result.files:
            fixed_diags += file_fix.fixed
        if not result.changed_files:
            break
        if data is not None and result.files:
            data = result.files[0].new
            texts = {result.files[0].path: data}
        project, outcome = relint(data)
    return Rounds(project, outcome, fixed, tuple(fixed_diags), tuple(notes), data)


# ----------------------------------------------------------------------- one file


def _plan_file(
    path: str,
    items: list[tuple[Diagnostic, Fix]],
    project: Project,
    env: Mapping[str, str] | None,
    base: str,
    tree: tuple[str, ...],
    notes: list[str],
    given: bytes | None = None,
) -> FileFix | None:
    source = project.source(path)
    count = len(items)
    skipped = f"{count} fix{'es' if count != 1 else ''} not applied"
    if source is None:
        notes.append(f"{path}: not a file reqlint read; {skipped}")
        return None
    file = os.path.abspath(os.path.join(base, path))
    target = os.path.realpath(file)
    if given is None:
        if not _inside(target, tree):
            if os.path.islink(file):
                notes.append(
                    f"{path} is a symbolic link to {target}, outside the linted tree: {skipped}"
                )
            else:
                notes.append(f"{path} is outside the linted tree ({target}): {skipped}")
            return None
        try:
            st = os.stat(target)
        except OSError as exc:
            notes.append(f"{path}: cannot read it ({exc.strerror or exc}); {skipped}")
            return None
        refusal = _unwritable(path, target, st)
        if refusal:
            notes.append(f"{refusal} ({skipped})")
            return None
    pep263 = source.kind is SourceKind.REQUIREMENTS
    ctx = source.context or SourceContext(env=env, constraint=source.constraint)
    # Bytes in, bytes out: the text the project was built from, as the loader read it
    # (write_file checks that the file still holds exactly these bytes).
    old_tf = source.text
    if old_tf is not None:
        old = given if given is not None else old_tf.encode(old_tf.text)
    else:
        # A source made without the seam (no text kept): read it as the loader would.
        try:
            if given is not None:
                old = given
            else:
                with open(target, "rb") as handle:
                    old = handle.read()
        except OSError as exc:
            notes.append(f"{path}: cannot read it ({exc.strerror or exc}); {skipped}")
            return None
        try:
            old_tf = TextFile.decode(path, old, pep263=pep263)
        except DecodeError:
            old_tf = None
    old_src = parse_source(source.kind, old_tf, ctx) if old_tf is not None else None
    if old_tf is None or old_src is None or _facts(old_src) != _facts(source):
        notes.append(f"{path}: changed since it was read; {skipped} (run reqlint again)")
        return None
    checker = _Checker(old_tf, old_src, ctx, pep263)
    chosen = _select(items, notes)
    if source.kind is SourceKind.PIPCONF:
        chosen = _whole_keys(old_tf, chosen)
    new_text = checker.result(chosen)
    if new_text is None:
        # Some fix (or a pair of fixes) breaks the file: add them one at a time instead.
        good: list[tuple[Diagnostic, Fix]] = []
        for item in chosen:
            if checker.result([*good, item]) is not None:
                good.append(item)
            else:
                diag = item[0]
                notes.append(
                    f"{diag.location.display()}: {diag.code} fix skipped: {checker.reason}"
                )
        chosen = good
        new_text = checker.result(chosen) if chosen else old_tf.text
        assert new_text is not None
    new = old_tf.encode(new_text)
    if new == old:
        return None
    return FileFix(
        path,
        file,
        target,
        source.kind,
        old,
        new,
        old_tf.text,
        new_text,
        tuple(diag for diag, _ in chosen),
    )


def _whole_keys(
    old_tf: TextFile,
    chosen: list[tuple[Diagnostic, Fix]],
) -> list[tuple[Diagnostic, Fix]]:
    """pip.conf: where the chosen fixes remove every item of a key's value, comment out the
    key and its continuation lines instead of deleting the items (nothing is lost, the
    ``# `` undoes it)."""
    from reqlint.sources.pipconf import emptied_keys

    edits = [edit for _, fix in chosen for edit in fix.edits]
    try:
        new_text = _splice(old_tf.text, _normalised(edits))
    except _Overlap:
        return chosen
    new_tf = TextFile.from_text(old_tf.path, new_text)
    emptied = emptied_keys(old_tf, new_tf)
    if not emptied:
        return chosen
    out = []
    for diag, fix in chosen:
        lines = {old_tf.position(e.start)[0] for e in fix.edits}
        key = next((k for k in emptied if lines and lines <= set(k)), None)
        if key is not None:
            whole = tuple(e for n in key for e in comment_out_lines(old_tf, n, n))
            out.append((diag, replace(fix, edits=whole)))
        else:
            out.append((diag, fix))
    return out


def _select(items: list[tuple[Diagnostic, Fix]], notes: list[str]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes that fit together, in diagnostic order (the first of two overlapping wins)."""
    chosen: list[tuple[Diagnostic, Fix]] = []
    taken: list[Edit] = []
    for diag, fix in items:
        try:
            _normalised([*taken, *fix.edits])
        except _Overlap:
            notes.append(
                f"{diag.location.display()}: {diag.code} fix skipped: it overlaps "
                "another fix on the same text (run --fix again)"
            )
            continue
        chosen.append((diag, fix))
        taken.extend(fix.edits)
    return chosen


def _normalised(edits: Iterable[Edit]) -> list[Edit]:
    """Sorted, duplicates dropped, overlapping deletions merged; ``_Overlap`` otherwise.

    Insertions count as overlapping anything that starts or ends where they insert: the
    order of the two would be a guess.
    """
    out: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if not out:
            out.append(edit)
            continue
        prev = out[-1]
        touching = edit.start == prev.end and (prev.start == prev.end or edit.start == edit.end)
        if edit.start < prev.end or touching:
            deletions = (
                not prev.replacement
                and not edit.replacement
                and prev.start < prev.end
                and edit.start < edit.end
            )
            if not deletions:
                raise _Overlap
            out[-1] = Edit(prev.path, prev.start, max(prev.end, edit.end), "")
            continue
        out.append(edit)
    return out


def _splice(text: str, edits: Sequence[Edit]) -> str:
    """ruff's loop: everything between edits is copied verbatim."""
    parts: list[str] = []
    last = 0
    for edit in edits:
        parts.append(text[last : edit.start])
        parts.append(edit.replacement)
        last = edit.end
    parts.append(text[last:])
    return "".join(parts)


class _Checker:
    """Does the file, after some fixes, read as before minus exactly what they remove?"""

    def __init__(
        self, old_tf: TextFile, old_src: ParsedSource, ctx: SourceContext, pep263: bool
    ) -> None:
        self.old_tf = old_tf
        self.old_src = old_src
        self.ctx = ctx
        self.pep263 = pep263
        self.reason = ""

    def result(self, chosen: Sequence[tuple[Diagnostic, Fix]]) -> str | None:
        """The new text, or ``None`` (and ``self.reason``) when the check fails."""
        edits = [edit for _, fix in chosen for edit in fix.edits]
        new_text = _splice(self.old_tf.text, _normalised(edits))
        try:
            data = self.old_tf.encode(new_text)
        except UnicodeEncodeError as exc:
            self._fail(
                f"the edited text cannot be written in the file's encoding "
                f"({self.old_tf.encoding}: {exc.reason} at "
                f"{new_text[exc.start : exc.end]!r})"
            )
            return None
        try:
            new_tf = TextFile.decode(self.old_tf.path, data, pep263=self.pep263)
        except DecodeError as exc:
            self._fail(f"the edited file would not decode ({exc})")
            return None
        if (
            new_tf.text != new_text
            or new_tf.bom != self.old_tf.bom
            or new_tf.encoding != self.old_tf.encoding
        ):
            self._fail("the edited file would be read with a different encoding")
            return None
        new_src = parse_source(self.old_src.kind, new_tf, self.ctx)
        applied = set(edits)
        old = self.old_src
        rewrites = [(edit, fix.rewrites) for _, fix in chosen if fix.rewrites for edit in fix.edits]

        def after(view: tuple[object, ...], where: Location) -> tuple[object, ...]:
            """An item's view once the rewriting fixes inside its span are applied."""
            span = where.span
            pairs = [
                pair
                for edit, own in rewrites
                if span is not None and span.start <= edit.start < max(span.end, span.start + 1)
                for pair in own
            ]
            for old_text, new_text in pairs:
                view = tuple(
                    v.replace(old_text, new_text) if isinstance(v, str) else v for v in view
                )
            return view

        expected = _View(
            [
                after(_req_view(r), r.location)
                for r in old.requirements
                if not _removed(r.removal, applied)
            ],
            [
                after(_setting_view(s), s.location)
                for s in old.settings
                if not self._gone(s.removal, applied)
            ],
            [
                (i.target, i.constraint)
                for i in old.includes
                if not self._commented(i.location.line, applied)
            ],
        )
        got = _View(
            [_req_view(r) for r in new_src.requirements],
            [_setting_view(s) for s in new_src.settings],
            [(i.target, i.constraint) for i in new_src.includes],
        )
        if got != expected:
            self._fail(
                f"the edited file would not read as before minus the fixed "
                f"items ({expected.difference(got)})"
            )
            return None
        old_problems = collections.Counter(_problem_view(p.code, p.message) for p in old.problems)
        new_problems = collections.Counter(
            _problem_view(p.code, p.message) for p in new_src.problems
        )
        added = new_problems - old_problems
        if added:
            code, message = next(iter(added))
            self._fail(f"it would add a problem ({code}: {message})")
            return None
        # A new suppression matters only where there is still something to report (a
        # commented-out pip.conf key passes the suppression comment above it down to the
        # next key; a commented-out requirements line keeps nothing to suppress).
        places = (
            [x.location for x in new_src.requirements]
            + [x.location for x in new_src.settings]
            + [x.location for x in new_src.includes]
            + [x.location for x in new_src.problems]
        )
        occupied = {line for where in places for line in range(where.line, _last_line(where) + 1)}
        for line, codes in new_src.suppressions.items():
            before = old.suppressions.get(line)
            if line not in occupied:
                continue
            if before is None or (before and (not codes or not codes <= before)):
                self._fail(f"it would change what is suppressed on line {line}")
                return None
        return new_text

    def _gone(self, removal: tuple[Edit, ...], applied: set[Edit]) -> bool:
        """A setting is removed by its own edits, or by commenting out every line they
        touch (a pip.conf key commented out whole takes each of its items with it)."""
        return bool(removal) and all(
            edit in applied or self._commented(self.old_tf.position(edit.start)[0], applied)
            for edit in removal
        )

    def _commented(self, line: int, applied: set[Edit]) -> bool:
        """Includes carry no removal of their own: one goes when its line is commented
        out (the comment prefix inserted at the line's start)."""
        start = self.old_tf.line_start(line)
        return any(
            e.start == e.end == start and e.replacement.lstrip().startswith("#") for e in applied
        )

    def _fail(self, reason: str) -> None:
        self.reason = reason


@dataclass(frozen=True)
class _View:
    """What pip reads from a file, without places: compared before and after a fix."""

    requirements: list[tuple[object, ...]]
    settings: list[tuple[object, ...]]
    includes: list[tuple[str, bool]]

    def difference(self, got: _View) -> str:
        for what, want, have in (
            ("requirements", self.requirements, got.requirements),
            ("options", self.settings, got.settings),
            ("includes", self.includes, got.includes),
        ):
            if want != have:
                lost = [w for w in want if w not in have]
                extra = [h for h in have if h not in want]
                if extra:
                    return f"{what}: {_short(extra[0])} would appear"
                if lost:
                    return f"{what}: {_short(lost[0])} would be lost"
                return f"{what} would change order"
        return "no difference"


def _short(item: object) -> str:
    if isinstance(item, tuple) and item:
        return repr(item[0]) if len(item) < 3 else repr(f"{item[0]} {item[1]}")
    return repr(item)


def _last_line(location: Location) -> int:
    return location.span.end_line if location.span is not None else location.line


def _removed(removal: tuple[Edit, ...], applied: set[Edit]) -> bool:
    return bool(removal) and all(edit in applied for edit in removal)


def _req_view(req: Requirement) -> tuple[object, ...]:
    return (
        req.text,
        req.name,
        req.specifier,
        req.extras,
        req.marker,
        req.url,
        req.is_vcs,
        req.editable,
        req.constraint,
        req.hashes,
        req.line_options,
        req.error,
    )


def _setting_view(setting: Setting) -> tuple[object, ...]:
    attrs = tuple(sorted(setting.attrs.items()))
    return (
        setting.key,
        setting.value,
        setting.raw,
        setting.kind,
        setting.section,
        attrs,
        setting.tool,
        setting.invocation,
    )


def _problem_view(code: str, message: str) -> tuple[str, str]:
    # Line numbers in messages ("first on line 3") may move when a fix removes lines.
    return code, _DIGITS.sub("N", message)


def _facts(source: ParsedSource) -> tuple[object, ...]:
    """A source's requirements and settings with their places: equal when the file the
    project was built from is the text parsed now (the ``origin`` of a machine pip.conf
    is not in the text: left out)."""
    settings = tuple(replace(s, origin=Origin.FILE) for s in source.settings)
    return source.requirements, settings


# ------------------------------------------------------------------ where and how


def _tree(base: str, roots: Sequence[str]) -> tuple[str, ...]:
    """The real folders whose files may be edited: the working directory, every folder
    given and the folder of every file given."""
    found = [os.path.realpath(base)]
    for root in roots:
        full = os.path.abspath(os.path.join(base, root))
        folder = full if os.path.isdir(full) else os.path.dirname(full)
        found.append(os.path.realpath(folder))
    return tuple(dict.fromkeys(found))


def _inside(path: str, tree: Sequence[str]) -> bool:
    for root in tree:
        with contextlib.suppress(ValueError):  # different drives on Windows
            if os.path.commonpath([path, root]) == root:
                return True
    return False


def _unwritable(path: str, target: str, st: os.stat_result) -> str:
    if not stat.S_ISREG(st.st_mode):
        return f"{path}: not a regular file; not fixed"
    # Checked on the mode bits as well: os.access says yes to root, and os.replace would
    # replace a read-only file without asking.
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        target, os.W_OK
    ):
        return f"{path}: the file is read-only; not fixed"
    if st.st_nlink > 1:
        return (
            f"{path}: the file has {st.st_nlink} hard links, which replacing it would "
            "break; not fixed"
        )
    return ""


def _replace_atomically(target: str, data: bytes, st: os.stat_result) -> None:
    """A temporary file in the same folder, fsynced, with the old mode (and owner), then
    ``os.replace``: readers see the old file or the new one, never a part of either."""
    folder = os.path.dirname(target)
    fd, temp = tempfile.mkstemp(
        prefix=f".{os.path.basename(target)}.", suffix=".reqlint", dir=folder
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown"):
            # Only root may give a file away; anyone may keep a group they belong to.
            for uid in (st.st_uid, -1):
                try:
                    os.chown(temp, uid, st.st_gid)
                    break
                except OSError:
                    continue
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # The rename itself is durable only once the folder is synced (POSIX).
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
