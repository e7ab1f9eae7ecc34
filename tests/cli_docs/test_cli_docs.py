# SPDX-License-Identifier: MIT
"""The command line's own documentation against the binary (RUNG_CLI): its
help shows every default, and the man page (docs/rung.1) and the bash
completion (scripts/completion/rung.bash) cover every command, option and
option value that `rung --help` and `rung COMMAND --help` list. A new
option without documentation or completion fails here."""

import os
import pathlib
import re
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
MAN = REPO / "docs" / "rung.1"
COMPLETION = REPO / "scripts" / "completion" / "rung.bash"


def run(*args: str) -> str:
    r = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, (args, r.stderr)
    return r.stdout


def sections(help_text: str) -> dict:
    """CLI11's help, by section ("Options", "Positionals", "Subcommands"):
    one (head, description) pair an entry."""
    out: dict = {}
    current = None
    for line in help_text.splitlines():
        if re.match(r"^[A-Z][a-z]+:$", line):
            current = out.setdefault(line[:-1], [])
        elif current is not None and re.match(r"^  \S", line):
            head, _, desc = line.strip().partition("  ")
            current.append([head, desc.strip()])
        elif current is not None and line.startswith("   ") and current:
            current[-1][1] = (current[-1][1] + " " + line.strip()).strip()
    return out


class Entry:
    """One option or positional of a help text."""

    def __init__(self, head: str, desc: str) -> None:
        spec, _, kind = head.partition(" ")
        self.names = spec.split(",")
        self.kind = kind  # "", "TEXT", "TEXT:{a,b}=a", "UINT:UINT in [1 - 1024]", "TEXT REQUIRED"
        self.desc = desc
        values = re.search(r"\{([^}]*)\}", kind)
        self.values = values.group(1).split(",") if values else []
        default = re.search(r"=(\S+)$", kind)
        self.default = default.group(1) if default else None
        self.required = kind.endswith("REQUIRED")

    @property
    def long(self) -> str:
        return [n for n in self.names if n.startswith("--")][0]


def commands() -> list:
    return [head for head, _ in sections(run("--help"))["Subcommands"]]


def options(command: str) -> list:
    return [Entry(*x) for x in sections(run(command, "--help")).get("Options", [])]


def positionals(command: str) -> list:
    return [Entry(*x) for x in sections(run(command, "--help")).get("Positionals", [])]


def top_options() -> list:
    return [Entry(*x) for x in sections(run("--help"))["Options"]]


#: Every command `rung --help` lists: the tests below cover each, new ones too.
COMMANDS = commands()


def test_the_help_parser_sees_the_commands_and_options():
    # Guards the tests below against a help format they would misread.
    assert {"evaluate", "batch", "summarize", "check-framework"} <= set(commands())
    batch = {e.long: e for e in options("batch")}
    assert batch["--window-mib"].default == "64"
    assert batch["--audience"].values == ["full", "employee", "manager", "committee"]
    assert [n for e in top_options() for n in e.names] == ["-h", "--help", "-V", "--version"]


# --- the help texts ----------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_every_optional_value_shows_its_default(command):
    for e in options(command) + positionals(command):
        if not e.kind or e.required:  # a flag, or nothing to default
            continue
        assert e.default is not None or "(default: " in e.desc, (command, e.names, e.desc)


def test_the_defaults_shown_are_the_documented_ones():
    # docs/rung.1 and README.md: who a report is for, the batch's window,
    # the team view's format, standard input.
    def of(command, name):
        return {e.names[0]: e for e in options(command) + positionals(command)}[name]

    assert of("evaluate", "--audience").default == "full"
    assert of("batch", "--audience").default == "full"
    assert of("batch", "--window-mib").default == "64"
    assert of("batch", "input").default == "-"
    assert of("summarize", "--format").default == "text"
    assert of("summarize", "input").default == "-"
    assert "(default: the hardware threads)" in of("batch", "--threads").desc
    assert "(default: text on a terminal, else json)" in of("evaluate", "--format").desc


# --- the man page ------------------------------------------------------------

def plain(roff: str) -> str:
    """Roff source as the words a reader sees (fonts and escapes removed)."""
    text = re.sub(r"^\.(B|I|BR|RB|BI|IB|IR|RI)\s+", "", roff, flags=re.M)
    text = text.replace("\\-", "-").replace("\\(lq", "\"").replace("\\(rq", "\"").replace("\\&", "")
    return text.replace('"', "")


def man_sections() -> dict:
    src = MAN.read_text()
    parts = re.split(r"^\.SH\s+", src, flags=re.M)
    return {p.split("\n", 1)[0].strip('"'): p.split("\n", 1)[1] for p in parts[1:]}


def tagged(block: str) -> list:
    """The .TP paragraphs of a block: (tag, body) in plain words."""
    out = []
    for para in re.split(r"^\.TP\s*$", block, flags=re.M)[1:]:
        lines = para.strip("\n").split("\n")
        body = re.split(r"^\.(?:TP|SS|SH|PP)\b", "\n".join(lines[1:]), flags=re.M)[0]
        out.append((plain(lines[0]), " ".join(plain(body).split())))
    return out


