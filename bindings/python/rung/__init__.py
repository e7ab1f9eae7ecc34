"""rung: is this person ready to be promoted, and if not, what is missing,
by when can it close, and what should the next 1:1 cover?

    import rung
    engine = rung.Engine.from_file("examples/framework.json")
    report = engine.evaluate_file("examples/close.json")    # a rung.Report (TypedDict)
    report["verdict"], report["timeline"]["target_cycle"]

A document is a dict (dates may be datetime.date), JSON text (str or bytes)
or a file as a pathlib.Path; a str is never a path. Errors in a document
raise rung.InputError (a ValueError) with .code, .path and .message.
`rung` and `python -m rung` run the command line (docs/rung.1).
"""

from __future__ import annotations

import ctypes
import datetime
import itertools
import json
import os
import re
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Iterable, Iterator, Literal, Mapping, Union, overload

from . import _capi
from ._capi import RungBuf, lib
from ._types import *  # noqa: F401,F403  (the report's TypedDicts and Literals)
from ._types import Audience, Report, __all__ as _types_all
from ._version import __version__

__all__ = ["Engine", "RungError", "InputError", "UsageError", "version", "__version__", "Document", "batch_lines",
           "AUDIENCES", *_types_all]

#: Who a report is for (docs/privacy.md); anything but "full" needs a
#: rung.framework/2 framework.
AUDIENCES = ("full", "employee", "manager", "committee")

#: A framework or case document: a dict (or any mapping; datetime.date
#: values become "YYYY-MM-DD"), JSON text as str or bytes, or a file as an
#: os.PathLike (pathlib.Path). A str is always JSON text, never a path.
Document = Union[Mapping[str, Any], str, bytes, os.PathLike]

# C0, DEL and C1 control characters: a message may echo them from a document
# (a key in a path, a value), and a terminal would act on them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class RungError(Exception):
    """A failed call. `code` is the SPEC's code name ("invalid_date", ...;
    "invalid_argument" or "internal" for what no document causes), `path`
    the JSON Pointer to the offending value, `document` "framework", "case"
    or ""."""

    def __init__(self, code: str, path: str, message: str, document: str = "", raw: bytes = b"") -> None:
        # str(e) escapes control characters; .path and .message keep them.
        super().__init__(_printable(f"{code} at '{path}': {message}" if document else f"{code}: {message}"))
        self.code = code
        self.path = path
        self.message = message
        self.document = document
        #: The `rung.error/1` document as the library wrote it (one line).
        self.raw = raw

    def to_dict(self) -> dict[str, Any]:
        """The `rung.error/1` document."""
        return {"schema": "rung.error/1", "document": self.document, "code": self.code, "path": self.path,
                "message": self.message}


class UsageError(RungError, ValueError):
    """A call the library refuses whatever the documents (an audience a
    rung.framework/1 engine cannot show, an unknown option): also a
    ValueError."""


class InputError(RungError, ValueError):
    """A framework or case document is wrong (docs/rules.md): also a
    ValueError."""


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return lib.rung_version().decode()


def _raise_error(err: ctypes.c_void_p) -> None:
    """Turns an owned rung_error* into an exception, freeing it."""
    try:
        code = lib.rung_error_code_name(err).decode()
        path = lib.rung_error_path(err).decode("utf-8", "replace")
        message = lib.rung_error_message(err).decode("utf-8", "replace")
        document = lib.rung_error_document(err).decode()
        numeric = lib.rung_error_code(err)
        raw = lib.rung_error_json(err)
    finally:
        lib.rung_error_free(err)
    cls = UsageError if numeric == _capi.RUNG_E_ARGUMENT else RungError if numeric == _capi.RUNG_E_INTERNAL else InputError
    raise cls(code, path, message, document, raw)


