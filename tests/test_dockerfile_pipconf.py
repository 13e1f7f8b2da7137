"""A pip config file written by a Dockerfile is a pip config source at that line: a table
of RUN/COPY instructions and the settings they write (section, key, value, and the exact
characters of the Dockerfile the value is read from), plus instructions that write none.
pip's own config parser is the referee for what the written file holds."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from reqlint.discovery import candidates
from reqlint.engine import run
from reqlint.loader import load_project
from reqlint.model import SourceKind
from reqlint.sources import parse as parse_text
from reqlint.text import TextFile

HEAD = "FROM python:3.12\n"

# Dockerfile body -> [(section, key, value)] of the written config, in order.  Each value's
# span must cover exactly the characters it is read from (for an escape such as \n inside
# an echo the value itself has none).
CASES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "echo-with-newline-escapes": (
        'RUN echo "[global]\\nextra-index-url=https://pypi.corp.example/simple" > /etc/pip.conf\n',
        [("global", "extra-index-url", "https://pypi.corp.example/simple")],
    ),
    "echo-e-two-keys": (
        "RUN echo -e '[global]\\nindex-url = https://m.example/simple\\n"
        "trusted-host = m.example' > /etc/pip.conf\n",
        [
            ("global", "index-url", "https://m.example/simple"),
            ("global", "trusted-host", "m.example"),
        ],
    ),
    "printf-with-an-argument": (
        "RUN printf '[global]\\nextra-index-url = %s\\n' https://p.corp.example/simple "
        "> /etc/pip.conf\n",
        [("global", "extra-index-url", "https://p.corp.example/simple")],
    ),
    "cat-heredoc-in-run": (
        "RUN cat > /etc/pip.conf <<EOF\n[global]\nextra-index-url =\n"
        "    https://h1.corp.example/simple\n    https://h2.corp.example/simple\nEOF\n",
        [
            ("global", "extra-index-url", "https://h1.corp.example/simple"),
            ("global", "extra-index-url", "https://h2.corp.example/simple"),
        ],
    ),
    "heredoc-script-writes-the-file": (
        "RUN <<EOT\nset -e\nmkdir -p /root/.config/pip\n"
        "cat <<'CONF' > /root/.config/pip/pip.conf\n[install]\n"
        "extra-index-url = https://s.corp.example/simple\nCONF\npip install foo\nEOT\n",
        [("install", "extra-index-url", "https://s.corp.example/simple")],
    ),
    "copy-heredoc": (
        "COPY <<EOF /etc/pip.conf\n[global]\nindex-url = https://c.corp.example/simple\nEOF\n",
        [("global", "index-url", "https://c.corp.example/simple")],
    ),
    "tee-pipeline-and-append": (
        'RUN echo "[global]" | tee /etc/pip.conf && '
        'echo "extra-index-url = https://t.corp.example/simple" | tee -a /etc/pip.conf\n',
        [("global", "extra-index-url", "https://t.corp.example/simple")],
    ),
    "append-redirect": (
        'RUN echo "extra-index-url = https://a.corp.example/simple" >> /etc/pip.conf\n',
        [("global", "extra-index-url", "https://a.corp.example/simple")],
    ),
    "pip-config-set": (
        "RUN pip config set global.extra-index-url https://cfg.corp.example/simple && "
        "python -m pip config --global set install.trusted-host cfg.corp.example\n",
        [
            ("global", "extra-index-url", "https://cfg.corp.example/simple"),
            ("install", "trusted-host", "cfg.corp.example"),
        ],
    ),
    "two-heredocs-in-one-run": (
        "RUN cat > /etc/pip.conf <<A && cat > /root/.pip/pip.conf <<B\n[global]\n"
        "index-url = https://one.corp.example/simple\nA\n[global]\n"
        "extra-index-url = https://two.corp.example/simple\nB\nRUN echo done\n",
        [
            ("global", "index-url", "https://one.corp.example/simple"),
            ("global", "extra-index-url", "https://two.corp.example/simple"),
        ],
    ),
    "heredoc-without-terminator": (
        "RUN cat > /etc/pip.conf <<EOF\n[global]\nindex-url = https://u.corp.example/simple",
        [("global", "index-url", "https://u.corp.example/simple")],
    ),
    "echo-with-newlines-inside-the-quotes": (
        # ansible's bootstrap.sh: the quoted text spans lines, the command goes on after it
        'RUN <<EOT\necho "# generated\n[global]\nextra-index-url = https://q.corp.example/simple/\n'
        'prefer-binary = yes\n" > /etc/pip.conf\npip install x\nEOT\n',
        [
            ("global", "extra-index-url", "https://q.corp.example/simple/"),
            ("global", "prefer-binary", "yes"),
        ],
    ),
    "continued-run": (
        "RUN mkdir -p /etc/xdg/pip && \\\n    printf '[global]\\nindex-url=%s\\n' \\\n"
        "      https://k.corp.example/simple > /etc/xdg/pip/pip.conf\n",
        [("global", "index-url", "https://k.corp.example/simple")],
    ),
}

NO_OPS: dict[str, str] = {
    "echo-into-another-file": 'RUN echo "[global]\\nindex-url=https://x.example/s" > /etc/x.cfg\n',
    "no-section-header": 'RUN echo "index-url=https://x.example/s" > /etc/pip.conf\n',
    "cat-of-a-file": "RUN cat /tmp/pip.conf > /etc/pip.conf\n",
    "pip-config-get": "RUN pip config get global.index-url\n",
    "copy-a-file": "COPY pip.conf /etc/pip.conf\n",
}


def settings_of(body: str) -> tuple[TextFile, list[tuple[str, str, str, str]]]:
    tf = TextFile.from_text("Dockerfile", HEAD + body)
    found = []
    for st in parse_text(SourceKind.DOCKERFILE, tf).settings:
        if "written_to" not in st.attrs:
            continue  # a pip command's own options
        span = st.location.span
        assert span is not None
        found.append((st.section, st.key, st.value, tf.text[span.start : span.end]))
        assert st.removal == ()
        assert "by hand" in st.remedy
    return tf, found


@pytest.mark.parametrize("name", CASES)
def test_written_settings(name: str) -> None:
    body, expected = CASES[name]
    _tf, found = settings_of(body)
    assert [f[:3] for f in found] == expected
    for _section, _key, value, written in found:
        assert written == value  # the span is exactly the value's characters


@pytest.mark.parametrize("name", NO_OPS)
def test_nothing_written(name: str) -> None:
    assert settings_of(NO_OPS[name])[1] == []


def test_heredoc_agrees_with_configparser() -> None:
    """What reqlint reads from a heredoc is what pip's RawConfigParser reads from it."""
    conf = (
        "[global]\nindex-url = https://m.example/simple\nextra-index-url =\n"
        "    https://a.example/simple\n    https://b.example/simple\n"
        "# a comment\n[install]\ntrusted-host = a.example\n"
    )
    parser = configparser.RawConfigParser()
    parser.read_string(conf)
    expected = [
        (section, key, item)
        for section in parser.sections()
        for key, value in parser.items(section)
        for item in value.split()
    ]
    _tf, found = settings_of(f"RUN cat > /etc/pip.conf <<'EOF'\n{conf}EOF\n")
    assert [f[:3] for f in found] == expected