def option_entries(command: str) -> list:
    """The OPTIONS entries that apply to a command: its .SS subsections
    (named after one or more commands: "evaluate and batch") and General."""
    block = man_sections()["OPTIONS"]
    out = []
    for sub in re.split(r"^\.SS\s+", block, flags=re.M)[1:]:
        title, _, body = sub.partition("\n")
        names = [t.strip() for t in plain(title.strip('"')).split(" and ")]
        if command in names or "General" in names:
            out += tagged(body)
    return out


def test_the_man_page_renders_without_warnings():
    groff = shutil.which("groff")
    assert groff, "groff (groff-base) is missing: scripts/install-deps installs it"
    r = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", "-rCHECKSTYLE=3", str(MAN)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    text = subprocess.run([groff, "-man", "-Tutf8", "-P-cbou", str(MAN)], capture_output=True, text=True,
                          timeout=60).stdout
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
        assert re.search(rf"^{heading}$", text, flags=re.M), heading


def test_the_man_page_names_this_version():
    th = re.search(r'^\.TH RUNG 1 \S+ "([^"]+)"', MAN.read_text(), flags=re.M)
    assert th and th.group(1) + "\n" == run("--version")


def test_the_man_page_documents_every_command():
    documented = [tag for tag, _ in tagged(man_sections()["COMMANDS"])]
    synopsis = plain(man_sections()["SYNOPSIS"])
    for command in commands():
        assert command in documented, f"COMMANDS has no entry for {command}"
        assert f"rung {command}" in synopsis, f"SYNOPSIS has no line for {command}"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_man_page_documents_every_option(command):
    synopsis = plain(man_sections()["SYNOPSIS"])
    line = synopsis[synopsis.index(f"rung {command}"):].split(".br")[0]
    entries = option_entries(command)
    for e in options(command):
        if e.long == "--help":
            continue
        assert e.long in line, f"SYNOPSIS of {command} lacks {e.long}"
        bodies = [body for tag, body in entries if re.search(rf"(^|[ ,]){re.escape(e.long)}\b", tag)]
        assert bodies, f"OPTIONS has no entry for {command} {e.long}"
        body = bodies[0]
        for value in e.values:
            assert re.search(rf"\b{re.escape(value)}\b", body), f"{command} {e.long}: value {value} undocumented"
        if e.default is not None:
            assert f"Default: {e.default}" in body, f"{command} {e.long}: default {e.default} undocumented"


def test_the_man_page_documents_the_general_options():
    tags = " ".join(tag for tag, _ in option_entries("General"))
    for e in top_options():
        for name in e.names:
            assert name in tags, name


def test_the_man_page_documents_every_exit_status():
    statuses = [tag for tag, _ in tagged(man_sections()["EXIT STATUS"])]
    assert statuses == ["0", "1", "2", "128 + N"]


# --- bash completion -----------------------------------------------------------

def complete(*words: str, cwd: pathlib.Path = REPO) -> list:
    """What _rung offers for `rung WORDS...` (the last word is the one
    being completed)."""
    script = (f"source {str(COMPLETION)!r} || exit 3\n"
              "complete -p rung >/dev/null || exit 4\n"
              'COMP_WORDS=(rung "$@"); COMP_CWORD=$#; _rung\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c", script, "bash", *words], capture_output=True,
                       text=True, cwd=cwd, timeout=60)
    assert r.returncode == 0, r.stderr
    return [x for x in r.stdout.split("\n") if x]


def test_completion_offers_every_command_and_top_option():
    expected = set(commands()) | {n for e in top_options() for n in e.names}
    assert set(complete("")) == expected
    assert complete("check") == ["check-framework"]


@pytest.mark.parametrize("command", COMMANDS)
def test_completion_offers_every_option_of_a_command(command):
    expected = {n for e in options(command) for n in e.names}
    assert set(complete(command, "-")) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_completion_offers_the_values_of_an_option(command):
    for e in options(command):
        if e.values:
            assert complete(command, e.long, "") == e.values, (command, e.long)
            assert complete(command, e.long, "=", "") == e.values, (command, e.long, "=")
            assert complete(command, e.long, e.values[-1][:2]) == [v for v in e.values
                                                                   if v.startswith(e.values[-1][:2])]
        elif e.kind and "TEXT" not in e.kind:  # a number: nothing sensible to offer, and no file names
            assert complete(command, e.long, "") == [], (command, e.long)


def test_completion_offers_files_where_a_file_goes(tmp_path):
    (tmp_path / "case-a.json").write_text("{}")
    (tmp_path / "case-b.json").write_text("{}")
    (tmp_path / "team").mkdir()
    assert complete("evaluate", "ca", cwd=tmp_path) == ["case-a.json", "case-b.json"]
    assert complete("batch", "--threads", "2", "te", cwd=tmp_path) == ["team"]
    assert complete("evaluate", "--framework", "case-b", cwd=tmp_path) == ["case-b.json"]
    assert complete("check-framework", "case-a", cwd=tmp_path) == ["case-a.json"]
