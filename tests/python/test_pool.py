# SPDX-License-Identifier: MIT
"""Engine.evaluate_many's thread pool and Engine.close(): order of results
and errors for every thread count, a failing source, early exit, closing an
engine while calls are in flight, and error text without control characters."""

import itertools
import json
import os
import pathlib
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import rung

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BASE = json.loads((EXAMPLES / "close.json").read_text())
# Distinct cases (their as_of differs), so a result in the wrong place shows.
CASES = [dict(BASE, as_of=f"2026-12-{i % 28 + 1:02d}") for i in range(100)]


@pytest.fixture(scope="module")
def engine():
    return rung.Engine(EXAMPLES / "framework.json")


@pytest.fixture(scope="module")
def expected(engine):
    return [engine.evaluate(c) for c in CASES]


@pytest.mark.parametrize("threads", [1, 2, 3, 8])
@pytest.mark.parametrize("bad", [0, 31, 32, 40, len(CASES) - 1])
def test_results_and_the_first_error_come_in_input_order(engine, expected, threads, bad):
    cases = list(CASES)
    cases[bad] = b"{"  # parse_error
    if bad + 5 < len(cases):
        cases[bad + 5] = b"[]"  # a later type_error must not win
    got = []
    with pytest.raises(rung.InputError) as e:
        for report in engine.evaluate_many(cases, threads=threads):
            got.append(report)
    assert e.value.code == "parse_error"
    assert got == expected[:bad]


@pytest.mark.parametrize("threads", [1, 2, 4])
@pytest.mark.parametrize("taken", [0, 31, 100])
def test_a_failing_source_yields_what_it_gave_then_its_exception(engine, expected, threads, taken):
    boom = LookupError("the source broke")

    def source():
        yield from CASES[:taken]
        raise boom

    got = []
    with pytest.raises(LookupError) as e:
        for report in engine.evaluate_many(source(), threads=threads):
            got.append(report)
    assert e.value is boom
    assert got == expected[:taken]


@pytest.mark.parametrize("threads", [2, 4])
def test_breaking_out_early_stops_the_pool_and_reads_a_bounded_window(engine, threads):
    before = threading.active_count()
    pulled = 0

    def endless():
        nonlocal pulled
        for case in itertools.cycle(CASES):
            pulled += 1
            yield case

    results = engine.evaluate_many(endless(), threads=threads)
    start = time.monotonic()
    for i, _ in enumerate(results):
        # At most ~2 chunks of 32 per thread in flight, plus the one filling.
        assert pulled <= (2 * threads + 1) * 32
        if i == 10:
            break
    results.close()
    assert time.monotonic() - start < 30
    assert threading.active_count() == before  # the pool's threads are gone


def test_errors_return_keeps_every_place(engine, expected):
    cases = list(CASES)
    for i in (0, 33, 64, 99):
        cases[i] = b"{"
    for threads in (1, 3):
        out = list(engine.evaluate_many(cases, threads=threads, errors="return"))
        assert len(out) == len(cases)
        for i, r in enumerate(out):
            if i in (0, 33, 64, 99):
                assert isinstance(r, rung.InputError) and r.code == "parse_error"
            else:
                assert r == expected[i]


CLOSE_RACE = textwrap.dedent("""
    import json, sys, threading, time
    import rung

    base = json.load(open(sys.argv[1]))
    cases = [dict(base, as_of=f"2026-12-{i % 28 + 1:02d}") for i in range(3000)]
    for round in range(6):
        engine = rung.Engine()
        expected = [engine.evaluate(c) for c in cases[:28]]
        got, errors, first = [], [], threading.Event()

        def many():
            try:
                for report in engine.evaluate_many(cases, threads=4):
                    got.append(report)
                    first.set()
            except rung.RungError as e:
                errors.append(e)
            first.set()

        def single():
            try:
                while True:
                    assert engine.evaluate(cases[5]) == expected[5]
            except rung.RungError as e:
                errors.append(e)

        workers = [threading.Thread(target=many), threading.Thread(target=single)]
        for t in workers:
            t.start()
        first.wait(60)
        time.sleep(0.001 * round)
        engine.close()
        for t in workers:
            t.join(120)
            assert not t.is_alive()
        # Every report before the close is right; then only "closed" errors.
        assert all(r == expected[i % 28] for i, r in enumerate(got)), "a wrong report"
        assert errors, "the loop of single() ends only by the closed error"
        for e in errors:
            assert (e.code, e.message) == ("invalid_argument", "the engine is closed"), e
        try:
            engine.evaluate(cases[0])
            raise AssertionError("evaluate after close() did not raise")
        except rung.RungError as e:
            assert e.code == "invalid_argument" and "closed" in str(e)
        engine.close()  # twice is fine
    print("ok")
""")


