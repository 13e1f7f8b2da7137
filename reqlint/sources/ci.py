"""CI configuration: GitHub Actions workflows, ``.gitlab-ci.yml``, CircleCI's
``.circleci/config.yml``, Azure Pipelines' ``azure-pipelines.yml`` and Read the Docs'
``.readthedocs.yaml`` (its ``build.commands``/``build.jobs`` shell lines, and each
``python.install`` entry's ``requirements: FILE``, which it installs with ``pip install
-r`` at the checkout's top).

Read from the YAML (PyYAML node API, so every value keeps its place in the file):

* ``env:`` mappings (workflow, job, step, container) and GitLab ``variables:`` (a plain
  value or ``{value: ...}``) that set ``PIP_*`` or uv's index variables: one
  :class:`~reqlint.model.Setting` per value, the key mapped as pip maps ``PIP_*`` names
  (:func:`reqlint.sources.environ.parse_environ`), list values split on whitespace
  (a GitHub expression ``${{ ... }}`` stays one word).  Any variable whose value carries
  pip's long index options (``PIP_FLAGS: --index-url ... --extra-index-url ...``, passed
  on as ``pip install $PIP_FLAGS``) is read as command options too, and so is a job's
  ``strategy.matrix`` value that does (``pip install ${{ matrix.pytorch }}``), and every
  value of a GitLab ``parallel: matrix:`` variable (a job's variable, like ``variables:``).
* ``run:`` (GitHub; CircleCI's ``run:`` or ``run: {command: ...}``, its ``environment:``
  as ``env:``), ``script:``/``before_script:``/``after_script:`` (GitLab) and
  ``script:``/``bash:`` (Azure Pipelines) shell lines that call
  ``pip``/``pip3``/``python -m pip``/``uv pip`` ``install`` (and pip's
  ``download``/``wheel``, uv's ``sync``/``compile``) with index options, in any spelling
  pip accepts (``--extra-index-url=URL``, ``-iURL``, ``-Ui URL``, unique prefixes), across
  ``\\`` line continuations and inside ``|``/``>`` block scalars, each mapped to the exact
  characters of the file.

``${{ secrets.X }}`` and ``$VAR`` are references, not values: ``raw`` keeps them as
written.  In a command, ``$VAR``, ``${VAR}`` and ``${{ env.VAR }}`` are expanded in
``value`` when an enclosing ``env:`` (workflow, job or step) or GitLab ``variables:``
(global or job) defines ``VAR``, as the runner's shell would see it.

Fix policy: a ``NAME: value`` entry alone on its line, in a block mapping that keeps at
least one other entry, is commented out.  Nothing inside a shell command is: commenting
out part of a command breaks it, commenting out all of it drops the install; ``remedy``
says so.

The shell scanner and variable reader live in :mod:`reqlint.sources._shell`, shared with
the tox and Dockerfile adapters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reqlint._records import dataclass, field
from reqlint.commands import READTHEDOCS, ci_workdir, readthedocs_workdir
from reqlint.model import (
    Edit,
    ParsedSource,
    Problem,
    Requirement,
    Setting,
    SourceContext,
    SourceKind,
    Tool,
)
from reqlint.sources._shell import (
    FileOption,
    command_problems,
    command_requirements,
    command_settings,
    conf_write_settings,
    file_options,
    install_runners,
    missing_files,
    pip_index_variable,
    unread_by_uv,
    variable_settings,
)
from reqlint.sources._yaml import compose, mapped_scalar, mapping_items
from reqlint.suppress import line_suppressions
from reqlint.text import MappedText, TextFile, comment_out_lines

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

__all__ = ["parse"]

# ------------------------------------------------------------------------ adapter


@dataclass
class _Reader:
    text_file: TextFile
    settings: list[Setting] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Collections already read: an alias (*name) is the same node again, and a YAML
    # "billion laughs" nests aliases so that a walk of every path would never end.  The
    # text is in one place, so it is read (and reported) once.
    # (Read again under other variables: the commands may mean something else there.)
    seen: set[tuple[int, tuple[tuple[str, str], ...]]] = field(default_factory=set)
    # The enclosing job's matrix keys whose values are lone pip options (vision's
    # `index-option: ["--extra-index-url", "--index-url"]`), for its steps' commands.
    matrix_options: dict[str, list[str]] = field(default_factory=dict)
    # What each step runs, for the variables that reach it (GitHub): (route, line, the
    # first uv install as written, whether it may run pip; a `uses:` action may).
    runs: list[tuple[str, int, str | None, bool]] = field(default_factory=list)
    # The route of the mapping whose env: set each variable (by id), and those that set
    # a UV_* variable.
    owners: dict[int, str] = field(default_factory=dict)
    uv_owners: set[str] = field(default_factory=set)
    # CircleCI's config: `environment:` sets variables, `run: {command: ...}` runs a shell
    circleci: bool = False
    # Read the Docs' configuration: `build.commands` and `build.jobs.<step>` are shell
    # lines, `python.install[].requirements` a `pip install -r` of that file
    readthedocs: bool = False
    # The -r/-c files of the commands (up to a step's first cd), whether a script changes
    # folder, and whether commands may run elsewhere than at the checkout's top (a
    # working directory, a second checkout, downloaded artifacts): for RL003.
    opened: list[FileOption] = field(default_factory=list)
    moved: bool = False
    elsewhere: bool = False

    def first_time(self, node: Node, scope: Mapping[str, str]) -> bool:
        import yaml

        if not isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            return True
        key = (id(node), tuple(sorted(scope.items())))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def walk(self, node: Node, route: str, scope: Mapping[str, str] | None = None) -> None:
        """``scope``: the variables the ``env:``/``variables:`` of the enclosing mappings
        (workflow, job, step; GitLab global and job) define, for the commands below."""
        import yaml

        scope = scope or {}
        if not self.first_time(node, scope):
            return
        if isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self.walk(child, f"{route}[{index}]", scope)
            return
        items = list(mapping_items(node))
        outer = self.matrix_options
        env_keys = ("env", "variables", "environment") if self.circleci else ("env", "variables")
        for key, _, value in items:
            if key in env_keys and isinstance(value, yaml.MappingNode):
                scope = {**scope, **_defined(value)}
            elif key == "strategy":
                found = _option_values(value)
                if found:
                    self.matrix_options = found
        for key, _, value in items:
            where = f"{route}.{key}" if route else key
            if self.readthedocs:
                if where == "build.commands" or route == "build.jobs":
                    self.scripts(value, where, scope)
                elif key == "requirements" and route.startswith("python.install["):
                    self.rtd_requirements(value, where)
                elif isinstance(value, (yaml.MappingNode, yaml.SequenceNode)):
                    self.walk(value, where, scope)
                continue
            if key in env_keys and isinstance(value, yaml.MappingNode):
                self.variables(value, where)
            elif key == "run" and isinstance(value, yaml.ScalarNode):
                self.script(value, where, scope)
            elif (
                key == "command"
                and route.endswith(".run")
                and isinstance(value, yaml.ScalarNode)
                and self.circleci
            ):
                self.script(value, where, scope)  # CircleCI: run: {command: ...}
            elif key in ("script", "before_script", "after_script") or (
                key == "bash" and isinstance(value, yaml.ScalarNode)
            ):
                self.scripts(value, where, scope)  # GitLab; Azure Pipelines' script/bash
            elif key == "matrix" and route.endswith(".strategy"):
                self.matrix(value, where)
            elif key == "matrix" and route.endswith(".parallel"):
                self.parallel_matrix(value, where)
            elif key in _WORKING_FOLDER:
                self.elsewhere = True
            elif key == "uses" and isinstance(value, yaml.ScalarNode):
                action = str(value.value).partition("@")[0].lower()
                if action in _FETCHES or (
                    action == "actions/checkout" and _checks_out_elsewhere(items)
                ):
                    self.elsewhere = True
                self.runs.append((route, value.start_mark.line + 1, None, action not in _NO_PIP))
            else:
                self.walk(value, where, scope)
        self.matrix_options = outer

    def rtd_requirements(self, node: Node, route: str) -> None:
        """Read the Docs runs ``pip install -r FILE`` at the repository's top for a
        ``python.install`` entry's ``requirements: FILE``."""
        import yaml

        if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
            return
        start, end = node.start_mark.index, node.end_mark.index
        key_start = self.text_file.text.rfind("requirements", 0, start)
        self.opened.append(
            FileOption(
                "readthedocs", "requirement", node.value, key_start, end, start, end, False, route
            )
        )

    def scripts(self, node: Node, route: str, scope: Mapping[str, str]) -> None:
        import yaml

        if isinstance(node, yaml.ScalarNode):
            self.script(node, route, scope)
        elif isinstance(node, yaml.SequenceNode) and self.first_time(node, scope):
            for index, child in enumerate(node.value):
                self.scripts(child, f"{route}[{index}]", scope)

    def script(self, node: ScalarNode, route: str, scope: Mapping[str, str]) -> None:
        text = mapped_scalar(self.text_file.text, node)
        # A matrix value that is an option's name (`${{ matrix.index-option }}=URL`): the
        # command is read once per value, as each job runs it.
        readings = [(route, text)]
        for key, values in self.matrix_options.items():
            refs = [m.span() for m in _MATRIX_REFERENCE.finditer(text.chars) if m[1] == key]
            if refs:
                readings = [
                    (f"{route} [matrix.{key}: {v}]", _substituted(text, refs, v)) for v in values
                ]
                break
        for where, body in readings:
            self.settings.extend(
                command_settings(self.text_file, body, SourceKind.CI, where, variables=scope)
            )
        self.runs.append((route, node.start_mark.line + 1, *install_runners(text)))
        opened, moved = file_options(text, route)
        self.opened.extend(opened)
        self.moved = self.moved or moved
        named, invalid = command_requirements(self.text_file, text, route)
        self.requirements.extend(named)
        self.problems.extend(invalid)
        self.problems.extend(command_problems(self.text_file, text, route))
        # A step that writes a pip config file (echo/printf/heredoc, pip config set).
        self.settings.extend(conf_write_settings(self.text_file, text, SourceKind.CI, route))

    def matrix(self, matrix: Node, route: str) -> None:
        """A job's ``strategy.matrix`` values that carry pip's index options (MONAI:
        ``pytorch: "torch==2.3.0 --extra-index-url https://download.pytorch.org/whl/cu121"``
        for ``pip install ${{ matrix.pytorch }}``): read as ``pip install`` arguments, as
        a ``PIP_FLAGS`` variable is, when a pip or uv command line of the file uses that
        key.  ``exclude`` entries add no job."""
        import yaml

        used = _pip_matrix_keys(self.text_file.text)
        for name, _, values in mapping_items(matrix):
            if name == "exclude":
                continue
            entries = values.value if isinstance(values, yaml.SequenceNode) else [values]
            for index, entry in enumerate(entries):
                where = f"{route}.{name}[{index}]"
                cells = (
                    [(f"{where}.{k}", k, v) for k, _, v in mapping_items(entry)]
                    if isinstance(entry, yaml.MappingNode)
                    else [(where, name, entry)]
                )
                for cell, key, value in cells:
                    if isinstance(value, yaml.ScalarNode) and key in used:
                        self.settings.extend(
                            variable_settings(
                                self.text_file,
                                key,
                                mapped_scalar(self.text_file.text, value),
                                SourceKind.CI,
                                cell,
                                remedy=_MATRIX_REMEDY,
                            )
                        )

    def parallel_matrix(self, matrix: Node, route: str) -> None:
        """GitLab's ``parallel: matrix:``: a list of mappings from a variable to one value
        or a list of them, each a job's variable (``pip install $TORCH``), so each value
        is read as a ``variables:`` value is, with the matrix remedy."""
        import yaml

        if not isinstance(matrix, yaml.SequenceNode):
            return
        for index, entry in enumerate(matrix.value):
            for name, _, values in mapping_items(entry):
                cells = values.value if isinstance(values, yaml.SequenceNode) else [values]
                for position, value in enumerate(cells):
                    if not isinstance(value, yaml.ScalarNode):
                        continue
                    self.settings.extend(
                        variable_settings(
                            self.text_file,
                            name,
                            mapped_scalar(self.text_file.text, value),
                            SourceKind.CI,
                            f"{route}[{index}].{name}[{position}]",
                            remedy=_MATRIX_REMEDY,
                        )
                    )

    def variables(self, mapping: Node, route: str) -> None:
        import yaml

        entries = list(mapping_items(mapping))
        block = isinstance(mapping, yaml.MappingNode) and not mapping.flow_style
        for name, key_node, entry in entries:
            removal: tuple[Edit, ...] = ()
            value = entry
            if isinstance(entry, yaml.MappingNode):  # GitLab: {value: ..., description: ...}
                value = next((v for k, _, v in mapping_items(entry) if k == "value"), entry)
            elif len(entries) > 1 and block:
                removal = _entry_removal(self.text_file, key_node, entry)
            if not isinstance(value, yaml.ScalarNode):
                continue
            if removal:
                remedy = ""
            elif len(entries) == 1:
                remedy = (
                    f"not fixed automatically: {name} is the only entry of its mapping "
                    "(removing it would leave the mapping empty); remove both by hand"
                )
            else:
                remedy = (
                    f"not fixed automatically: {name} is not a one-line entry of its own in a "
                    "block mapping with other entries; edit it by hand"
                )
            found = variable_settings(
                self.text_file,
                name,
                mapped_scalar(self.text_file.text, value),
                SourceKind.CI,
                route,
                removal=removal,
                remedy=remedy,
            )
            owner = route.rpartition(".")[0]
            for setting in found:
                self.owners[id(setting)] = owner
                if setting.tool is Tool.UV:
                    self.uv_owners.add(owner)
            self.settings.extend(found)

    def mark_uv_only(self) -> list[Setting]:
        """The settings, a GitHub ``env:`` PIP_* index variable marked when every step
        it reaches installs with uv alone (see the Dockerfile adapter): not where a step
        may run pip (an action may), nor where an enclosing or enclosed env: sets a UV_*
        variable too.  (GitLab's ``extends:`` reaches jobs elsewhere: not judged.)"""

        def under(route: str, owner: str) -> bool:
            return not owner or route.startswith(owner + ".") or route == owner

        out: list[Setting] = []
        for setting in self.settings:
            owner = self.owners.get(id(setting))
            if owner is None or not pip_index_variable(setting):
                out.append(setting)
                continue
            related = any(under(o, owner) or under(owner, o) for o in self.uv_owners)
            reached = [run for run in self.runs if under(run[0], owner)]
            first = next(((line, uv) for _, line, uv, _ in reached if uv), None)
            if related or first is None or any(pip for *_, pip in reached):
                out.append(setting)
                continue
            out.append(unread_by_uv(setting, f"line {first[0]}: {first[1]}"))
        return out


