# SPDX-License-Identifier: MIT
"""The command line's input and output at scale and when the system says no
(docs/robustness.md): large and mixed-size batches, full disks, closed and
broken streams, directories, over-limit lines, signals. Only spawns the
`rung` binary (RUNG_CLI), so ctest runs it under the sanitizers too."""

import fcntl
import json
import os
import pathlib
import random
import signal
import subprocess
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
MIB16 = 16 * 1024 * 1024
SUBCOMMANDS = {
    "evaluate": ["evaluate", str(EXAMPLES / "close.json")],
    "evaluate-html": ["evaluate", "--format", "html", str(EXAMPLES / "close.json")],
    "batch": ["batch", "--no-progress", str(EXAMPLES / "close.json")],
    "check-framework": ["check-framework", str(EXAMPLES / "framework.json")],
    "check-framework-json": ["check-framework", "--format", "json", str(EXAMPLES / "framework.json")],
    "summarize": ["summarize", "-"],  # no reports: still a team view to write
    "summarize-html": ["summarize", "--format", "html", "-"],
    "schema": ["schema", "report/2"],
    "summarize-json": ["summarize", "--format", "json", "-"],
    "help": ["--help"],
    "version": ["--version"],
}


def one_line(case: dict) -> bytes:
    return json.dumps(case, separators=(",", ":")).encode()


@pytest.fixture(scope="module")
def close_case() -> dict:
    return json.loads((EXAMPLES / "close.json").read_text())


def large(case: dict, items: int) -> bytes:
    """The example case with `items` more evidence items (140: about 22 KB)."""
    big = json.loads(json.dumps(case))
    big["evidence"] += [{"id": f"x-{i}", "title": f"Item {i} with a longer title for size", "date": "2026-06-01",
                         "competencies": ["design", "delivery"], "visibility": "decision_makers"}
                        for i in range(items)]
    return one_line(big)


def batch(stdin: bytes, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "batch", "--no-progress", *args, "-"], input=stdin, capture_output=True,
                          timeout=300, **kw)


def lines(out: bytes) -> list:
    assert out.endswith(b"\n") or not out
    return [json.loads(x) for x in out.split(b"\n")[:-1]]


@pytest.mark.parametrize("threads", ["1", "2"])
def test_batch_of_large_cases_writes_every_report(close_case, threads):
    # Regression: 40 cases of 22 KB wrote 18 reports, then std::bad_alloc
    # (one thread) or SIGABRT (two): the parser's arena grew without end.
    doc = large(close_case, 140)
    assert 20_000 < len(doc) < 25_000
    r = batch(doc + b"\n" * 1 + b"\n".join([doc] * 39) + b"\n", "--threads", threads)
    assert r.returncode == 0, r.stderr
    reports = lines(r.stdout)
    assert len(reports) == 40
    assert all(x["schema"] == "rung.report/1" and x["verdict"] == "close" for x in reports)
    assert b"40 cases (ready 0, close 40," in r.stderr


def test_batch_mixed_sizes_from_1_kb_to_16_mib_in_any_order(close_case):
    small = one_line(close_case)
    sizes = [large(close_case, n) for n in (0, 140, 2000, 20000)]
    exact = small[:-1] + b" " * (MIB16 - len(small)) + b"}"  # exactly 16 MiB
    docs = sizes * 3 + [exact]
    random.Random(7).shuffle(docs)
    r = batch(b"\n".join(docs) + b"\n", "--threads", "2")
    assert r.returncode == 0, r.stderr[-500:]
    reports = lines(r.stdout)
    assert len(reports) == len(docs)
    assert all(x["schema"] == "rung.report/1" for x in reports)


