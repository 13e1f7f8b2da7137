"""What RL101, RL103 and RL104 say must be true: a table of real files on disk and the
statements their findings must (and must not) make, with named cases where nothing fires.
Each row is a regression test for a false statement found on real repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import Applicability, Diagnostic


def lint(
    tmp_path: Path,
    files: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> list[Diagnostic]:
    for name, body in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    return list(run(load_project(candidates(["."]))).diagnostics)


@dataclass(frozen=True)
class Say:
    files: dict[str, str]
    code: str
    says: tuple[str, ...] = ()  # every finding of ``code`` says all of these
    never: tuple[str, ...] = ()  # and none of these
    count: int = 1


POETRY = "[project]\nname = 'x'\nversion = '1'\n"
WORKFLOW = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"

UV_TORCH = (
    "[project]\nname = 'x'\nversion = '1'\ndependencies = ['torch==2.7.1']\n"
    "[tool.uv]\nindex-strategy = 'unsafe-best-match'\n"
    "[tool.uv.sources]\ntorch = { index = 'torch-cpu' }\n"
    "[[tool.uv.index]]\nname = 'torch-cpu'\nurl = 'https://download.pytorch.org/whl/cpu'\n"
)

CASES: dict[str, Say] = {
    # -------------------------------------------------------------- poetry / pdm / uv
    "poetry-supplemental-after-implicit-pypi": Say(
        {
            "pyproject.toml": POETRY + "[[tool.poetry.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\npriority = 'supplemental'\n"
        },
        "RL101",
        says=("asks the public index (PyPI) first",),
    ),
    "poetry-public-supplemental-behind-private-primary": Say(
        {
            "pyproject.toml": POETRY + "[[tool.poetry.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\npriority = 'primary'\n"
            "[[tool.poetry.source]]\nname = 'PyPI'\npriority = 'supplemental'\n"
        },
        "RL101",
        says=(
            "the public index) has priority supplemental",
            "every package the primary sources lack",
        ),
        never=("also searches PyPI",),
    ),
    "pdm-source-merged-with-pypi": Say(
        {
            "pyproject.toml": POETRY + "[[tool.pdm.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\n"
        },
        "RL101",
        says=("merged with PyPI", "include_packages"),
    ),
    "pdm-pypi-source-that-is-pypi-keeps-pypi-on": Say(
        {
            "pyproject.toml": POETRY + "[[tool.pdm.source]]\nname = 'pypi'\n"
            "url = 'https://pypi.org/simple'\n[[tool.pdm.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\n"
        },
        "RL101",
        says=("pdm source 'corp'",),
    ),
    "pdm-respect-source-order-pypi-first": Say(
        {
            "pyproject.toml": POETRY + "[tool.pdm.resolution]\nrespect-source-order = true\n"
            "[[tool.pdm.source]]\nname = 'corp'\nurl = 'https://pypi.corp.example/simple'\n"
        },
        "RL101",
        says=("comes after PyPI with respect-source-order",),
        never=("merged", "best candidate"),
    ),
    "uv-public-index-before-a-private-default": Say(
        {
            "pyproject.toml": POETRY + "[[tool.uv.index]]\nname = 'pypi'\n"
            "url = 'https://pypi.org/simple'\n[[tool.uv.index]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\ndefault = true\n"
        },
        "RL101",
        says=(
            "uv asks https://pypi.org/simple (the public index) before the default "
            "index https://pypi.corp.example/simple",
        ),
    ),
    # ------------------------------------------------------------------------- RL103
    "trusted-host-over-plain-http": Say(
        {
            "requirements.txt": "--index-url http://pypi.corp.example/simple\n"
            "--trusted-host pypi.corp.example\nflask==3.0\n"
        },
        "RL103",
        says=("lets pip use its plain-http index", "serve it over https"),
        never=("TLS",),
    ),
    "trusted-host-over-https": Say(
        {
            "requirements.txt": "--index-url https://pypi.corp.example/simple\n"
            "--trusted-host pypi.corp.example\nflask==3.0\n"
        },
        "RL103",
        says=("turns off TLS verification",),
    ),
    "trusted-host-with-port-over-https": Say(
        {
            "requirements.txt": "--index-url http://pypi.corp.example/simple\n"
            "--extra-index-url https://pypi.corp.example:8443/simple\n"
            "--trusted-host pypi.corp.example:8443\nflask==3.0\n"
        },
        "RL103",
        says=("turns off TLS verification",),
    ),
    # ------------------------------------------------------------------------- RL104
    "token-in-a-remote-path": Say(
        {
            "requirements.txt": "--extra-index-url https://pypi.fury.io/Ab1Cd2Ef3Gh4Ij5Kl6Mn7/acme/"
            "\nflask==3.0\n"
        },
        "RL104",
        says=("an access token in the URL path",),
    ),
    # ------------------------------------------------------------------------- RL101
    "python-from-a-variable-and-python-m-uv": Say(
        # jax: `$PYTHON -m pip install ...`, `"$JAXCI_PYTHON" -m uv pip install ...` (trial 5)
        {
            ".github/workflows/ci.yml": WORKFLOW
            + "      - run: $PYTHON -m pip install -i https://pypi.internal.example/simple "
            "--extra-index-url https://pypi.org/simple foo==1\n"
            + '      - run: \'"${JAXCI_PYTHON}" -m uv pip install -i '
            "https://pypi.internal.example/simple --extra-index-url https://pypi.org/simple "
            "foo==1'\n"
            + "      - run: $TOOL -m pip install --extra-index-url https://x.example/simple a\n"
        },
        "RL101",
        count=2,
        says=("https://pypi.internal.example/simple",),
        never=("x.example",),
    ),
    "shell-default-of-an-unset-variable": Say(
        # `${EXTRA_INDEX:-https://pypi.org/simple}`: PyPI when the variable is unset, the
        # default index again, not "beside" it (trial 6)
        {
            "install.sh": "pip install --extra-index-url "
            '"${EXTRA_INDEX:-https://pypi.org/simple}" x\n'
        },
        "RL101",
        says=("is the primary index again",),
        never=("${EXTRA_INDEX",),
    ),
    "testpypi-by-its-old-host": Say(
        # accelerate's Makefile: https://testpypi.python.org/pypi (trial 6)
        {
            "requirements.txt": "-i https://testpypi.python.org/pypi\n"
            "--extra-index-url https://pypi.org/simple\naccelerate==1.0\n"
        },
        "RL101",
        says=("TestPyPI, where anyone can upload any name", "--no-deps"),
    ),
    "testpypi-primary-with-pypi-beside-it": Say(
        {
            "requirements.txt": "--index-url https://test.pypi.org/simple/\n"
            "--extra-index-url https://pypi.org/simple\nsktime==0.30.0\n"
        },
        "RL101",
        says=(
            "(TestPyPI, where anyone can upload any name, set at requirements.txt:1)",
            "`pip install --index-url https://test.pypi.org/simple/ --no-deps <it>`",
        ),
    ),
    "misspelt-pip-variable-under-tox-uv": Say(
        # opentelemetry-python-contrib: tox-uv installs with uv (trial 6)
        {"tox.ini": "[tox]\nrequires = tox-uv>=1\n[testenv]\nsetenv =\n  PIP_CONSTRAINTS=c.txt\n"},
        "RL108",
        says=("did you mean PIP_CONSTRAINT? But this tox.ini requires tox-uv",),
    ),
    "misspelt-uv-index-variable": Say(
        # jax sets UV_EXTRA_INDEX, which uv does not have (trial 5); uv's own names,
        # per-index credentials and other UV_* variables are not reported
        {
            ".github/workflows/ci.yml": "on: push\nenv:\n  UV_EXTRA_INDEX: https://pypi.org/simple\n"
            "  UV_INDEX_CORP_PASSWORD: ${{ secrets.P }}\n  UV_PUBLISH_INDEX: corp\n"
            "  UV_CACHE_DIR: /tmp/uv\n  UV_INDEX: https://pypi.corp.example/simple\n"
            "jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: uv pip install a\n"
        },
        "RL108",
        says=(
            "uv has no variable UV_EXTRA_INDEX and silently ignores it; did you mean "
            "UV_INDEX or UV_EXTRA_INDEX_URL?",
        ),
    ),
    "uv-unsafe-strategy-with-an-index-beside-pypi": Say(
        {"pyproject.toml": UV_TORCH},  # not explicit: asked for every package, merged
        "RL101",
        says=(
            "uv index-strategy unsafe-best-match merges candidates from every index",
            "a name registered on one index with a higher version wins",
        ),
        # pytorch-lightning's CI has no internal index: its extra one is PyTorch's
        never=("internal",),
    ),
    "pytorch-find-links-page-in-a-command": Say(
        # PyTorch's instructions use --index-url, never --no-index --find-links (trial 8)
        {
            "Dockerfile": "FROM python:3.11\n"
            'RUN pip install "torch>=2" -f https://download.pytorch.org/whl/torch_stable.html\n'
        },
        "RL101",
        says=("--no-index --find-links https://download.pytorch.org/whl/torch_stable.html",),
        never=("install instructions",),
    ),
    "uv-unsafe-first-match-prefers-the-first-index": Say(
        # uv's docs: versions of the first index are exhausted before the next is asked
        {
            ".github/workflows/ci.yml": WORKFLOW + "      - run: uv pip install --system x "
            "--index-strategy unsafe-first-match --extra-index-url https://pypi.corp.example/s\n"
        },
        "RL101",
        says=(
            "exhausting the first index's versions before the next",
            "a name the first index lacks, or has no matching version of, is taken from the "
            "next index that has one",
        ),
        never=("higher version wins", "best version"),
    ),
    "uv-strategy-variable-and-a-pyproject-extra-index": Say(
        # `uv pip install` reads [tool.uv] of the project's pyproject.toml
        {
            ".github/workflows/ci.yml": "on: push\nenv:\n  UV_INDEX_STRATEGY: unsafe-best-match\n"
            "jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: uv pip install --system .\n",
            "pyproject.toml": POETRY
            + "[tool.uv]\nextra-index-url = ['https://download.pytorch.org/whl/cpu']\n",
        },
        "RL101",
        says=("uv index-strategy unsafe-best-match merges candidates",),
    ),
    "one-parenthesis-for-the-default-index": Say(
        {"requirements.txt": "--extra-index-url https://pypi.corp.example/simple\nflask\n"},
        "RL101",
        says=("https://pypi.org/simple (the public index, pip's default)",),
        never=(") (",),
    ),
    "one-parenthesis-for-an-explicit-public-primary": Say(
        {
            "requirements.txt": "--index-url https://pypi.org/simple\n"
            "--extra-index-url https://pypi.corp.example/simple\nflask\n"
        },
        "RL101",
        says=("(the public index, set at requirements.txt:1)", "no safe fix"),
        never=(") (",),
    ),
    "find-links-page-beside-the-default-index": Say(
        {
            "requirements.txt": "-f https://download.pytorch.org/whl/torch_stable.html\n"
            "torch==2.0.0\n"
        },
        "RL101",
        says=(
            "find-links page https://download.pytorch.org/whl/torch_stable.html",
            "no safe fix",
            # a vendor's index cannot proxy the public one (real-world trial: diffusers)
            "download.pytorch.org serves one vendor's builds and cannot proxy the public",
            "in a command of their own",
        ),
        never=("let it proxy", "serve its files from an index"),
    ),
    "find-links-page-remedy-installs-the-dependencies-first": Say(
        # `pip install --no-index --find-links PAGE pkgs` alone fails for a package whose
        # dependencies the page lacks (real-world trial 4: pytorch/serve)
        {"requirements.txt": "-f https://data.pyg.org/whl/torch-2.4.0+cpu.html\ntorch-scatter\n"},
        "RL101",
        says=(
            "install the rest from the primary index first, then that page's packages",
            "--no-index --find-links https://data.pyg.org/whl/torch-2.4.0+cpu.html",
            "their dependencies installed by the first command",
        ),
        never=("local versions such as +cu121",),
    ),
    "find-links-file-remedy-says-file": Say(
        # MONAI docs: `-f https://download.pytorch.org/whl/cpu/torch-2.4.1%2Bcpu-....whl`
        {
            "docs/requirements.txt": "-f https://download.pytorch.org/whl/cpu/"
            "torch-2.4.1%2Bcpu-cp39-cp39-linux_x86_64.whl\ntorch>=2.4.1\n"
        },
        "RL101",
        says=(
            "find-links file https://download.pytorch.org",
            "then that file's package",
            # torch>=2.4.1 admits 2.4.2 and later, which pip prefers to the file's 2.4.1+cpu
            "torch>=2.4.1 at docs/requirements.txt:2 admits releases newer than the file's "
            "2.4.1+cpu (2.4.2, say): pip takes the highest version",
        ),
        never=("page's packages", "find-links page"),
    ),
    "an-export-in-a-subshell-ends-with-it": Say(
        # the mirror exported inside ( ... ) is not the primary of the command after it
        {
            "build.sh": "(export PIP_INDEX_URL=https://mirror.internal.example/simple; "
            "pip install -r requirements.txt)\n"
            "pip install --extra-index-url https://download.pytorch.org/whl/cpu torch==2.3.0\n",
        },
        "RL101",
        says=("beside primary index https://pypi.org/simple (the public index, pip's default)",),
        never=("mirror.internal.example",),
    ),
    "find-links-file-pinned-is-not-outranked": Say(
        # a pin the file satisfies (==2.4.1 holds 2.4.1+cpu), and a constraint that does
        {
            "requirements.txt": "-f https://download.pytorch.org/whl/cpu/"
            "torch-2.4.1%2Bcpu-cp39-cp39-linux_x86_64.whl\ntorch==2.4.1\n"
            "-f https://files.example/wheels/demo-1.5.tar.gz\n-c constraints.txt\ndemo>=1\n",
            "constraints.txt": "demo<=1.5\n",
        },
        "RL101",
        never=("admits releases newer",),
        count=2,
    ),
    "find-links-file-of-an-unpinned-package": Say(
        {
            "requirements.txt": "-f https://files.example/wheels/Demo_Pkg-1.5-py3-none-any.whl\n"
            "demo-pkg\n"
        },
        "RL101",
        says=("demo-pkg at requirements.txt:2 admits releases newer than the file's 1.5 (1.5.1",),
    ),
    "neuron-index-in-a-file-is-a-vendor-index": Say(
        # the same host got the proxy advice in a file and the own-command advice in a
        # Dockerfile (real-world trial 4)
        {
            "requirements.txt": "--extra-index-url https://pip.repos.neuron.amazonaws.com\n"
            "torch-neuronx==2.1.2.2.3.0\n"
        },
        "RL101",
        says=(
            "pip.repos.neuron.amazonaws.com serves one vendor's builds",
            "`pip install --index-url https://pip.repos.neuron.amazonaws.com <its packages>`",
        ),
        never=("let it proxy",),
    ),
    "public-extra-behind-a-vendor-primary": Say(
        # whisper / unsloth CI: removing PyPI would leave only the torch index (trial 5)
        {
            ".github/workflows/test.yml": WORKFLOW + "      - run: pip3 install .[dev] "
            "torch==2.5.1+cpu --index-url https://download.pytorch.org/whl/cpu "
            "--extra-index-url https://pypi.org/simple\n"
        },
        "RL101",
        says=(
            "without it pip would find only what download.pytorch.org serves",
            "`pip install --index-url https://download.pytorch.org/whl/cpu <its packages>`",
            "the rest in another command from the public index",
        ),
        never=("remove the option", "look for its package names on the public index alone"),
    ),
    "find-links-page-of-a-company-beside-the-default-index": Say(
        {"requirements.txt": "-f https://files.corp.example/wheels/\nmylib==2.0.0\n"},
        "RL101",
        says=("no safe fix", "serve its files from an index that proxies the public one"),
    ),
    "two-credentials-on-one-url-are-told-apart": Say(
        {
            "pip.conf": "[global]\nindex-url = https://ci:Secr3t-one@pypi.corp.example/simple\n",
            "requirements.txt": "--index-url https://ci:Secr3t-two@pypi.corp.example/simple\n"
            "six==1.16.0\n",
        },
        "RL105",
        says=("(the same URL with other credentials)",),
        never=("Secr3t",),
    ),
    "uv-command-asks-a-public-extra-index-first": Say(
        {
            "Dockerfile": "FROM python:3.12\nRUN uv pip install --system --index-url "
            "https://mirror.internal.example/simple --extra-index-url https://pypi.org/simple "
            "mypkg\n"
        },
        "RL101",
        says=(
            "uv asks https://pypi.org/simple (the public index) before the default index "
            "https://mirror.internal.example/simple",
            "dependency confusion",
        ),
    ),
    "vendor-index-in-a-dockerfile-names-no-other-vendor": Say(
        {
            "Dockerfile": "FROM python:3.12\nRUN pip install --extra-index-url "
            "https://pypi.nvidia.com tensorrt\n"
        },
        "RL101",
        says=("in a command of their own",),
        never=("download.pytorch.org",),
    ),
    "find-links-in-a-ci-command": Say(
        {
            ".github/workflows/ci.yml": WORKFLOW + "      - run: pip install torch -f "
            "https://download.pytorch.org/whl/torch_stable.html\n"
        },
        "RL101",
        says=("find-links page",),
    ),
    "matrix-value-with-an-extra-index": Say(
        # MONAI's cron.yml: `pip install ${{ matrix.pytorch }}`, the index in the matrix
        {
            ".github/workflows/cron.yml": "on: push\njobs:\n  gpu:\n    strategy:\n"
            "      matrix:\n        env: [a]\n        include:\n          - env: a\n"
            '            pytorch: "torch==2.3.0 --extra-index-url '
            'https://download.pytorch.org/whl/cu121"\n'
            "        exclude:\n          - pytorch: --extra-index-url https://x.example/simple\n"
            "        label: ['--extra-index-url https://y.example/simple']\n"
            "    name: build ${{ matrix.label }}\n"
            "    runs-on: x\n    steps:\n      - run: pip install ${{ matrix.pytorch }}\n"
        },
        "RL101",
        says=(
            "extra index https://download.pytorch.org/whl/cu121 beside primary index "
            "https://pypi.org/simple",
            "in a command of their own",
        ),
        never=("x.example", "y.example"),  # an exclude entry; a key no pip command uses
    ),
    "find-links-in-pip-conf-beside-a-private-index": Say(
        {
            "pip.conf": "[global]\nindex-url = https://pypi.corp.example/simple\n"
            "find-links = https://wheels.corp.example/links\n"
        },
        "RL101",
        says=("find-links page https://wheels.corp.example/links",),
    ),
    "workflow-env-expanded-in-a-command": Say(
        {
            ".github/workflows/ci.yml": "on: push\nenv:\n  WHEELS: https://w.example/simple\n"
            "jobs:\n  a:\n    runs-on: x\n    env:\n      JOBIDX: https://j.example/simple\n"
            "    steps:\n      - run: pip install --extra-index-url ${WHEELS} a\n"
            "      - run: pip install --extra-index-url $JOBIDX b\n"
            "      - run: pip install --extra-index-url ${{ env.STEPIDX }} c\n"
            "        env:\n          STEPIDX: https://s.example/simple\n"
        },
        "RL101",
        count=3,
        says=("beside primary index https://pypi.org/simple",),
        never=("${", "$JOBIDX"),
    ),
    "pip-conf-written-by-a-workflow-step": Say(
        {
            ".github/workflows/ci.yml": WORKFLOW + "      - run: |\n          mkdir -p ~/.pip\n"
            "          printf '[global]\\nextra-index-url = %s\\n' https://w.corp.example/simple"
            " > ~/.pip/pip.conf\n"
        },
        "RL101",
        says=("extra index https://w.corp.example/simple", "no safe fix"),
    ),
    "gitlab-variables-expanded-in-a-script": Say(
        {
            ".gitlab-ci.yml": "variables:\n  EXTRA: https://g.example/simple\n"
            "test:\n  script:\n    - pip install --extra-index-url $EXTRA -r r.txt\n"
        },
        "RL101",
        says=("extra index https://g.example/simple",),
    ),
}

# Inputs where the code must not fire at all.
NO_OPS: dict[str, tuple[dict[str, str], str]] = {
    # One index: nothing for an unsafe strategy to merge (ultralytics' CI, trial 7)
    "uv-unsafe-strategy-in-a-command-with-one-index": (
        {
            ".github/workflows/ci.yml": WORKFLOW + "      - run: uv pip install torch --index-url "
            "https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match\n"
        },
        "RL101",
    ),
    # --no-index with one find-links page, and the default index alone (pyg's setup
    # action, trial 8)
    "uv-unsafe-strategy-step-variables-with-one-source-each": (
        {
            ".github/workflows/ci.yml": WORKFLOW
            + "      - env: {UV_INDEX_STRATEGY: unsafe-best-match}\n"
            "        run: uv pip install --no-index pyg-lib -f "
            "https://data.pyg.org/whl/torch-2.5.0+cpu.html\n"
            "      - env: {UV_INDEX_STRATEGY: unsafe-best-match}\n"
            "        run: uv pip install scipy\n"
        },
        "RL101",
    ),
    "uv-unsafe-strategy-variable-and-only-pypi": (
        {
            ".github/workflows/ci.yml": "on: push\nenv:\n  UV_INDEX_STRATEGY: unsafe-best-match\n"
            "jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: uv pip install --system ruff\n"
        },
        "RL101",
    ),
    # InvokeAI: every index but the default is explicit: the strategy has nothing to merge
    "uv-unsafe-strategy-with-only-explicit-indexes": (
        {"pyproject.toml": UV_TORCH + "explicit = true\n"},
        "RL101",
    ),
    # InvokeAI lists PyPI itself as an index beside its explicit torch indexes
    "uv-unsafe-strategy-with-pypi-listed-and-explicit-indexes": (
        {
            "pyproject.toml": UV_TORCH + "explicit = true\n"
            "[[tool.uv.index]]\nname = 'pypi'\nurl = 'https://pypi.org/simple'\n"
        },
        "RL101",
    ),
    # uv asks the private extra index first and stops there for its own names
    "uv-command-private-extra-beside-the-public-default": (
        {
            "Dockerfile": "FROM python:3.12\nRUN uv pip install --system --extra-index-url "
            "https://pypi.internal.example/simple mypkg\n"
        },
        "RL101",
    ),
    "poetry-primary-turns-pypi-off": (
        {
            "pyproject.toml": POETRY + "[[tool.poetry.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\npriority = 'primary'\n"
            "[[tool.poetry.source]]\nname = 'torch'\n"
            "url = 'https://download.pytorch.org/whl/cpu'\npriority = 'supplemental'\n"
        },
        "RL101",
    ),
    "poetry-explicit-source": (
        {
            "pyproject.toml": POETRY + "[[tool.poetry.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\npriority = 'explicit'\n"
        },
        "RL101",
    ),
    "pdm-pypi-replaced-by-a-private-index": (
        {
            "pyproject.toml": POETRY + "[[tool.pdm.source]]\nname = 'pypi'\n"
            "url = 'https://mirror.corp.example/simple'\n[[tool.pdm.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\n"
        },
        "RL101",
    ),
    "uv-private-index-before-default-pypi": (
        {
            "pyproject.toml": POETRY + "[[tool.uv.index]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\n"
        },
        "RL101",
    ),
    "uv-explicit-public-index-beside-a-private-default": (
        {
            "pyproject.toml": POETRY + "[[tool.uv.index]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\ndefault = true\n[[tool.uv.index]]\n"
            "name = 'pypi'\nurl = 'https://pypi.org/simple'\nexplicit = true\n"
        },
        "RL101",
    ),
    "pdm-respect-source-order-private-before-pypi": (
        {
            "pyproject.toml": POETRY + "[tool.pdm.resolution]\nrespect-source-order = true\n"
            "[[tool.pdm.source]]\nname = 'corp'\nurl = 'https://pypi.corp.example/simple'\n"
            "[[tool.pdm.source]]\nname = 'pypi'\nurl = 'https://pypi.org/simple'\n"
        },
        "RL101",
    ),
    "pdm-include-packages-binds-a-source": (
        {
            "pyproject.toml": POETRY + "[[tool.pdm.source]]\nname = 'corp'\n"
            "url = 'https://pypi.corp.example/simple'\ninclude_packages = ['corp-*']\n"
        },
        "RL101",
    ),
    "pip-build-env-folder-in-a-file-url": (
        {
            "requirements.txt": "--find-links file:///tmp/pip-build-env-k3j2h1g9q8w7e6r5/wheels\n"
            "flask==3.0\n"
        },
        "RL104",
    ),
    "local-find-links-folder": ({"requirements.txt": "-f ./wheels\nflask==3.0\n"}, "RL101"),
    "find-links-with-no-index": (
        {"requirements.txt": "--no-index\n-f https://wheels.example/links\nflask==3.0\n"},
        "RL101",
    ),
    "find-links-in-a-no-index-command": (
        {
            ".github/workflows/ci.yml": WORKFLOW + "      - run: pip install --no-index "
            "-f https://wheels.example/links flask\n"
        },
        "RL101",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_statement(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    found = [d for d in lint(tmp_path, case.files, monkeypatch) if d.code == case.code]
    assert len(found) == case.count, [d.message for d in found]
    for diag in found:
        for text in case.says:
            assert text in diag.message
        for text in case.never:
            assert text not in diag.message


@pytest.mark.parametrize("name", NO_OPS)
def test_no_finding(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, code = NO_OPS[name]
    found = [d.message for d in lint(tmp_path, files, monkeypatch) if d.code == code]
    assert found == []


# ------------------------------------------------------------- RL101 fix by direction


@pytest.mark.parametrize(
    ("text", "applicability"),
    [
        # The incident's direction: the public index as extra behind a private primary.
        (
            "--index-url https://pypi.corp.example/simple\n--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        (
            "--index-url https://pypi.corp.example/simple\n"
            "--extra-index-url http://pypi.python.org/simple/\n",
            Applicability.SAFE,
        ),
        # The same index twice.
        ("--extra-index-url https://pypi.org/simple/\n", Applicability.SAFE),
        # A private index beside the public primary (default or explicit): no fix.
        ("--extra-index-url https://pypi.corp.example/simple\n", None),
        ("-i https://pypi.org/simple\n--extra-index-url https://pypi.corp.example/simple\n", None),
        ("--find-links https://download.pytorch.org/whl/torch_stable.html\n", None),
        # PyPI behind a vendor's index (whisper's CI): the vendor serves its builds alone
        (
            "-i https://download.pytorch.org/whl/cpu\n--extra-index-url https://pypi.org/simple\n",
            None,
        ),
        # Safe behind an index whose host or path says it proxies the public one (a
        # mirror, a repository manager's PyPI proxy) ...
        (
            "-i https://mirrors.aliyun.com/pypi/simple/\n--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        (
            "-i https://corp.jfrog.io/artifactory/api/pypi/pypi-remote/simple\n"
            "--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        (
            "-i https://nexus.corp.example/repository/pypi-proxy/simple\n"
            "--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        (
            "-i https://devpi.corp.example/root/pypi/+simple/\n"
            "--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        (
            "-i https://pypi.tuna.tsinghua.edu.cn/simple\n--extra-index-url https://pypi.org/simple\n",
            Applicability.SAFE,
        ),
        # ... unsafe behind one that says nothing of the kind: it may serve its own builds
        # alone, and the rest would no longer be found (trial 7) ...
        (
            "-i https://packages.corp.example/simple\n--extra-index-url https://pypi.org/simple\n",
            Applicability.UNSAFE,
        ),
        # ... as a repository manager's path that names only the protocol does: CodeArtifact,
        # GitLab, Azure Artifacts, a Nexus hosted repository, Gemfury (trial 20)
        *(
            (f"-i {primary}\n--extra-index-url https://pypi.org/simple\n", Applicability.UNSAFE)
            for primary in (
                "https://d-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/my-repo/simple/",
                "https://gitlab.com/api/v4/projects/42/packages/pypi/simple",
                "https://pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/",
                "https://nexus.corp.example/repository/pypi-hosted/simple",
                "https://corp.jfrog.io/artifactory/api/pypi/pypi-local/simple",
                "https://pypi.fury.io/acme/",
            )
        ),
        # ... and no fix behind an add-on index of its own builds (Home Assistant's musllinux
        # wheels, anaconda.org's nightly channels, Intel's XPU builds)
        (
            "-i https://wheels.home-assistant.io/musllinux-index/\n"
            "--extra-index-url https://pypi.org/simple\n",
            None,
        ),
        (
            "-i https://pypi.anaconda.org/scientific-python-nightly-wheels/simple\n"
            "--extra-index-url https://pypi.org/simple\n",
            None,
        ),
        (
            "-i https://pytorch-extension.intel.com/release-whl/stable/xpu/us/\n"
            "--extra-index-url https://pypi.org/simple\n",
            None,
        ),
        # Everything else: unsafe at most.
        (
            "--index-url https://a.corp.example/simple\n--extra-index-url https://b.corp.example/s\n",
            Applicability.UNSAFE,
        ),
        ("--index-url ${INDEX}\n--extra-index-url https://pypi.org/simple\n", Applicability.UNSAFE),
        # TestPyPI either way round: no fix (anyone can upload any name there; the install
        # needs both) (trial 5: sktime)
        (
            "--index-url https://test.pypi.org/simple\n--extra-index-url https://pypi.org/simple\n",
            None,
        ),
        ("--extra-index-url https://test.pypi.org/simple\n", None),
    ],
)
def test_rl101_fix_safety_by_direction(
    text: str, applicability: Applicability | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INDEX", "https://pypi.corp.example/simple")
    (diag,) = [
        d
        for d in lint(tmp_path, {"requirements.txt": text + "flask==3.0\n"}, monkeypatch)
        if d.code == "RL101"
    ]
    if applicability is None:
        assert diag.fix is None
        assert "no safe fix" in diag.message
    else:
        assert diag.fix is not None
        assert diag.fix.applicability is applicability
        assert diag.fixable(Applicability.SAFE) is (applicability is Applicability.SAFE)
        assert diag.fixable(Applicability.UNSAFE)


@pytest.mark.parametrize(
    "files",
    [
        # freqtrade's armhf image; Raspberry Pi OS's own pip.conf; piwheels as the primary
        {
            "Dockerfile": "FROM x\n"
            "RUN pip install --extra-index-url https://www.piwheels.org/simple a\n"
        },
        {"pip.conf": "[global]\nextra-index-url=https://www.piwheels.org/simple\n"},
        {
            "requirements.txt": "-i https://www.piwheels.org/simple\n--extra-index-url "
            "https://pypi.org/simple\nflask==3.0\n"
        },
    ],
    ids=["dockerfile", "pip-conf", "piwheels-primary"],
)
def test_piwheels_beside_the_public_index_stalls_but_cannot_shadow(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (diag,) = [d for d in lint(tmp_path, files, monkeypatch) if d.code == "RL101"]
    assert diag.severity.value == "info"
    assert "stalls every install" in diag.message
    assert "no name there can shadow a package" in diag.message
    assert "dependency confusion" not in diag.message
    assert "no safe fix" not in diag.message
    assert diag.fix is None  # the line is what the Pi needs: nothing to take out


def test_piwheels_beside_a_private_primary_is_judged_as_any_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "-i https://pypi.corp.example/simple\n--extra-index-url https://www.piwheels.org/simple\n"
    )
    (diag,) = [
        d
        for d in lint(tmp_path, {"requirements.txt": text + "flask==3.0\n"}, monkeypatch)
        if d.code == "RL101"
    ]
    assert diag.severity.value == "warning"
    assert "dependency confusion" in diag.message


# ------------------------------------------------------------------ spans in commands


@pytest.mark.parametrize(
    "command",
    [
        "pip install --extra-index-url https://x.example/simple a",
        "pip install --extra-index-url=https://x.example/simple a",
        'pip install --extra-index-url "https://x.example/simple" a',
        "pip install --extra-index-url 'https://x.example/simple' a",
        'pip install "--extra-index-url=https://x.example/simple" a',
        'pip install -i"https://x.example/simple" a',
        "pip install -f 'https://x.example/links' a",
        'uv pip install --extra-index-url "https://x.example/simple" a',
        "pip install --no-index -r r.txt",
    ],
)
def test_ci_span_covers_the_option_as_written(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reqlint.model import SourceKind
    from reqlint.sources import parse as parse_text
    from reqlint.text import TextFile

    text = WORKFLOW + f"      - run: {command}\n"
    tf = TextFile.from_text(".github/workflows/ci.yml", text)
    (setting,) = parse_text(SourceKind.CI, tf).settings
    span = setting.location.span
    assert span is not None
    written = command.split(" ", 2)[2] if command.startswith("pip") else command.split(" ", 3)[3]
    # The option and its value exactly as written, closing quote included.
    assert tf.text[span.start : span.end] == written.rsplit(" ", 1)[0].removesuffix(" -r")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("requests==2.32.3\nflask==3.0\nrequests==2.32.3\n", True),
        # The later line carries options of its own: commenting it out would drop them.
        ("requests==2.32.3\nrequests==2.32.3 --config-settings=k=v\n", False),
    ],
)
def test_rl206_safe_fix_only_when_the_line_adds_nothing(
    text: str, fixed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [
        d for d in lint(tmp_path, {"requirements.txt": text}, monkeypatch) if d.code == "RL206"
    ]
    assert [d.fixable(Applicability.SAFE) for d in found] == [fixed]


def test_find_links_beside_pypi_with_local_version_pins_narrows_the_confusion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyPI refuses local versions (+cpu): with every pin local, nothing on the public index
    can shadow the pins themselves, but their dependencies are still merged from both
    sources (torchtriton, December 2022): the message says that, not "nothing can shadow
    them" (real-world trial 4: pytorch/serve)."""
    monkeypatch.chdir(tmp_path)
    link = "--find-links https://download.pytorch.org/whl/torch_stable.html\n"
    for pins, shadow in (
        ("torch==2.4.0+cpu\ntorchvision==0.19.0+cpu\n", False),
        ("torch==2.4.0+cpu\nnumpy\n", True),
    ):
        (tmp_path / "requirements.txt").write_text(link + pins, encoding="utf-8")
        project = load_project(candidates(["requirements.txt"]))
        (diag,) = [d for d in run(project).diagnostics if d.code == "RL101"]
        assert ("can shadow a package it serves" in diag.message) is shadow
        assert "stalls every install" in diag.message
        assert ("their dependencies are still taken from whichever" in diag.message) is (not shadow)
        assert "nothing can shadow" not in diag.message
        # the remedy never offers the local pins the file already has
        assert "pin its packages to local versions" not in diag.message
    # the labels are the file's own, not always +cpu
    (tmp_path / "requirements.txt").write_text(
        link + "torch==2.1.0+cu121\ntorchaudio==2.1.0+cu121\n", encoding="utf-8"
    )
    (diag,) = [d for d in run(load_project(candidates(["."]))).diagnostics if d.code == "RL101"]
    assert "every requirement here is pinned to a local version (+cu121)" in diag.message