# Actions that install no Python package (the rest may run pip: setup-* actions that
# install requirements, reusable workflows, composite actions of the repository).
_NO_PIP = frozenset(
    {
        "actions/checkout",
        "actions/cache",
        "actions/upload-artifact",
        "actions/download-artifact",
        "actions/setup-python",
        "astral-sh/setup-uv",
    }
)

_MATRIX_REFERENCE = re.compile(r"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}")


def _pip_matrix_keys(text: str) -> set[str]:
    """Matrix keys the file passes to a pip or uv command (``pip install ${{ matrix.x }}``
    on one line): only those values are read as pip arguments, not one a job's name shows."""
    return {
        key
        for line in text.splitlines()
        if "pip" in line
        for key in _MATRIX_REFERENCE.findall(line)
    }


_LONE_OPTION = re.compile(r"--?[A-Za-z][A-Za-z0-9-]*")


def _option_values(strategy: Node) -> dict[str, list[str]]:
    """``strategy.matrix`` keys whose every value is one pip option word."""
    import yaml

    matrix = next((v for k, _, v in mapping_items(strategy) if k == "matrix"), None)
    out: dict[str, list[str]] = {}
    for name, _, values in mapping_items(matrix) if matrix is not None else ():
        if not isinstance(values, yaml.SequenceNode):
            continue
        words = [str(v.value) for v in values.value if isinstance(v, yaml.ScalarNode)]
        if (
            words
            and len(words) == len(values.value)
            and all(_LONE_OPTION.fullmatch(w) for w in words)
        ):
            out[name] = words
    return out