def test_crlf_lines_and_the_16_mib_limit(close_case):
    small = one_line(close_case)
    exact = small[:-1] + b" " * (MIB16 - len(small)) + b"}"
    over = exact[:-1] + b" }"
    blank_over = b" " * (MIB16 + 10)
    stdin = b"\r\n".join([small, exact, over, blank_over, small]) + b"\n" + over  # the last line has no newline
    r = batch(stdin)
    assert r.returncode == 1, r.stderr  # two lines are input errors
    out = lines(r.stdout)
    # Regression: an exactly-16 MiB document on a CRLF line was rejected.
    assert [x["schema"] for x in out] == ["rung.report/1", "rung.report/1", "rung.error/1", "rung.report/1",
                                          "rung.error/1"]
    for x, line in ((out[2], 3), (out[4], 6)):  # the blank line 4 is skipped but counted
        assert x == {"schema": "rung.error/1", "document": "case", "code": "limit_exceeded", "path": "",
                     "message": f"the document has {MIB16 + 1} bytes, more than 16 MiB", "line": line}


def over_limit_run(mib: int):
    """`rung batch` on a case, a line of `mib` MiB streamed in, a case; the
    output and the child's peak RSS in KiB."""
    doc = (EXAMPLES / "close.json").read_bytes().replace(b"\n", b" ")
    script = (f"import resource, subprocess, sys\n"
              f"p = subprocess.Popen([{CLI!r}, 'batch', '--no-progress', '-'], stdin=subprocess.PIPE,"
              f" stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
              f"p.stdin.write({doc!r} + b'\\n{{')\n"
              f"for _ in range({mib}): p.stdin.write(b'x' * (1 << 20))\n"
              f"p.stdin.write(b'}}\\n' + {doc!r} + b'\\n'); p.stdin.close()\n"
              f"sys.stdout.buffer.write(p.stdout.read()); p.wait()\n"
              f"sys.stderr.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n")
    # Under AddressSanitizer freed memory waits in a quarantine: keep it small.
    env = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=8")
    r = subprocess.run(["/usr/bin/python3", "-c", script], capture_output=True, timeout=300, env=env)
    return lines(r.stdout), int(r.stderr)