@pytest.mark.parametrize(
    ("command", "labels"),
    [
        ("pip install torch==1.8.1+cpu torchvision==0.9.1+cpu -f {link}", "+cpu"),
        ('pip install -U -f {link} "torch==2.1.0+cu121" torchaudio==2.1.0+cpu', "+cpu, +cu121"),
        ("python -m pip install --find-links={link} torch==2.1.0+cpu", "+cpu"),
        # another package, a requirements file, an editable or a variable: the general case
        ("pip install torch==1.8.1+cpu numpy -f {link}", ""),
        ("pip install torch==1.8.1 -f {link}", ""),
        ("pip install torch==2.1.0+cpu -r requirements.txt -f {link}", ""),
        ("pip install -e . torch==2.1.0+cpu -f {link}", ""),
        ("pip install torch==${{TORCH}}+cpu -f {link}", ""),
    ],
)
def test_find_links_command_with_local_version_pins_says_so(
    command: str, labels: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mmcv's CI: ``pip install torch==X+cpu torchvision==Y+cpu -f .../torch_stable.html``
    (trial 9).  As for a requirements file of such pins, the message says the public index
    cannot serve the pins themselves (PyPI refuses local versions), with the labels the
    command uses, and that their dependencies are still merged from both sources."""
    link = "https://download.pytorch.org/whl/torch_stable.html"
    step = command.format(link=link)
    for name, text in (
        (
            ".github/workflows/ci.yml",
            f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: {step}\n",
        ),
        ("Dockerfile", f"FROM python:3.12\nRUN {step}\n"),
    ):
        found = [
            d for d in lint(tmp_path / name[:2], {name: text}, monkeypatch) if d.code == "RL101"
        ]
        assert len(found) == 1, (name, found)
        message = found[0].message
        if labels:
            assert f"every package this command names is pinned to a local version ({labels})" in (
                message
            )
            assert "their dependencies are still taken from whichever" in message
            assert "can shadow a package it serves" not in message
        else:
            assert "local version" not in message
            assert "can shadow a package it serves" in message


def test_uv_strategy_variable_with_an_extra_index_in_a_requirements_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `uv pip install -r requirements.txt` reads the file's --extra-index-url: the
    # strategy variable has something to merge, so it is reported beside the file's own.
    files = {
        ".github/workflows/ci.yml": "on: push\nenv:\n  UV_INDEX_STRATEGY: unsafe-best-match\n"
        "jobs:\n  a:\n    runs-on: x\n    steps:\n"
        "      - run: uv pip install --system -r requirements.txt\n",
        "requirements.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch\n",
    }
    found = [d for d in lint(tmp_path, files, monkeypatch) if d.code == "RL101"]
    assert sorted((d.location.path, d.location.line) for d in found) == [
        (".github/workflows/ci.yml", 3),
        ("requirements.txt", 1),
    ]


def test_rl206_layered_lists_and_constraints_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # vllm's requirements/rocm.txt pins grpcio over common.txt's bare grpcio; MONAILabel's
    # dev list repeats a base requirement; mlflow's constraints.txt has one exclusion per
    # line (trials 7, 8).  Only conflicts (and duplicates inside one file) are warnings.
    files = {
        "requirements/common.txt": "grpcio\nsetuptools>=61\nsix==1.16.0\nidna==3.6\n",
        "requirements/rocm.txt": "-r common.txt\ngrpcio==1.78.0\nsetuptools\n"
        "six==1.16.0\nsix==1.16.0\nidna==3.7\n",
        "requirements/constraints.txt": "transformers!=4.51.0\ntransformers!=4.52.2\nx==1\nx==2\n",
    }
    found = {
        (d.location.path, d.location.line): d
        for d in lint(tmp_path, files, monkeypatch)
        if d.code == "RL206"
    }
    got = {k: (d.severity.value, d.fixable()) for k, d in found.items()}
    assert got == {
        ("requirements/rocm.txt", 2): ("info", False),  # grpcio==1.78.0 over grpcio
        ("requirements/rocm.txt", 3): ("info", False),  # setuptools below setuptools>=61
        ("requirements/rocm.txt", 4): ("info", False),  # six==1.16.0 as the base has it
        ("requirements/rocm.txt", 5): ("warning", True),  # the same line again in one file
        ("requirements/rocm.txt", 6): ("warning", False),  # idna==3.7 against idna==3.6
        ("requirements/constraints.txt", 4): ("warning", False),  # x==2 against x==1
    }
    assert "merge them" not in found[("requirements/rocm.txt", 2)].message
    assert "which this install includes" in found[("requirements/rocm.txt", 2)].message
    assert found[("requirements/rocm.txt", 5)].message.endswith("at requirements/rocm.txt:4")
    assert "pip will refuse to install" in found[("requirements/rocm.txt", 6)].message


def test_dockerfile_args_are_substituted_as_docker_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # vllm's Dockerfile.xpu: ARG PIP_EXTRA_INDEX_URL=..., then ENV PIP_EXTRA_INDEX_URL=
    # ${PIP_EXTRA_INDEX_URL} (one setting, reported once, where its value is written);
    # transformers': a global ARG CUDA brought into the stage by a bare `ARG CUDA` (trial 7).
    dockerfile = (
        "ARG CUDA=cu126\n"
        "FROM python:3.11 AS base\n"
        "ARG CUDA\n"
        'ARG PIP_EXTRA_INDEX_URL="https://download.pytorch.org/whl/xpu"\n'
        "ENV PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}\n"
        "RUN pip install torch --extra-index-url https://download.pytorch.org/whl/nightly/$CUDA\n"
        "FROM python:3.11\n"
        "RUN pip install x --extra-index-url https://download.pytorch.org/whl/$CUDA\n"
    )
    found = [
        d for d in lint(tmp_path, {"Dockerfile": dockerfile}, monkeypatch) if d.code == "RL101"
    ]
    assert [(d.location.line, d.message.split(" beside ")[0]) for d in found] == [
        (4, "extra index https://download.pytorch.org/whl/xpu"),
        (6, "extra index https://download.pytorch.org/whl/nightly/cu126"),
        # a new stage: CUDA is not brought in, so the reference stays as written
        (8, "extra index https://download.pytorch.org/whl/$CUDA"),
    ]