def _substituted(text: MappedText, refs: list[tuple[int, int]], value: str) -> MappedText:
    """``text`` with each ``${{ matrix.K }}`` at ``refs`` replaced by ``value``, whose
    characters all map to the reference as written."""
    chars: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for start, end in refs:
        chars.append(text.chars[pos:start])
        offsets.extend(text.offsets[pos:start])
        where = (text.offsets[start][0], text.offsets[end - 1][1])
        chars.append(value)
        offsets.extend([where] * len(value))
        pos = end
    chars.append(text.chars[pos:])
    offsets.extend(text.offsets[pos:])
    return MappedText("".join(chars), offsets)


_MATRIX_REMEDY = (
    "not fixed automatically: the option is part of a matrix value a job passes to pip; "
    "remove it from the value by hand"
)


def _defined(mapping: Node) -> dict[str, str]:
    """``NAME: value`` scalars of an ``env:``/``variables:`` mapping (GitLab's
    ``{value: ...}`` form too)."""
    import yaml

    out: dict[str, str] = {}
    for name, _, entry in mapping_items(mapping):
        value = entry
        if isinstance(entry, yaml.MappingNode):
            value = next((v for k, _, v in mapping_items(entry) if k == "value"), entry)
        if isinstance(value, yaml.ScalarNode):
            out[name] = str(value.value)
    return out