def test_rl101_at_the_written_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dockerfile = (
        HEAD + 'RUN echo "[global]\\nextra-index-url=https://pypi.corp.example/simple"'
        " > /etc/pip.conf\nRUN pip install -r requirements.txt\n"
    )
    (tmp_path / "Dockerfile").write_text(dockerfile)
    monkeypatch.chdir(tmp_path)
    (diag,) = [d for d in run(load_project(candidates(["."]))).diagnostics if d.code == "RL101"]
    assert diag.location.path == "Dockerfile"
    assert diag.location.line == 2
    span = diag.location.span
    assert span is not None
    assert dockerfile[span.start : span.end] == "https://pypi.corp.example/simple"
    assert diag.location.route == "RUN (line 2) → /etc/pip.conf → global → extra-index-url"
    # A private index beside pip's default: no fix, and the remedy, not "edit by hand".
    assert diag.fix is None
    assert "no safe fix" in diag.message


def test_run_heredoc_script_commands_are_read() -> None:
    tf = TextFile.from_text(
        "Dockerfile",
        HEAD + "RUN <<EOT\nset -e\n"
        "pip install --extra-index-url https://e.corp.example/simple foo\n"
        "EOT\nRUN echo done\n",
    )
    (setting,) = parse_text(SourceKind.DOCKERFILE, tf).settings
    span = setting.location.span
    assert span is not None
    assert tf.text[span.start : span.end] == "--extra-index-url https://e.corp.example/simple"
    assert setting.location.line == 4
