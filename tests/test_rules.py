"""Every rule, firing and not firing, on real files in a temporary folder.

Each case is ``(files, expected)`` where ``expected`` is the exact set of
``(code, path, line)`` the run must report for the codes under test: a missing finding
and an extra one both fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reqlint import engine
from reqlint.discovery import candidates
from reqlint.loader import MachineContext, load_project
from reqlint.rules import RULES

SHA = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a"
H1 = "sha256:" + "a" * 64
H2 = "sha256:" + "b" * 64

# (id, files, codes under test, expected (code, path, line) set)
CASES: list[tuple[str, dict[str, str], set[str], set[tuple[str, str, int]]]] = [
    (
        "rl011-fires",
        {"Dockerfile": "FROM python:3.12\nRUN pip install numba>=0.57.1\n"},
        {"RL011"},
        {("RL011", "Dockerfile", 2)},
    ),
    (
        "rl011-quoted",
        {"Dockerfile": 'FROM python:3.12\nRUN pip install "numba>=0.57.1" 2>&1\n'},
        {"RL011"},
        set(),
    ),
    (
        "rl012-fires",
        {
            "Dockerfile": "FROM ubuntu:24.04\nRUN apt-get install -y python3-pip\n"
            "RUN pip3 install x\n"
        },
        {"RL012"},
        {("RL012", "Dockerfile", 3)},
    ),
    (
        "rl012-venv",
        {
            "Dockerfile": "FROM ubuntu:24.04\nRUN python3 -m venv /opt/venv\n"
            "ENV PATH=/opt/venv/bin:$PATH\nRUN pip install x\n"
        },
        {"RL012"},
        set(),
    ),
    (
        "rl001-fires",
        {"requirements.txt": "requests==2.0\nflask>=;;\n"},
        {"RL001"},
        {("RL001", "requirements.txt", 2)},
    ),
    (
        "rl001-quiet",
        {"requirements.txt": "requests>=2.0,<3; python_version<'3.8'\n"},
        {"RL001"},
        set(),
    ),
    (
        "rl002-command-line-only",
        {"requirements.txt": "--upgrade\nrequests==2.0\n"},
        {"RL002"},
        {("RL002", "requirements.txt", 1)},
    ),
    (
        "rl002-removed",
        {"requirements.txt": "requests==2.0 --global-option=--x\n"},
        {"RL002"},
        {("RL002", "requirements.txt", 1)},
    ),
    (
        "rl002-stray-words",
        {"requirements.txt": "--index-url https://m.example/simple requests\n"},
        {"RL002"},
        {("RL002", "requirements.txt", 1)},
    ),
    (
        "rl002-quiet",
        {"requirements.txt": "--pre\n--prefer-binary\nrequests==2.0\n"},
        {"RL002"},
        set(),
    ),
    (
        "rl003-missing-include",
        {"requirements.txt": "-r base.txt\n"},
        {"RL003"},
        {("RL003", "requirements.txt", 1)},
    ),
    (
        "rl003-quiet",
        {"requirements.txt": "-r base.txt\n", "base.txt": "six==1.16.0\n"},
        {"RL003"},
        set(),
    ),
    (
        "rl004-cycle",
        {"requirements.txt": "-r b.txt\n", "b.txt": "-r c.txt\n", "c.txt": "-r b.txt\n"},
        {"RL004"},
        {("RL004", "c.txt", 1)},
    ),
    (
        "rl005-no-section",
        {"pip.conf": "index-url = https://m.example/simple\n"},
        {"RL005"},
        {("RL005", "pip.conf", 1)},
    ),
    (
        "rl005-duplicate-key",
        {"pip.conf": "[global]\ntimeout = 60\ntimeout = 30\n"},
        {"RL005"},
        {("RL005", "pip.conf", 3)},
    ),
    ("rl005-quiet", {"pip.conf": "[global]\ntimeout = 60\n"}, {"RL005"}, set()),
    (
        "rl006-invalid-toml",
        {"pyproject.toml": "[tool.uv]\nindex-url = https://x\n"},
        {"RL006"},
        {("RL006", "pyproject.toml", 2)},
    ),
    (
        "rl009-invalid-yaml",
        {"environment.yml": "dependencies:\n  - pip:\n    - a\n   - b: [\n"},
        {"RL009"},
        {("RL009", "environment.yml", 4)},
    ),
    (
        "rl009-quiet",
        {"environment.yml": "dependencies:\n  - pip:\n    - six==1.16.0\n"},
        {"RL009"},
        set(),
    ),
    (
        "rl008-swallowed-line",
        {"requirements.txt": "requests==2.0  # http client \\\nurllib3==2.2.2\n"},
        {"RL008"},
        {("RL008", "requirements.txt", 1)},
    ),
    (
        "rl008-full-line-comment-is-fine",
        {"requirements.txt": "# a comment \\\nurllib3==2.2.2\n"},
        {"RL008"},
        set(),
    ),
    (
        "rl101-incident",
        {
            "requirements.txt": "--index-url=https://pypi.example.com/simple/\n"
            "--extra-index-url=https://pypi.python.org/simple/\nsix==1.16.0\n"
        },
        {"RL101"},
        {("RL101", "requirements.txt", 2)},
    ),
    (
        "rl101-extra-beside-default-pypi",
        {"requirements.txt": "--extra-index-url https://internal.example/simple\nsix==1.16.0\n"},
        {"RL101"},
        {("RL101", "requirements.txt", 1)},
    ),
    (
        "rl101-in-include",
        {
            "requirements.txt": "-i https://internal.example/simple\n-r base.txt\n",
            "base.txt": "--extra-index-url https://pypi.org/simple\nsix==1.16.0\n",
        },
        {"RL101"},
        {("RL101", "base.txt", 1)},
    ),
    (
        "rl101-pipconf",
        {
            "pip.conf": "[global]\nindex-url = https://internal.example/simple\n"
            "extra-index-url =\n    https://pypi.org/simple\n"
        },
        {"RL101"},
        {("RL101", "pip.conf", 4)},
    ),
    (
        "rl101-uv-unsafe-strategy",
        {"pyproject.toml": '[tool.uv]\nindex-strategy = "unsafe-best-match"\n'},
        {"RL101"},
        {("RL101", "pyproject.toml", 2)},
    ),
    (
        "rl101-uv-public-extra-asked-first",
        {
            "pyproject.toml": '[tool.uv]\nindex-url = "https://internal.example/simple"\n'
            'extra-index-url = ["https://pypi.org/simple"]\n'
        },
        {"RL101"},
        {("RL101", "pyproject.toml", 3)},
    ),
    (
        "rl101-uv-internal-extra-is-fine",
        {"pyproject.toml": '[tool.uv]\nextra-index-url = ["https://internal.example/simple"]\n'},
        {"RL101"},
        set(),
    ),
    (
        "rl101-poetry-supplemental",
        {
            "pyproject.toml": '[[tool.poetry.source]]\nname = "corp"\n'
            'url = "https://corp.example/simple"\npriority = "supplemental"\n'
        },
        {"RL101"},
        {("RL101", "pyproject.toml", 3)},
    ),
    (
        "rl101-poetry-primary-quiet",
        {
            "pyproject.toml": '[[tool.poetry.source]]\nname = "corp"\n'
            'url = "https://corp.example/simple"\npriority = "primary"\n'
        },
        {"RL101"},
        set(),
    ),
    (
        "rl101-pdm-source-merged-with-pypi",
        {
            "pyproject.toml": '[[tool.pdm.source]]\nname = "corp"\n'
            'url = "https://corp.example/simple"\n'
        },
        {"RL101"},
        {("RL101", "pyproject.toml", 3)},
    ),
    (
        "rl101-pdm-pypi-replaced-quiet",
        {
            "pyproject.toml": '[[tool.pdm.source]]\nname = "pypi"\n'
            'url = "https://corp.example/simple"\n'
        },
        {"RL101"},
        set(),
    ),
    (
        "rl101-quiet-single-index",
        {"requirements.txt": "--index-url https://internal.example/simple\nsix==1.16.0\n"},
        {"RL101"},
        set(),
    ),
    (
        "rl101-quiet-no-index",
        {"requirements.txt": "--no-index\n--extra-index-url https://x.example/simple\n"},
        {"RL101"},
        set(),
    ),
    (
        "rl102-http",
        {"requirements.txt": "-i http://pypi.example.com/simple\n-f http://127.0.0.1:8000/\n"},
        {"RL102"},
        {("RL102", "requirements.txt", 1)},
    ),
    (
        "rl103-trusted-host",
        {"requirements.txt": "--trusted-host pypi.example.com\n--trusted-host localhost\n"},
        {"RL103"},
        {("RL103", "requirements.txt", 1)},
    ),
    (
        "rl104-userinfo",
        {"requirements.txt": "-i https://deploy:s3cr3t@pypi.example.com/simple\n"},
        {"RL104"},
        {("RL104", "requirements.txt", 1)},
    ),
    (
        "rl104-gemfury-path",
        {"pip.conf": "[global]\nindex-url = https://pypi.fury.io/AbCdEf123456789012345xyz/acme/\n"},
        {"RL104"},
        {("RL104", "pip.conf", 2)},
    ),
    (
        "rl104-env-references-are-fine",
        {
            "requirements.txt": "-i https://${PYPI_USER}:${PYPI_PASSWORD}@pypi.example.com/simple\n"
            "--extra-index-url https://${TOKEN}@x.example.com/simple\n"
        },
        {"RL104"},
        set(),
    ),
    (
        "rl104-vcs-token",
        {
            "requirements.txt": "lib @ git+https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github"
            f".com/acme/lib.git@{SHA}\n"
        },
        {"RL104"},
        {("RL104", "requirements.txt", 1)},
    ),
    (
        "rl105-two-sources",
        {
            "pip.conf": "[global]\nindex-url = https://a.example/simple\n",
            "requirements.txt": "-i https://b.example/simple\n",
        },
        {"RL105"},
        {("RL105", "requirements.txt", 1)},
    ),
    (
        "rl105-same-value-is-fine",
        {
            "pip.conf": "[global]\nindex-url = https://a.example/simple/\n",
            "requirements.txt": "-i https://a.example/simple\n",
        },
        {"RL105"},
        set(),
    ),
    (
        "rl106-extra-before-index",
        {
            "requirements.txt": "--extra-index-url https://x.example/simple\n"
            "--index-url https://internal.example/simple\n"
        },
        {"RL106"},
        {("RL106", "requirements.txt", 1)},
    ),
    (
        "rl106-quiet",
        {
            "requirements.txt": "--index-url https://internal.example/simple\n"
            "--extra-index-url https://x.example/simple\n"
        },
        {"RL106"},
        set(),
    ),
    (
        "rl107-inline-comment",
        {"pip.conf": "[global]\nindex-url = https://m.example/simple  # EU mirror\n"},
        {"RL107"},
        {("RL107", "pip.conf", 2)},
    ),
    (
        "rl107-quiet",
        {"pip.conf": "[global]\n# EU mirror\nindex-url = https://m.example/simple\n"},
        {"RL107"},
        set(),
    ),
    (
        "rl108-misspelt-key",
        {"pip.conf": "[global]\nextra-index-urls = https://m.example/simple\n"},
        {"RL108"},
        {("RL108", "pip.conf", 2)},
    ),
    (
        "rl108-no-cache-dir-false",
        {"pip.conf": "[global]\nno-cache-dir = false\n"},
        {"RL108"},
        {("RL108", "pip.conf", 2)},
    ),
    (
        "rl108-quiet",
        {"pip.conf": "[global]\ndefault-timeout = 60\nno_cache_dir = true\n"},
        {"RL108"},
        set(),
    ),
    (
        "rl201-unpinned",
        {"requirements.txt": "requests\nsix==1.16.0\n"},
        {"RL201"},
        {("RL201", "requirements.txt", 1)},
    ),
    (
        "rl201-not-for-pyproject-deps",
        {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\ndependencies = ["requests"]\n'},
        {"RL201"},
        set(),
    ),
    (
        "rl201-rl202-not-for-pip-compile-inputs",
        {"requirements.in": "requests\ndjango>=4.2,<5\nnumpy==1.*\n"},
        {"RL201", "RL202", "RL203"},
        set(),
    ),
    (
        "rl202-range",
        {"requirements.txt": "django>=4.2,<5\nsix==1.16.0\n"},
        {"RL202"},
        {("RL202", "requirements.txt", 1)},
    ),
    (
        "rl203-wildcard",
        {"requirements.txt": "numpy==1.*\nsix==1.16.0\n"},
        {"RL203", "RL202"},
        {("RL203", "requirements.txt", 1)},
    ),
    (
        "rl204-branch",
        {
            "requirements.txt": "git+https://github.com/acme/lib.git@main#egg=lib\n"
            f"git+https://github.com/acme/other.git@{SHA}#egg=other\n"
        },
        {"RL204"},
        {("RL204", "requirements.txt", 1)},
    ),
    (
        "rl205-partial",
        {"requirements.txt": f"requests==2.32.3 --hash={H1}\nidna==3.7\n"},
        {"RL205"},
        {("RL205", "requirements.txt", 2)},
    ),
    (
        "rl205-quiet",
        {"requirements.txt": f"requests==2.32.3 --hash={H1}\nidna==3.7 --hash={H2}\n"},
        {"RL205"},
        set(),
    ),
    (
        "rl004-diamond-is-not-a-cycle",
        {
            "requirements.txt": "-r a.txt\n-r b.txt\n",
            "a.txt": "-r common.txt\n",
            "b.txt": "-r common.txt\n",
            "common.txt": "six==1.16.0\n",
        },
        {"RL004"},
        set(),
    ),
    (
        "rl006-quiet",
        {"pyproject.toml": '[tool.uv]\nindex-url = "https://m.example/simple"\n'},
        {"RL006"},
        set(),
    ),
    ("rl102-https-quiet", {"requirements.txt": "-i https://m.example/simple\n"}, {"RL102"}, set()),
    (
        "rl103-quiet",
        {"requirements.txt": "-i https://m.example/simple\nsix==1.16.0\n"},
        {"RL103"},
        set(),
    ),
    (
        "rl202-rl203-exact-pins-quiet",
        {"requirements.txt": "django==4.2.16\nlegacy===1.0-custom\nsix==1.16.0,!=1.15.0\n"},
        {"RL202", "RL203"},
        set(),
    ),
    (
        "rl204-full-hash-quiet",
        {"requirements.txt": f"lib @ git+https://github.com/acme/lib.git@{SHA}\n"},
        {"RL204"},
        set(),
    ),
    (
        "rl206-quiet",
        {"requirements.txt": "requests==2.32.3\nrequests-toolbelt==1.0.0\n"},
        {"RL206"},
        set(),
    ),
    (
        "rl206-duplicate",
        {"requirements.txt": "requests==2.32.3\nflask==3.0.3\nRequests==2.32.3\n"},
        {"RL206"},
        {("RL206", "requirements.txt", 3)},
    ),
    (
        "rl206-conflict-across-include",
        {"requirements.txt": "-r base.txt\nrequests==2.31.0\n", "base.txt": "requests==2.32.3\n"},
        {"RL206"},
        {("RL206", "requirements.txt", 2)},
    ),
    (
        "rl206-pin-repeated-from-an-include",
        {"requirements.txt": "-r base.txt\nrequests==2.32.3\n", "base.txt": "requests==2.32.3\n"},
        {"RL206"},
        {("RL206", "requirements.txt", 2)},
    ),
    (
        "rl206-siblings-same-pin-quiet",
        {
            "requirements.txt": "-r a.txt\n-r b.txt\n",
            "a.txt": "six==1.16.0\n",
            "b.txt": "six==1.16.0\n",
        },
        {"RL206"},
        set(),
    ),
    (
        "rl206-siblings-extras-only-add-quiet",
        {
            "requirements.txt": "-r a.txt\n-r b.txt\n",
            "a.txt": "psycopg[binary]==3.3.4\n",
            "b.txt": "psycopg==3.3.4\n",
        },
        {"RL206"},
        set(),
    ),
    (
        "rl206-siblings-conflict",
        {
            "requirements.txt": "-r a.txt\n-r b.txt\n",
            "a.txt": "six==1.16.0\n",
            "b.txt": "six>=1.17\n",
        },
        {"RL206"},
        {("RL206", "b.txt", 1)},
    ),
    (
        "rl206-unrelated-files-quiet",
        {
            "requirements/extras/redis.txt": "kombu[redis]\n",
            "requirements/extras/yaml.txt": "kombu[yaml]\n",
        },
        {"RL206"},
        set(),
    ),
    (
        "rl206-tox-env-combines-files",
        {
            "tox.ini": "[testenv]\ndeps =\n  -r{toxinidir}/a.txt\n  -rb.txt\n",
            "a.txt": "six==1.16.0\n",
            "b.txt": "six==1.15.0\n",
        },
        {"RL206"},
        {("RL206", "b.txt", 1)},
    ),
    (
        # otel-contrib: `a: -r a.txt` and `b: -r b.txt` never share an env (trial 5: 373
        # false conflicts); a file every env installs still meets each factor's file
        "rl206-tox-factor-conditional-files-are-separate-installs",
        {
            "tox.ini": "[testenv]\ndeps =\n  a: -r a.txt\n  b: -r{toxinidir}/b.txt\n"
            "  -r common.txt\n",
            "a.txt": "wrapt==1.16.0\nsix==1.16.0\n",
            "b.txt": "wrapt==1.17.3\n",
            "common.txt": "six==1.15.0\n",
        },
        {"RL206"},
        {("RL206", "common.txt", 1)},
    ),
    (
        # unsloth: `!=4.0.*` excludes releases, it is part of a range (trial 5)
        "rl203-an-exclusion-is-not-a-wildcard",
        {"requirements.txt": "datasets!=4.0.*,!=4.1.0,<4.4.0,>=3.4.1\nfuro==2024.*\n"},
        {"RL203"},
        {("RL203", "requirements.txt", 2)},
    ),
    (
        "rl206-compatible-ranges-in-one-file",
        {"requirements.txt": "torch >=2.1, <3\ntorch>=2.2\n"},
        {"RL206"},
        {("RL206", "requirements.txt", 2)},
    ),
    (
        "rl201-rl202-setup-py-metadata",
        {
            "setup.py": "from setuptools import setup\n"
            "setup(install_requires=parse_requirements('requirements/runtime.txt'))\n",
            "requirements/runtime.txt": "numpy>=1.20\nscipy\n",
            "requirements/dev.txt": "pytest\n",
        },
        {"RL201", "RL202"},
        {("RL201", "requirements/dev.txt", 1)},
    ),
    (
        "rl201-setup-py-folder-of-extras",
        {
            "setup.py": "import setuptools\ndef reqs(*f):\n    return open(os.path.join("
            "'requirements', *f)).readlines()\n"
            "setuptools.setup(install_requires=reqs('default.txt'), extras_require="
            "{x: reqs('extras', x + '.txt') for x in EXTRAS})\n",
            "requirements/default.txt": "kombu\n",
            "requirements/extras/redis.txt": "kombu[redis]\n",
            "requirements/deploy.txt": "gunicorn\n",  # read by no setup.py: judged
        },
        {"RL201"},
        {("RL201", "requirements/deploy.txt", 1)},
    ),
    (
        "rl201-pbr-metadata",
        {
            "setup.py": "import setuptools\nsetuptools.setup(setup_requires=['pbr'], pbr=True)\n",
            "requirements.txt": "oslo.config>=6\n",
            "test-requirements.txt": "stestr\n",
            "deploy/requirements.txt": "gunicorn\n",  # pbr reads no such file: judged
        },
        {"RL201", "RL202"},
        {("RL201", "deploy/requirements.txt", 1)},
    ),
    (
        "rl202-setup-cfg-file-directive",
        {
            "setup.cfg": "[options]\ninstall_requires = file: requirements.txt\n"
            "[options.extras_require]\ntest = file: requirements-test.txt\n",
            "requirements.txt": "attrs>=22\n",
            "requirements-test.txt": "pytest>=8\n",
        },
        {"RL202"},
        set(),
    ),
    (
        "rl202-setuptools-dynamic",
        {
            "pyproject.toml": "[project]\nname = 'x'\ndynamic = ['dependencies', "
            "'optional-dependencies']\n[tool.setuptools.dynamic]\n"
            "dependencies = {file = ['requirements.txt']}\n"
            "optional-dependencies.dev = {file = 'requirements-dev.txt'}\n",
            "requirements.txt": "attrs>=22\n",
            "requirements-dev.txt": "pytest>=8\n",
        },
        {"RL202"},
        set(),
    ),
    (
        "rl202-hatch-requirements-txt",
        {
            "pyproject.toml": "[tool.hatch.metadata.hooks.requirements_txt]\n"
            "files = ['requirements.txt']\n"
            "[tool.hatch.metadata.hooks.requirements_txt.optional-dependencies]\n"
            "dev = ['requirements-dev.txt']\n",
            "requirements.txt": "attrs>=22\n",
            "requirements-dev.txt": "pytest>=8\n",
            "requirements-ci.txt": "tox>=4\n",
        },
        {"RL202"},
        {("RL202", "requirements-ci.txt", 1)},
    ),
    (
        # hatch-requirements-txt's old key, still read (gradio)
        "rl201-hatch-requirements-txt-filename",
        {
            "pyproject.toml": "[project]\nname = 'x'\ndynamic = ['dependencies']\n"
            "[tool.hatch.metadata.hooks.requirements_txt]\nfilename = 'requirements.txt'\n",
            "requirements.txt": "packaging\n",
            "requirements-ci.txt": "tox\n",
        },
        {"RL201"},
        {("RL201", "requirements-ci.txt", 1)},
    ),
    (
        # the hook with neither key reads requirements.txt, when dependencies are dynamic
        "rl201-hatch-requirements-txt-default-file",
        {
            "pyproject.toml": "[project]\nname = 'x'\ndynamic = ['dependencies']\n"
            "[tool.hatch.metadata.hooks.requirements_txt]\n",
            "requirements.txt": "packaging\n",
            "other/pyproject.toml": "[project]\nname = 'y'\ndependencies = []\n"
            "[tool.hatch.metadata.hooks.requirements_txt]\n",
            "other/requirements.txt": "packaging\n",
        },
        {"RL201"},
        {("RL201", "other/requirements.txt", 1)},
    ),
    (
        "rl201-constrained-by-c-in-an-includer",
        {
            "requirements.txt": "-c constraints.txt\n-r base.txt\n",
            "base.txt": "requests\nidna\n",
            "constraints.txt": "requests==2.32.3\n",
        },
        {"RL201"},
        {("RL201", "base.txt", 2)},
    ),
    (
        "rl201-constrained-by-tox-deps",
        {
            "tox.ini": "[testenv]\ndeps =\n  -c{toxinidir}/upper-constraints.txt\n"
            "  -r{toxinidir}/requirements.txt\n",
            "requirements.txt": "requests\nidna>=3\n",
            "upper-constraints.txt": "requests==2.32.3\nidna==3.7\n",
        },
        {"RL201", "RL202"},
        set(),
    ),
    (
        "rl202-constrained-by-remote-tox-constraints",
        {
            "tox.ini": "[testenv]\nconstraints =\n  {env:TOX_CONSTRAINTS_FILE:https://c.example/u}"
            "\ndeps = -r{toxinidir}/test-requirements.txt\n[testenv:docs]\n"
            "deps = -r{toxinidir}/doc/requirements.txt\n",
            "test-requirements.txt": "stestr>=1\n",
            "doc/requirements.txt": "sphinx>=2\n",
        },
        {"RL202"},
        set(),
    ),
    (
        "rl202-constraints-file-caps-quiet",
        {"requirements/constraints.txt": "setuptools<82\n"},
        {"RL202"},
        set(),
    ),
    (
        "rl201-constraints-file-beside",
        {
            "global-requirements.txt": "requests\nidna\n",
            "upper-constraints.txt": "requests==2.32.3\n",
        },
        {"RL201"},
        {("RL201", "global-requirements.txt", 2)},
    ),
    (
        "rl201-setup-py-package-folders-are-not-requirements",
        {
            "setup.py": "from setuptools import setup, find_packages\n"
            "setup(name='x', packages=find_packages(exclude=['test']), "
            "install_requires=['requests'])\n",
            "test/requirements.txt": "requests\n",
        },
        {"RL201"},
        {("RL201", "test/requirements.txt", 1)},
    ),
    (
        "rl201-setup-py-copies-a-file-it-does-not-read",
        {
            "setup.py": "COPY = {'requirements.txt': 'pkg/data.txt'}\nsetup(name='x')\n",
            "requirements.txt": "requests\n",
        },
        {"RL201"},
        {("RL201", "requirements.txt", 1)},
    ),
    (
        "rl201-setup-py-path-read-text",
        {
            "setup.py": "from setuptools import setup\nfrom pathlib import Path\n"
            "setup(install_requires=Path('requirements.txt').read_text().splitlines())\n",
            "requirements.txt": "requests\n",
        },
        {"RL201"},
        set(),
    ),
    (
        "rl201-rl203-files-only-compile-inputs-include",
        {
            "requirements.in": "-r base-requirements.txt\n",
            "base-requirements.txt": "requests\n-r more.txt\n",
            "more.txt": "pyopenssl==25.*\n",
        },
        {"RL201", "RL203"},
        set(),
    ),
    (
        "rl201-a-file-also-installed-directly-is-judged",
        {
            "requirements.in": "-r base.txt\n",
            "dev-requirements.txt": "-r base.txt\n",
            "base.txt": "requests\n",
        },
        {"RL201"},
        {("RL201", "base.txt", 1)},
    ),
    (
        "rl206-markers-are-alternatives",
        {
            "requirements.txt": "numpy==1.24.4; python_version<'3.9'\n"
            "numpy==2.0.1; python_version>='3.9'\n"
        },
        {"RL206"},
        set(),
    ),
]


def _lint(
    tmp_path: Path,
    files: dict[str, str],
    machine: MachineContext | None = None,
) -> set[tuple[str, str, int]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    os.chdir(tmp_path)
    project = load_project(candidates(sorted(files)), machine=machine)
    outcome = engine.run(project)
    return {(d.code, d.location.path, d.location.line) for d in outcome.diagnostics}


@pytest.mark.parametrize(
    ("files", "codes", "expected"), [pytest.param(f, c, e, id=i) for i, f, c, e in CASES]
)
def test_rule_table(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    codes: set[str],
    expected: set[tuple[str, str, int]],
) -> None:
    monkeypatch.chdir(tmp_path)
    found = _lint(tmp_path, files)
    assert {f for f in found if f[0] in codes} == expected


def test_every_rule_has_a_firing_case() -> None:
    offline = {r.meta.code for r in RULES if not r.meta.network}
    fired = {code for _, _, _, expected in CASES for code, _, _ in expected}
    # RL007 and RL109 need the environment: tested below.  RL010 is judged after the
    # other rules ran (unused suppressions): tests/test_adoption.py.  RL110 and RL111 need
    # this machine's disk inspected: tests/test_network_machine.py.
    assert offline - fired - {"RL007", "RL109", "RL010", "RL110", "RL111"} == set()


def _machine(tmp_path: Path, environ: dict[str, str]) -> MachineContext:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
        **environ,
    }
    return MachineContext(env, str(home), str(tmp_path / "prefix"))


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({}, {("RL007", "requirements.txt", 1)}, id="undefined"),
        pytest.param({"TOKEN": ""}, {("RL007", "requirements.txt", 1)}, id="empty"),
        pytest.param({"TOKEN": "t0k3n"}, set(), id="defined"),
    ],
)
def test_rl007_undefined_variable(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
    expected: set[tuple[str, str, int]],
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {"requirements.txt": "-i https://${TOKEN}@m.example/simple\nsix==1.16.0\n"}
    found = _lint(tmp_path, files, _machine(tmp_path, environ))
    assert {f for f in found if f[0] == "RL007"} == expected
    # check mode never reads the environment: nothing to report.
    assert {f for f in _lint(tmp_path, files) if f[0] == "RL007"} == set()


def test_rl108_unknown_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    machine = _machine(
        tmp_path,
        {
            "PIP_EXTRA_INDEX_URLS": "https://m.example/simple",
            "PIP_NO_CACHE_DIR": "false",
            "PIP_TIMEOUT": "60",
        },
    )
    found = _lint(tmp_path, {"requirements.txt": "six==1.16.0\n"}, machine)
    assert {f for f in found if f[0] == "RL108"} == {
        ("RL108", "env:PIP_EXTRA_INDEX_URLS", 0),
        ("RL108", "env:PIP_NO_CACHE_DIR", 0),
    }


def test_rl109_pip_only_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    machine = _machine(tmp_path, {"PIP_INDEX_URL": "https://m.example/simple"})
    files = {"pyproject.toml": '[tool.uv]\nindex-strategy = "first-index"\n'}
    found = _lint(tmp_path, files, machine)
    assert {f for f in found if f[0] == "RL109"} == {("RL109", "env:PIP_INDEX_URL", 0)}
    machine = _machine(
        tmp_path,
        {
            "PIP_INDEX_URL": "https://m.example/simple",
            "UV_DEFAULT_INDEX": "https://m.example/simple",
        },
    )
    assert {f for f in _lint(tmp_path, files, machine) if f[0] == "RL109"} == set()


def test_rl101_environment_extra_beside_config_primary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    machine = _machine(tmp_path, {"PIP_EXTRA_INDEX_URL": "https://pypi.org/simple"})
    found = _lint(tmp_path, {"requirements.txt": "-i https://internal.example/simple\n"}, machine)
    assert ("RL101", "env:PIP_EXTRA_INDEX_URL", 0) not in found  # the -i line drops it...
    assert ("RL106", "env:PIP_EXTRA_INDEX_URL", 0) in found  # ...which RL106 says


def test_suppression_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        "requirements.txt": "requests  # reqlint: ignore[RL201]\nflask  # noqa: RL201\n"
        "idna  # noqa: RL202\nsix  # noqa\n"
    }
    found = _lint(tmp_path, files)
    assert {f for f in found if f[0] == "RL201"} == {("RL201", "requirements.txt", 3)}


def test_credentials_never_in_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "-i https://deploy:s3cr3t@pypi.example.com/simple\n"
        "--extra-index-url http://__token__:pypi-AgEIcHlwaS5vcmc123456@pypi.org/simple\n"
    )
    project = load_project(candidates(["requirements.txt"]))
    outcome = engine.run(project)
    assert outcome.diagnostics
    for diag in outcome.diagnostics:
        assert "s3cr3t" not in diag.message
        assert "pypi-AgEIcHlwaS5vcmc123456" not in diag.message


def test_rl105_unrelated_requirements_files_never_meet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        "app/requirements.txt": "-i https://a.example/simple\n",
        "tools/requirements.txt": "-i https://b.example/simple\n",
    }
    assert {f for f in _lint(tmp_path, files) if f[0] == "RL105"} == set()
    files["pip.conf"] = "[global]\nindex-url = https://a.example/simple\n"
    assert {f for f in _lint(tmp_path, files) if f[0] == "RL105"} == {
        ("RL105", "tools/requirements.txt", 1)
    }


def test_rl101_names_internal_hosts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text(
        "--extra-index-url https://pypi.acme.example/simple\n"
    )
    project = load_project(candidates(["requirements.txt"]), internal_hosts=["pypi.acme.example"])
    (diag,) = [d for d in engine.run(project).diagnostics if d.code == "RL101"]
    assert (
        "extra index https://pypi.acme.example/simple (internal) beside primary index "
        "https://pypi.org/simple (the public index, pip's default)" in diag.message
    )
    # The private index beside the public primary: removing it is never offered.
    assert diag.fix is None
    assert "no safe fix" in diag.message


def test_rl105_two_repository_pip_confs_never_meet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        "docker/pip.conf": "[global]\nindex-url = https://a.example/simple\n",
        "ci/pip.conf": "[global]\nindex-url = https://b.example/simple\n",
    }
    assert {f for f in _lint(tmp_path, files) if f[0] == "RL105"} == set()
    files["requirements.txt"] = "-i https://a.example/simple\n"
    assert {f for f in _lint(tmp_path, files) if f[0] == "RL105"} == {
        ("RL105", "requirements.txt", 1)
    }


def test_rl109_uv_lock_marks_a_uv_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    machine = _machine(tmp_path, {"PIP_INDEX_URL": "https://m.example/simple"})
    files = {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n'}
    assert {f for f in _lint(tmp_path, files, machine) if f[0] == "RL109"} == set()
    files["uv.lock"] = "version = 1\n"
    assert {f for f in _lint(tmp_path, files, machine) if f[0] == "RL109"} == {
        ("RL109", "env:PIP_INDEX_URL", 0)
    }
    del files["uv.lock"]
    (tmp_path / "uv.lock").unlink()
    files["pyproject.toml"] += "\n[tool.uv]\ndev-dependencies = []\n"
    assert {f for f in _lint(tmp_path, files, machine) if f[0] == "RL109"} == {
        ("RL109", "env:PIP_INDEX_URL", 0)
    }


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"requirements.txt": "psycopg[binary]==3.3.4\npsycopg==3.3.4\n"},
            "psycopg==3.3.4 is already required as psycopg[binary]==3.3.4 at requirements.txt:1, "
            "with every extra this line names: the line adds nothing",
        ),
        (
            {"requirements.txt": "psycopg==3.3.4\npsycopg[binary]==3.3.4\n"},
            "psycopg[binary]==3.3.4 is also required as psycopg==3.3.4 at requirements.txt:1: pip "
            "installs one version that satisfies both (with every extra); merge them into one line",
        ),
        (
            {"requirements.txt": "kombu[yaml]\nkombu[msgpack]\n"},
            "kombu[msgpack] is also required as kombu[yaml] at requirements.txt:1: "
            "pip installs one version that satisfies both (with every extra); "
            "merge them into one line",
        ),
        (
            # no extras on either line: none to speak of (trial 18)
            {"requirements.txt": "six>=1.0\nsix>=1.16\n"},
            "six>=1.16 is also required as six>=1.0 at requirements.txt:1: pip installs one "
            "version that satisfies both; merge them into one line",
        ),
        (
            # securedrop's develop-requirements.in: the first line's spelling is quoted
            {"requirements.txt": "Jinja2>=3.1.3\njinja2>=3.1.3\n"},
            "jinja2>=3.1.3 is already required as Jinja2>=3.1.3 at requirements.txt:1",
        ),
        (
            {"requirements.txt": "torch >=2.1.0, <2.10.0\ntorch==2.0.1\n"},
            "torch==2.0.1 conflicts with torch >=2.1.0, <2.10.0 at requirements.txt:1: no version "
            "satisfies both, so pip will refuse to install",
        ),
        (
            {
                "requirements.txt": "-r a.txt\n-r b.txt\n",
                "a.txt": "six==1.16.0\n",
                "b.txt": "six<1.16\n",
            },
            "six<1.16 conflicts with six==1.16.0 at a.txt:1 "
            "(both installed by requirements.txt): no version satisfies both, "
            "so pip will refuse to install",
        ),
        (
            {
                "requirements.txt": "-r base.txt\nrequests==2.32.3\n",
                "base.txt": "requests==2.32.3\n",
            },
            "requests==2.32.3 is already required at base.txt:1, which this install includes",
        ),
    ],
)
def test_rl206_says_what_pip_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    project = load_project(candidates(sorted(files)))
    messages = [d.message for d in engine.run(project).diagnostics if d.code == "RL206"]
    assert messages == [expected]


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("==1.0", "==1.0.0", True),
        ("==1.0", "==1.1", False),
        (">=2.1,<3", ">=2.2", True),
        (">1,<2", ">1.5,<3", True),
        (">=2", "<1", False),
        ("", "==1", True),
        ("~=1.4", "<1.4", False),
        ("==1.*", ">=1.9", True),
        ("!=1.0", "==1.0", False),
    ],
)
def test_rl206_compatible(a: str, b: str, ok: bool) -> None:
    from reqlint.rules.rl206_duplicate_requirement import compatible

    assert compatible(a, b) is ok


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        pytest.param("env", {("RL201", "requirements.txt", 2)}, id="PIP_CONSTRAINT"),
        pytest.param("conf", {("RL201", "requirements.txt", 2)}, id="pip.conf constraint"),
        pytest.param(
            "none",
            {("RL201", "requirements.txt", 1), ("RL201", "requirements.txt", 2)},
            id="check mode reads neither",
        ),
    ],
)
def test_machine_wide_constraints_pin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variant: str,
    expected: set[tuple[str, str, int]],
) -> None:
    monkeypatch.chdir(tmp_path)
    pins = tmp_path / "pins" / "constraints.txt"
    pins.parent.mkdir()
    pins.write_text("requests==2.32.3\n", encoding="utf-8")
    environ = {"PIP_CONSTRAINT": str(pins)} if variant == "env" else {}
    machine = _machine(tmp_path, environ) if variant != "none" else None
    if variant == "conf":
        conf = tmp_path / "home" / ".config" / "pip" / "pip.conf"
        conf.parent.mkdir(parents=True)
        conf.write_text(f"[install]\nconstraint = {pins}\n", encoding="utf-8")
    found = _lint(tmp_path, {"requirements.txt": "requests\nidna\n"}, machine)
    assert {f for f in found if f[0] == "RL201"} == expected


def test_uv_constraint_dependencies_pin_pyproject_dependencies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "app"\nversion = "1"\ndependencies = ["requests", "idna"]\n'
        '[tool.uv]\nconstraint-dependencies = ["requests==2.32.3", "idna>=3"]\n'
        "[tool.reqlint]\npin-pyproject = true\n",
        encoding="utf-8",
    )
    project = load_project(candidates(["pyproject.toml"]), pin_pyproject=True)
    found = {d.message.split()[0] for d in engine.run(project).diagnostics if d.code == "RL201"}
    assert found == {"idna"}


@pytest.mark.parametrize(("pinned", "severity"), [(19, "info"), (9, "info"), (8, "warning")])
def test_rl201_a_name_left_out_of_a_nearly_complete_constraints_file_is_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned: int, severity: str
) -> None:
    """openstack's global-requirements.txt: upper-constraints.txt beside it pins all but a
    few names, left out on purpose (its own projects, pip, wheel).  Nearly every name (90 %)
    pinned there: the rest is info, naming the file; fewer: the usual warning."""
    names = [f"pkg{i}" for i in range(pinned)]
    files = {
        "global-requirements.txt": "".join(f"{n}\n" for n in [*names, "leftout"]),
        "upper-constraints.txt": "".join(f"{n}==1.0\n" for n in names),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    outcome = engine.run(load_project(candidates(sorted(files))))
    found = [d for d in outcome.diagnostics if d.code == "RL201"]
    assert [(d.location.line, d.severity.value) for d in found] == [(pinned + 1, severity)]
    assert ("upper-constraints.txt, which pins nearly every" in found[0].message) is (
        severity == "info"
    )