def _entry_removal(text_file: TextFile, key: Node, value: Node) -> tuple[Edit, ...]:
    """Comment out ``NAME: value`` when it is alone on one line (plain or quoted value)."""
    import yaml

    if not isinstance(value, yaml.ScalarNode) or value.style not in (None, "'", '"'):
        return ()
    line = key.start_mark.line + 1
    if value.end_mark.line + 1 != line or value.start_mark.line + 1 != line:
        return ()
    text = text_file.text
    before = text[text_file.line_start(line) : key.start_mark.index]
    after = text[value.end_mark.index : text_file.line_end(line)]
    if before.strip() or not re.fullmatch(r"[ \t]*(?:#.*)?", after):
        return ()
    return comment_out_lines(text_file, line, line)


_NO_CONTEXT = SourceContext()


# Keys that run a step's commands in another folder than the checkout's top.
_WORKING_FOLDER = frozenset({"working-directory", "working_directory", "workingDirectory"})
# Actions that bring files into the workspace that the repository does not hold.
_FETCHES = frozenset({"actions/download-artifact", "dawidd6/action-download-artifact"})


def _checks_out_elsewhere(items: list[tuple[str, ScalarNode, Node]]) -> bool:
    """An ``actions/checkout`` step that checks out into a subfolder or another
    repository: paths after it may be that checkout's."""
    import yaml

    for key, _, value in items:
        if key == "with" and isinstance(value, yaml.MappingNode):
            return any(k in ("path", "repository") for k, _, _ in mapping_items(value))
    return False