def test_an_over_limit_line_is_answered_and_never_held():
    # 300 MiB on one line, streamed: limit_exceeded for it, reports around
    # it, and the peak memory grows by far less than the line's size over
    # the same run with a line of 1 MiB (the sanitizers' overhead cancels).
    got, peak_kib = over_limit_run(300)
    assert [x["schema"] for x in got] == ["rung.report/1", "rung.error/1", "rung.report/1"]
    assert got[1]["code"] == "limit_exceeded" and got[1]["line"] == 2
    assert got[1]["message"] == f"the document has {300 * (1 << 20) + 2} bytes, more than 16 MiB"
    _, small_kib = over_limit_run(1)
    assert peak_kib - small_kib < 150 * 1024, f"peak RSS {peak_kib} KiB for a 300 MiB line, {small_kib} for 1 MiB"


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_a_full_disk_is_an_error(name):
    with open("/dev/full", "wb") as full:
        r = subprocess.run([CLI, *SUBCOMMANDS[name]], stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
                           timeout=60)
    assert r.returncode == 2
    assert b"No space left on device" in r.stderr
    if name == "batch":
        assert b"rung batch: 0 cases" in r.stderr  # never counts what it did not write


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_a_closed_stdout_is_an_error(name):
    r = subprocess.run([CLI, *SUBCOMMANDS[name]], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
                       pass_fds=(), preexec_fn=lambda: os.close(1))
    assert r.returncode == 2
    assert b"Bad file descriptor" in r.stderr


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_a_broken_pipe_with_sigpipe_ignored_is_an_error(name, close_case):
    args = SUBCOMMANDS[name]
    stdin = None
    if name == "batch":  # enough output to overflow the pipe's buffer
        args = ["batch", "--no-progress", "-"]
        stdin = b"\n".join([one_line(close_case)] * 2000) + b"\n"
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with EPIPE
    try:
        r = subprocess.run([CLI, *args], input=stdin, stdin=None if stdin else subprocess.DEVNULL, stdout=write,
                           stderr=subprocess.PIPE, timeout=60,
                           preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
    finally:
        os.close(write)
    assert r.returncode == 2
    assert b"Broken pipe" in r.stderr
    if name == "batch":
        assert b"rung batch: 0 cases" in r.stderr


def test_batch_counts_only_what_was_written(close_case, tmp_path):
    # A reader that takes about 2 MB of reports and leaves: the summary
    # counts no more reports than the reader got plus what the pipe's own
    # buffer had accepted (reports are all of one size here).
    doc = one_line(close_case)
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([doc] * 5000) + b"\n")
    read, write = os.pipe()
    pipe_bytes = fcntl.fcntl(read, fcntl.F_GETPIPE_SZ)
    p = subprocess.Popen([CLI, "batch", "--no-progress", "--threads", "2", str(src)], stdout=write,
                         stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
    os.close(write)
    got = b""
    while len(got) < 2_000_000:
        chunk = os.read(read, 1 << 16)
        if not chunk:
            break
        got += chunk
    os.close(read)
    err = p.stderr.read()
    assert p.wait(timeout=120) == 2
    assert b"Broken pipe" in err
    report_bytes = len(got.split(b"\n")[0]) + 1
    counted = int(err.split(b"rung batch: ")[1].split(b" cases")[0])
    assert 0 < counted <= (len(got) + pipe_bytes) // report_bytes < 5000


def test_directories_and_closed_stdin_are_io_errors(tmp_path):
    for args in (["summarize", str(tmp_path)], ["batch", str(tmp_path)], ["evaluate", str(tmp_path)],
                 ["evaluate", "--framework", str(tmp_path), str(EXAMPLES / "close.json")]):
        r = subprocess.run([CLI, *args], capture_output=True, timeout=60)
        assert r.returncode == 2, args
        assert b"Is a directory" in r.stderr, (args, r.stderr)
        assert r.stdout == b""
    for args in (["summarize"], ["summarize", "-"], ["batch", "-"], ["evaluate", "-"]):
        r = subprocess.run([CLI, *args], capture_output=True, timeout=60, preexec_fn=lambda: os.close(0))
        assert r.returncode == 2, args
        assert b"standard input: Bad file descriptor" in r.stderr, (args, r.stderr)
    r = subprocess.run([CLI, "evaluate", "missing.json"], capture_output=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and b"cannot read case missing.json: No such file or directory" in r.stderr


def test_both_documents_from_stdin_is_a_usage_error():
    for args in (["evaluate", "--framework", "-", "-"], ["batch", "--framework", "-", "-"]):
        r = subprocess.run([CLI, *args], input=b"{}", capture_output=True, timeout=60)
        assert r.returncode == 2
        assert b"cannot both come from standard input" in r.stderr


def test_many_threads_are_clamped_not_started(close_case):
    doc = one_line(close_case)
    r = batch(b"\n".join([doc] * 200) + b"\n", "--threads", "1024")
    assert r.returncode == 0
    assert len(lines(r.stdout)) == 200
    assert b"more than this machine can use; using " in r.stderr
    # Beyond 1024 the value is refused as a usage error, before any thread starts.
    r = batch(doc + b"\n", "--threads", "100000")
    assert r.returncode == 2 and r.stdout == b""
    assert b"--threads" in r.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_batch_after_whole_lines(close_case, sig):
    # Cases sent one at a time: each report comes back before the next case
    # is sent (rung streams), then a signal ends the batch with every line
    # written whole and the status 128 + the signal.
    doc = one_line(close_case)
    p = subprocess.Popen([CLI, "batch", "--no-progress", "--threads", "2", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(5):
            p.stdin.write(doc + b"\n")
            p.stdin.flush()
            assert json.loads(p.stdout.readline())["verdict"] == "close"
        p.stdin.write(doc + b"\n" + doc[:100])  # a case in flight and half a line
        p.stdin.flush()
        time.sleep(0.5)
        p.send_signal(sig)
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 128 + sig
    assert out.endswith(b"\n") and len(lines(out)) == 1
    assert b"6 cases" in err and b"stopped by a signal" in err