def test_close_while_calls_are_in_flight_never_crashes():
    # In a subprocess: a use-after-free would kill the test runner.
    out = subprocess.run([sys.executable, "-c", CLOSE_RACE, str(EXAMPLES / "close.json")],
                         capture_output=True, text=True, timeout=300, env=os.environ)
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert out.stdout.strip() == "ok"


def test_a_closed_engine_refuses_evaluate_many():
    e = rung.Engine()
    e.close()
    with pytest.raises(rung.RungError) as err:
        list(e.evaluate_many(CASES[:3], threads=2))
    assert (err.value.code, err.value.message) == ("invalid_argument", "the engine is closed")


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_del_of_a_failed_or_closed_engine_is_quiet():
    import gc
    with pytest.raises(rung.InputError):
        rung.Engine(b"{")
    e = rung.Engine()
    e.close()
    del e
    with rung.Engine() as e2:
        e2.evaluate(CASES[0])
    del e2
    gc.collect()


def test_error_text_escapes_control_characters(engine):
    # The library escapes control characters in messages and cuts echoed
    # values to 64 characters; a JSON Pointer keeps the key as it is, so
    # str() escapes what is left.
    case = {"schema": "rung.case/1", "as_of": "2026-11-23",
            "employee": {"id": "e", "level": "\u001b[31mX\u0007" + "y" * 100}}
    with pytest.raises(rung.InputError) as e:
        engine.evaluate(case)
    assert e.value.code == "unknown_reference"
    assert e.value.message == 'unknown level "\\u001b[31mX\\u0007' + "y" * 57 + '..."'
    assert e.value.path == "/employee/level"
    assert json.loads(e.value.raw)["message"] == e.value.message

    framework = json.loads((EXAMPLES / "framework.json").read_text())
    framework["policy"] = {"\u001b]0;owned\u0007": 1}
    with pytest.raises(rung.InputError) as e:
        rung.Engine(framework)
    assert e.value.code == "unknown_field"
    assert e.value.path == "/policy/\u001b]0;owned\u0007"  # the fields keep what the library gave
    text = str(e.value)
    assert not any(ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f for ch in text), repr(text)
    assert "\\x1b]0;owned\\x07" in text


def test_documents_from_1_kb_to_16_mib_in_any_order(engine):
    # Regression: after a few cases over 20 KB, every later large case on a
    # thread failed with `internal: out of memory`.
    def with_evidence(n):
        c = json.loads(json.dumps(BASE))
        c["evidence"] += [{"id": f"x-{i}", "title": "An item", "date": "2026-06-01", "competencies": ["design"],
                           "visibility": "decision_makers"} for i in range(n)]
        return json.dumps(c, separators=(",", ":")).encode()

    small = with_evidence(0)
    exact = small[:-1] + b" " * (16 * 1024 * 1024 - len(small)) + b"}"
    docs = [with_evidence(n) for n in (0, 140, 1000, 20000, 60000)] * 4 + [exact, exact]
    import random
    random.Random(3).shuffle(docs)
    reports = list(engine.evaluate_many(docs, threads=2, raw=True))
    assert len(reports) == len(docs)
    assert all(r.startswith(b'{"schema":"rung.report/1"') for r in reports)