def _unopened(reader: _Reader, posix: str) -> list[Problem]:
    """RL003 (a warning) for a ``-r``/``-c`` file a step's pip command opens that is not
    in the repository: the step fails (``Could not open requirements file``).  A step
    runs at the checkout's top (:func:`~reqlint.commands.ci_workdir`); not judged when
    the file moves its commands elsewhere (``working-directory``, a checkout into a
    subfolder or of another repository, downloaded artifacts), nor after a ``cd`` (in a
    GitHub step, for that step; elsewhere, where one script's ``cd`` lasts into the next
    of the job, for the whole file), nor in an action at a repository's top, whose steps
    run in its user's checkout."""
    import os

    github = "/.github/" in posix
    if not reader.opened or reader.elsewhere or (reader.moved and not github):
        return []
    if posix.rsplit("/", 1)[-1].startswith("action.") and not github:
        return []
    text_file = reader.text_file
    if not os.path.isfile(text_file.path):
        return []  # a text not read from its file (standard input): where is its checkout?
    folder = os.path.dirname(os.path.abspath(text_file.path))
    top = ci_workdir(folder)
    if reader.readthedocs:
        # at the checkout's top; a configuration deeper than a package's folder below it
        # is an example (readthedocs.org's docs/user/config-file/examples/*/)
        checkout = readthedocs_workdir(folder)
        if checkout is None or checkout not in (folder, os.path.dirname(folder)):
            return []
        top = checkout
    return missing_files(
        text_file, reader.opened, [top], "at the repository's top, where the steps run"
    )


def parse(text_file: TextFile, ctx: SourceContext = _NO_CONTEXT) -> ParsedSource:
    """Index settings of a GitHub Actions workflow, a GitLab CI file, a CircleCI config,
    an Azure Pipelines file or a Read the Docs configuration."""
    root = compose(text_file)
    if isinstance(root, Problem):
        return ParsedSource(text_file.path, SourceKind.CI, problems=(root,))
    posix = "/" + text_file.path.replace("\\", "/")
    reader = _Reader(
        text_file, circleci="/.circleci/" in posix, readthedocs=bool(READTHEDOCS.search(posix))
    )
    reader.walk(root, "")
    github = ".github/" in "/" + text_file.path.replace("\\", "/")
    return ParsedSource(
        text_file.path,
        SourceKind.CI,
        requirements=tuple(reader.requirements),
        settings=tuple(reader.mark_uv_only() if github else reader.settings),
        problems=(*reader.problems, *_unopened(reader, posix)),
        suppressions=line_suppressions(text_file),
    )