def _json_value(value: Any) -> Any:
    """json.dumps's fallback: a datetime.date is a date of the documents."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{value!r} is a datetime: rung's dates are days, pass {value.date()!r} (value.date())")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a JSON value: {value!r}")


def _as_bytes(doc: Document) -> bytes:
    """A document's bytes: a mapping is serialized, str and bytes are JSON
    text, an os.PathLike is a file to read."""
    if isinstance(doc, Mapping):
        return json.dumps(doc, ensure_ascii=False, default=_json_value).encode()
    if isinstance(doc, (bytes, bytearray, memoryview)):
        return bytes(doc)
    if isinstance(doc, str):
        if not doc.lstrip().startswith("{"):
            # A document is a JSON object: this str is no document, and most
            # likely a path given as str.
            raise TypeError(f"a str is JSON text, and {_printable(doc[:80])!r} is not a JSON object; "
                            "for a file, pass a pathlib.Path or use Engine.from_file / Engine.evaluate_file")
        return doc.encode()
    if isinstance(doc, os.PathLike):
        with open(doc, "rb") as f:
            return f.read()
    raise TypeError(f"expected a dict, JSON text (str or bytes) or a pathlib.Path, got {type(doc).__name__}")


class Engine:
    """A framework, parsed and indexed once. Immutable and thread-safe:
    evaluate cases from as many threads as you like."""

    def __init__(self, framework: Document | None = None) -> None:
        """`framework` as a dict, JSON text (str or bytes) or a
        pathlib.Path; None for the example framework built into the
        library."""
        # rung_engine_free needs "no call may be using it": calls count
        # themselves in _busy under _cond, and close() waits for 0.
        self._cond = threading.Condition(threading.Lock())
        self._busy = 0
        self._options: dict[str, ctypes.c_void_p] = {}  # one options object an audience, made when first asked
        self._handle: ctypes.c_void_p | None = ctypes.c_void_p()
        if framework is None:
            n = ctypes.c_size_t()
            ptr = lib.rung_example_framework(ctypes.byref(n))
            data = ctypes.string_at(ptr, n.value)
        else:
            data = _as_bytes(framework)
        err = ctypes.c_void_p()
        if lib.rung_engine_new(ctypes.byref(self._handle), data, len(data), ctypes.byref(err)) != _capi.RUNG_OK:
            _raise_error(err)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> "Engine":
        """The engine of a framework file."""
        with open(path, "rb") as f:
            return cls(f.read())

    def close(self) -> None:
        """Frees the engine now (also done when it is garbage-collected).
        Calls in flight on other threads finish first; later calls raise
        RungError("invalid_argument")."""
        self._close(wait=True)

    def _close(self, wait: bool) -> None:
        cond = getattr(self, "_cond", None)
        if cond is None:  # __init__ failed before the handle existed
            return
        with cond:
            handle, self._handle = self._handle, None  # no new calls from here on
            if wait:
                cond.wait_for(lambda: self._busy == 0)
            elif self._busy:
                return  # cannot happen (a call holds a reference); leak rather than crash
        if handle:
            lib.rung_engine_free(handle)
        for options in self._options.values():
            lib.rung_options_free(options)
        self._options = {}

    def __del__(self) -> None:
        # Unreachable, so no call is in flight; never block or raise here.
        try:
            self._close(wait=False)
        except Exception:
            pass

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _options_for(self, audience: str) -> ctypes.c_void_p | None:
        """The options object of an audience (None: the defaults); call
        under self._cond."""
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        if audience == "full":
            return None
        options = self._options.get(audience)
        if options is None:
            options, err = ctypes.c_void_p(), ctypes.c_void_p()
            if lib.rung_options_new(ctypes.byref(options), ctypes.byref(err)) != _capi.RUNG_OK:
                _raise_error(err)
            if lib.rung_options_set(options, b"audience", audience.encode(), ctypes.byref(err)) != _capi.RUNG_OK:
                lib.rung_options_free(options)
                _raise_error(err)
            self._options[audience] = options
        return options

    def _evaluate(self, data: bytes, fmt: int, audience: str = "full") -> bytes:
        with self._cond:
            handle = self._handle
            if not handle:
                raise RungError("invalid_argument", "", "the engine is closed")
            options = self._options_for(audience)
            self._busy += 1
        out = RungBuf()
        err = ctypes.c_void_p()
        try:
            # ctypes releases the GIL for the call: threads evaluate in parallel.
            rc = lib.rung_evaluate_with(ctypes.byref(out), handle, data, len(data), fmt, options, ctypes.byref(err))
        finally:
            with self._cond:
                self._busy -= 1
                if not self._busy:
                    self._cond.notify_all()
        if rc != 0:
            _raise_error(err)
        try:
            return ctypes.string_at(out.data, out.size)
        finally:
            lib.rung_buf_dispose(ctypes.byref(out))

    @overload
    def evaluate(self, case: Document, *, raw: Literal[False] = False, pretty: bool = False,
                 format: Literal["json"] = "json", audience: Audience = "full") -> Report: ...

    @overload
    def evaluate(self, case: Document, *, raw: Literal[True], pretty: bool = False,
                 format: Literal["json"] = "json", audience: Audience = "full") -> bytes: ...

    @overload
    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False,
                 format: Literal["text", "markdown", "html", "ics"], audience: Audience = "full") -> str: ...

    @overload
    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False, format: str = "json",
                 audience: Audience = "full") -> Report | bytes | str: ...

    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False, format: str = "json",
                 audience: Audience = "full") -> Any:
        """The report of one case as a dict (a rung.Report), or its JSON bytes untouched
        with `raw=True` (one line, or indented as `rung evaluate` prints it
        with `pretty=True`). With `format` "text", "markdown", "html" or
        "ics", the document as a str, the same bytes as
        `rung evaluate --format FORMAT`. `audience`: who the report is for
        (AUDIENCES; ValueError for another, UsageError — a ValueError — when
        a rung.framework/1 engine is asked for more than "full"). Raises
        InputError for a bad case."""
        if format != "json":
            if format not in _capi.FORMATS:
                raise ValueError(f"unknown format {format!r}")
            return self._evaluate(_as_bytes(case), _capi.FORMATS[format], audience).decode()
        report = self._evaluate(_as_bytes(case), _capi.RUNG_FORMAT_JSON_PRETTY if pretty else _capi.RUNG_FORMAT_JSON,
                                audience)
        return report if raw else json.loads(report)

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: Literal[False] = False, pretty: bool = False,
                      format: Literal["json"] = "json", audience: Audience = "full") -> Report: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: Literal[True], pretty: bool = False,
                      format: Literal["json"] = "json", audience: Audience = "full") -> bytes: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: Literal["text", "markdown", "html", "ics"], audience: Audience = "full") -> str: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: str = "json", audience: Audience = "full") -> Report | bytes | str: ...

    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: str = "json", audience: Audience = "full") -> Any:
        """evaluate() on a case file (a str or a pathlib.Path)."""
        with open(path, "rb") as f:
            case = f.read()
        return self.evaluate(case, raw=raw, pretty=pretty, format=format, audience=audience)

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise"] = "raise", raw: Literal[False] = False,
                      audience: Audience = "full") -> Iterator[Report]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise"] = "raise", raw: Literal[True],
                      audience: Audience = "full") -> Iterator[bytes]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["return"], raw: Literal[False] = False,
                      audience: Audience = "full") -> Iterator[Report | InputError]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["return"], raw: Literal[True],
                      audience: Audience = "full") -> Iterator[bytes | InputError]: ...

    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise", "return"] = "raise", raw: bool = False,
                      audience: Audience = "full") -> Iterator[Any]:
        """Evaluates cases on `threads` threads (default: the CPU count),
        yielding results in input order. A bad case raises its InputError
        (`errors="raise"`) or is yielded in its place (`errors="return"`).
        Exceptions come in input order too: the results before a bad case,
        or before `cases` itself raised, are all yielded first."""
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        workers = threads or os.cpu_count() or 1

        def one(case: Document) -> Any:
            try:
                return self.evaluate(case, raw=raw, audience=audience)
            except InputError as e:
                if errors == "raise":
                    raise
                return e

        if workers == 1:
            yield from map(one, cases)
            return

        def chunk(items: list) -> tuple[list, Exception | None]:
            # Stops at the first exception and returns it beside the results
            # before it, so that the consumer yields those first.
            results = []
            for case in items:
                try:
                    results.append(one(case))
                except Exception as e:
                    return results, e
            return results, None

        def drain(future: Future) -> Iterator[Any]:
            results, error = future.result()
            yield from results
            if error is not None:
                raise error

        # Cases go to the threads in chunks (one future per chunk, not per
        # case), and at most 2 chunks per thread are in flight: memory stays
        # flat on long iterables and results come out in input order.
        size = 32
        source = iter(cases)
        pool = ThreadPoolExecutor(max_workers=workers)
        window: deque = deque()
        try:
            while True:
                items: list = []
                failed = None
                try:
                    for case in itertools.islice(source, size):
                        items.append(case)
                except Exception as e:  # the source broke: first finish what it gave
                    failed = e
                if items:
                    window.append(pool.submit(chunk, items))
                if failed is not None or len(items) < size:
                    break
                if len(window) >= 2 * workers:
                    yield from drain(window.popleft())
            while window:
                yield from drain(window.popleft())
            if failed is not None:
                raise failed
        finally:
            # After an error or an early close() of this generator: drop the
            # queued chunks and wait only for the running ones (one a thread).
            pool.shutdown(wait=True, cancel_futures=True)


def batch_lines(engine: Engine, lines: Iterable[bytes], threads: int | None = None) -> Iterator[bytes]:
    """What `rung batch` writes for these input lines, line by line (without
    the newline): the report, or the error document with its 1-based `line`.
    Blank lines are skipped but counted."""
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip(b" \t\r\n")]
    results = engine.evaluate_many((line for _, line in numbered), threads, errors="return", raw=True)
    for (number, _), result in zip(numbered, results):
        if isinstance(result, InputError):
            yield result.raw[:-1] + b',"line":%d}' % number
        else:
            yield result
