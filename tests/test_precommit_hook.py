"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit against this checkout.

``pre-commit try-repo <checkout> <hook> --all-files`` inside a throwaway git repository that
holds a bad requirements file (an ``--extra-index-url`` beside an ``--index-url``): the check
hook must fail with RL101, the fix hook must rewrite the file (and fail, as pre-commit does
for a hook that modified files), and both must pass on the next run.  pre-commit builds the
hook's virtualenv with pip from this checkout, so this also proves the packaging.

Two ways to run a hook, both used: ``pre-commit try-repo`` (what the issue asks for; it puts
its store in a temporary directory of its own, so it builds the hook environment afresh on
every call) and ``pre-commit run`` with a ``.pre-commit-config.yaml`` that names the same
repository and revision, as a user's repository does, whose environment is built once per
test session in the session's PRE_COMMIT_HOME and reused by the later runs.

Environment: an allow-list, with HOME, PRE_COMMIT_HOME and the XDG directories in one
session-scoped temporary directory (pip's wheel cache there makes the later builds faster
too).  Passed through: PATH, locale, proxies and CA settings, and of the ``PIP_*`` variables
only those pip needs to reach the package registry (index, CA, timeout).
``PIP_CONFIG_FILE=/dev/null`` keeps every pip config file out (a machine's
``/etc/pip.conf``, a user's ``pip.conf`` with ``find-links`` or extra indexes).  The ambient
environment is read when this module is imported, before conftest's isolation fixture strips
``PIP_*`` and proxies from ``os.environ``.

The hook is installed from what git holds.  ``try-repo`` on a checkout with uncommitted
changes to tracked files clones it and commits those changes on top (untracked files are
left out); the ``hook_repo`` fixture does the same once per session, so that both commands
see one repository and revision.  On a clean checkout (CI) the checkout itself is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reqlint.text import COMMENT_PREFIX

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
_AMBIENT = dict(os.environ)

# What pip needs to reach the package registry, and what a subprocess needs to run at all.
_PASS_THROUGH = (
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TMPDIR",
    "SYSTEMROOT",
    "COMSPEC",
    "PATHEXT",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "PIP_INDEX_URL",
    "PIP_CERT",
    "PIP_CLIENT_CERT",
    "PIP_TRUSTED_HOST",
    "PIP_PROXY",
    "PIP_DEFAULT_TIMEOUT",
    "PIP_TIMEOUT",
    "PIP_RETRIES",
)

BAD = (
    b"--index-url https://pypi.internal.example/simple\n"
    b"--extra-index-url https://pypi.org/simple\n"
    b"requests==2.32.3\n"
)


def _tracked(path: str) -> bool:
    if shutil.which("git") is None:
        return False
    done = subprocess.run(
        ["git", "ls-files", "--error-unmatch", path], cwd=ROOT, capture_output=True, check=False
    )
    return done.returncode == 0


# pre-commit installs the hook from what git holds, so "landed" means committed or staged.
needs_cli = pytest.mark.skipif(
    not _tracked("reqlint/cli.py"),
    reason="reqlint/cli.py (the `reqlint check` entry point) is not in git yet",
)
needs_fix = pytest.mark.skipif(
    not _tracked("reqlint/fixes.py"), reason="reqlint/fixes.py (`--fix`) is not in git yet"
)

pytestmark = [pytest.mark.slow, needs_cli]

TIMINGS: dict[str, float] = {}


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="session")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("precommit-home")
    env = {name: _AMBIENT[name] for name in _PASS_THROUGH if name in _AMBIENT}
    env.update(
        {
            "HOME": str(home),
            "USERPROFILE": str(home),
            "PRE_COMMIT_HOME": str(home / "pre-commit"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            # virtualenv would otherwise refresh its seed wheels in the background.
            "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "reqlint tests",
            "GIT_AUTHOR_EMAIL": "tests@reqlint.invalid",
            "GIT_COMMITTER_NAME": "reqlint tests",
            "GIT_COMMITTER_EMAIL": "tests@reqlint.invalid",
        }
    )
    env.setdefault("LANG", "C.UTF-8")
    return env


@pytest.fixture(scope="session")
def hook_repo(hook_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as pre-commit's try-repo sees it, as one clean repository."""
    changed = _git(
        "diff", "HEAD", "--name-only", "-z", "--no-renames", cwd=ROOT, env=hook_env
    ).split("\0")
    changed = [path for path in changed if path]
    if not changed:
        return ROOT
    snapshot = tmp_path_factory.mktemp("checkout") / "reqlint"
    _git("clone", "--quiet", str(ROOT), str(snapshot), cwd=ROOT, env=hook_env)
    for path in changed:
        source, target = ROOT / path, snapshot / path
        if source.exists() or source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
        elif target.exists():
            target.unlink()
    _git("add", "-A", cwd=snapshot, env=hook_env)
    _git(
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        "working tree of the checkout under test",
        cwd=snapshot,
        env=hook_env,
    )
    return snapshot


@pytest.fixture
def project(tmp_path: Path, hook_env: dict[str, str]) -> Path:
    """A throwaway repository with one bad requirements file, tracked."""
    repo = tmp_path / "project"
    repo.mkdir()
    _git("init", "--quiet", cwd=repo, env=hook_env)
    (repo / "requirements.txt").write_bytes(BAD)
    (repo / "README.md").write_bytes(b"not a file the hook reads\n")
    _git("add", "requirements.txt", "README.md", cwd=repo, env=hook_env)
    return repo


def _pre_commit(
    args: list[str],
    project: Path,
    env: dict[str, str],
    label: str,
) -> subprocess.CompletedProcess[str]:
    start = time.monotonic()
    done = subprocess.run(
        [str(PRE_COMMIT), *args, "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    TIMINGS[label] = time.monotonic() - start
    sys.stderr.write(f"pre-commit {label}: {TIMINGS[label]:.1f}s\n")
    return done


def try_repo(
    hook: str,
    project: Path,
    repo: Path,
    env: dict[str, str],
    label: str,
) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo``: builds the hook environment afresh every time."""
    return _pre_commit(["try-repo", str(repo), hook], project, env, f"try-repo {label}")


def run_configured(
    hook: str,
    project: Path,
    repo: Path,
    env: dict[str, str],
    label: str,
) -> subprocess.CompletedProcess[str]:
    """``pre-commit run`` with a ``.pre-commit-config.yaml`` naming ``repo`` at its release
    tag (``tagged_repo``), as the README tells a user to: the environment is built once and
    cached in PRE_COMMIT_HOME, and shared with the README test below."""
    from reqlint import __version__

    rev = f"v{__version__}"
    config = project / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {repo.as_posix()}\n  rev: {rev}\n  hooks:\n"
        "  - id: reqlint\n  - id: reqlint-fix\n",
        encoding="utf-8",
    )
    _git("add", config.name, cwd=project, env=env)
    return _pre_commit(["run", hook], project, env, f"run {label}")


def _explain(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


def test_check_hook_fails_with_rl101(
    project: Path, hook_repo: Path, tagged_repo: Path, hook_env: dict[str, str]
) -> None:
    for done in (
        try_repo("reqlint", project, hook_repo, hook_env, "check"),
        run_configured("reqlint", project, tagged_repo, hook_env, "check (builds)"),
    ):
        assert done.returncode == 1, _explain(done)
        assert "- hook id: reqlint\n- exit code: 1\n" in done.stdout, _explain(done)
        assert "requirements.txt:2:" in done.stdout, _explain(done)
        assert "RL101" in done.stdout, _explain(done)
        assert "files were modified" not in done.stdout, _explain(done)
        assert (project / "requirements.txt").read_bytes() == BAD

    # Built once, then reused.
    done = run_configured("reqlint", project, tagged_repo, hook_env, "check (cached)")
    assert done.returncode == 1, _explain(done)
    assert "Installing environment" not in done.stdout + done.stderr, _explain(done)


def test_check_hook_passes_on_a_clean_file(
    project: Path, tagged_repo: Path, hook_env: dict[str, str]
) -> None:
    (project / "requirements.txt").write_bytes(
        b"--index-url https://pypi.internal.example/simple\nrequests==2.32.3\n"
    )
    done = run_configured("reqlint", project, tagged_repo, hook_env, "check (clean file)")
    assert done.returncode == 0, _explain(done)
    assert "reqlint...." in done.stdout, _explain(done)
    assert "Passed" in done.stdout, _explain(done)


def test_check_hook_on_a_staged_file_judges_it_as_the_folder_scan_does(
    project: Path, tagged_repo: Path, hook_env: dict[str, str]
) -> None:
    """A commit passes the hook its staged files alone (``pre-commit run --files``, as
    ``git commit`` does).  netbox's staged ``base_requirements.txt`` gave 38 RL201
    warnings through the hook, where ``check .`` passes: the pinned ``requirements.txt``
    beside it, which makes it an input, was not read (trial 11)."""
    (project / "requirements.txt").write_bytes(b"colorama==0.4.6\nDjango==6.0.8\n")
    (project / "base_requirements.txt").write_bytes(b"colorama\nDjango==6.0.*\n")
    (project / "requirements-prod.txt").write_bytes(b"-r requirements.txt\ngunicorn\n")
    _git("add", ".", cwd=project, env=hook_env)
    run_configured("reqlint", project, tagged_repo, hook_env, "check (config)")

    def staged(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", "reqlint", "--color", "never", "--files", *files],
            cwd=project,
            env=hook_env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    done = staged("base_requirements.txt")
    assert done.returncode == 0, _explain(done)
    assert "Passed" in done.stdout, _explain(done)
    # a staged file with a problem of its own still fails, and only its own is reported
    done = staged("requirements-prod.txt")
    assert done.returncode == 1, _explain(done)
    assert "requirements-prod.txt:2:1: RL201 warning: gunicorn is not pinned" in done.stdout
    assert "base_requirements.txt" not in done.stdout, _explain(done)


@needs_fix
def test_fix_hook_rewrites_then_passes(
    project: Path, hook_repo: Path, tagged_repo: Path, hook_env: dict[str, str]
) -> None:
    done = try_repo("reqlint-fix", project, hook_repo, hook_env, "fix")
    assert done.returncode == 1, _explain(done)
    assert "- hook id: reqlint-fix\n" in done.stdout, _explain(done)
    assert "- files were modified by this hook" in done.stdout, _explain(done)

    before = BAD.splitlines(keepends=True)
    after = (project / "requirements.txt").read_bytes().splitlines(keepends=True)
    assert len(after) == len(before), after
    assert (after[0], after[2]) == (before[0], before[2])  # untouched lines byte-identical
    # Commented out the one way every reqlint fix comments out, the rest kept byte for byte.
    assert after[1] == COMMENT_PREFIX.encode() + before[1], after
    fixed = b"".join(after)

    for hook in ("reqlint-fix", "reqlint"):
        done = run_configured(hook, project, tagged_repo, hook_env, f"{hook} (after fix)")
        assert done.returncode == 0, _explain(done)
        assert "files were modified" not in done.stdout, _explain(done)
        assert (project / "requirements.txt").read_bytes() == fixed


# ------------------------------------------------------------ README's rev, serial, exclude


def _readme_hooks_config(repo: Path) -> str:
    """The README's pre-commit snippet, as written, with the repository URL pointed at the
    local clone (the tag named by ``rev:`` is what is under test)."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### pre-commit\n+```yaml\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "README has no pre-commit snippet"
    snippet = block.group(1)
    url = re.search(r"- repo: (\S+)", snippet)
    assert url is not None
    return snippet.replace(url.group(1), repo.as_posix())


@pytest.fixture(scope="session")
def tagged_repo(
    hook_repo: Path, hook_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A clone of the checkout with the release tag ``v<version>``, as a release has it."""
    from reqlint import __version__

    clone = tmp_path_factory.mktemp("tagged") / "reqlint"
    _git("clone", "--quiet", str(hook_repo), str(clone), cwd=hook_repo, env=hook_env)
    _git("tag", f"v{__version__}", cwd=clone, env=hook_env)
    return clone


def test_readme_rev_serial_hooks_and_force_exclude(
    project: Path, tagged_repo: Path, hook_env: dict[str, str]
) -> None:
    from reqlint import __version__

    config = _readme_hooks_config(tagged_repo)
    assert f"rev: v{__version__}\n" in config  # the README names this release's tag
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git("add", ".pre-commit-config.yaml", cwd=project, env=hook_env)

    # 1. The README's example runs as written: the tag resolves, the hook fails on RL101.
    done = _pre_commit(["run", "reqlint"], project, hook_env, "run README rev")
    assert done.returncode == 1, _explain(done)
    assert "RL101" in done.stdout, _explain(done)

    # 2. Cross-file findings do not depend on how pre-commit splits the files: one
    #    pip.conf against many requirements files, each with its own index (RL105).
    (project / "requirements.txt").write_bytes(b"requests==2.32.3\n")
    (project / "pip.conf").write_bytes(b"[global]\nindex-url = https://a.example/simple\n")
    for n in range(8):
        (project / f"requirements-{n}.txt").write_bytes(
            f"--index-url https://m{n}.example/simple\nsix==1.16.0\n".encode()
        )
    _git("add", "-A", cwd=project, env=hook_env)
    direct = subprocess.run(
        [sys.executable, "-m", "reqlint", "check", "--no-color", "."],
        cwd=project,
        env=hook_env,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = direct.stdout.count(" RL105 ")
    assert expected >= 8, direct.stdout
    done = _pre_commit(["run", "reqlint"], project, hook_env, "run serial")
    assert done.returncode == 1, _explain(done)
    assert done.stdout.count(" RL105 ") == expected, _explain(done)

    # 3. `[tool.reqlint] exclude` holds for the files pre-commit passes (--force-exclude).
    for n in range(8):
        (project / f"requirements-{n}.txt").unlink()
    (project / "pip.conf").unlink()
    (project / "legacy").mkdir()
    (project / "legacy" / "requirements.txt").write_bytes(BAD)
    (project / "pyproject.toml").write_bytes(b'[tool.reqlint]\nexclude = ["legacy/"]\n')
    _git("add", "-A", cwd=project, env=hook_env)
    done = _pre_commit(["run", "reqlint"], project, hook_env, "run force-exclude")
    assert done.returncode == 0, _explain(done)
    assert "Passed" in done.stdout, _explain(done)
