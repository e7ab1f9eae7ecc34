# SPDX-License-Identifier: MIT
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
A member the contract does not name (a typo such as "assesments") is a
rung.RungWarning (warnings.warn), or with strict=True an InputError
"unknown_field" at its path.
"""

from __future__ import annotations

import ctypes
import datetime
import itertools
import json
import os
import re
import threading
import warnings
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Iterable, Iterator, Literal, Mapping, Union, overload

from . import _capi
from ._capi import RungBuf, lib
from ._types import *  # noqa: F401,F403  (the report's TypedDicts and Literals)
from ._types import Audience, Report, __all__ as _types_all
from ._version import __version__

__all__ = ["Engine", "RungError", "InputError", "UsageError", "RungWarning", "version", "__version__",
           "Document", "batch_lines", "AUDIENCES", "schema", "SCHEMAS", *_types_all]

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
    """A failed call. `code` is the error code ("invalid_date", ...;
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


class RungWarning(UserWarning):
    """A member of the framework or the case that the contract does not name
    (docs/rules.md, "Warnings and strict mode"): ignored, so a typo such as
    "assesments" may change the verdict. `document` is "framework" or
    "case", `path` the member's JSON Pointer. Raised as an error instead
    with strict=True; silence it with warnings.simplefilter("ignore",
    rung.RungWarning)."""

    def __init__(self, document: str, path: str) -> None:
        super().__init__(_printable(f"unknown member {path!r} in the {document}, ignored (strict=True makes it an error)"))
        self.document = document
        self.path = path


def _same(x: Any) -> Any:
    return x


def _warn(listed: bytes) -> None:
    """Issues a RungWarning for each warning the library listed (a JSON array)."""
    for w in json.loads(listed):
        # stacklevel 5: the caller of evaluate (evaluate -> _evaluate -> _evaluate_each -> _warn -> warn).
        warnings.warn(RungWarning(w["document"], w["path"]), stacklevel=5)


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return lib.rung_version().decode()


#: The document formats rung.schema() knows, as `rung schema` lists them.
SCHEMAS = ("framework/1", "framework/2", "case/1", "case/2", "report/1", "report/2", "error/1")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document format, as a dict: the
    one compiled into the library, the same as `rung schema NAME` prints and
    share/rung/schemas holds (docs/documents.md is its field reference).
    `name` is one of SCHEMAS ("case/2") or a document's `schema` value
    ("rung.case/2"); ValueError for any other."""
    text = lib.rung_schema(name.encode()) if isinstance(name, str) and "\0" not in name else None
    if text is None:
        raise ValueError(f"no schema named {name!r}; the schemas are {', '.join(SCHEMAS)}")
    return json.loads(text)


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

    def __init__(self, framework: Document | None = None, *, strict: bool = False) -> None:
        """`framework` as a dict, JSON text (str or bytes) or a
        pathlib.Path; None for the example framework built into the library.
        `strict`: a member the contract does not name is an InputError
        ("unknown_field" at its path) rather than a RungWarning — in the
        framework now, and in every case this engine evaluates unless a call
        says otherwise."""
        # rung_engine_free needs "no call may be using it": calls count
        # themselves in _busy under _cond, and close() waits for 0.
        self._lock = threading.Lock()  # taken as such on the hot path: cheaper than the Condition's own __enter__
        self._cond = threading.Condition(self._lock)
        self._busy = 0
        self._options: dict[tuple[str, bool], ctypes.c_void_p] = {}  # by (audience, strict), made when first asked
        self._strict = bool(strict)
        self._handle: ctypes.c_void_p | None = ctypes.c_void_p()
        if framework is None:
            n = ctypes.c_size_t()
            ptr = lib.rung_example_framework(ctypes.byref(n))
            data = ctypes.string_at(ptr, n.value)
        else:
            data = _as_bytes(framework)
        err = ctypes.c_void_p()
        options = self._options_for("full", True) if strict else None
        if lib.rung_engine_new_with(ctypes.byref(self._handle), data, len(data), options,
                                    ctypes.byref(err)) != _capi.RUNG_OK:
            _raise_error(err)

    @classmethod
    def from_file(cls, path: str | os.PathLike, *, strict: bool = False) -> "Engine":
        """The engine of a framework file."""
        with open(path, "rb") as f:
            return cls(f.read(), strict=strict)

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

    def _options_for(self, audience: str, strict: bool) -> ctypes.c_void_p | None:
        """The options object of an audience in or out of strict mode (None:
        the defaults); call under self._cond (or from __init__)."""
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        if audience == "full" and not strict:
            return None
        options = self._options.get((audience, strict))
        if options is None:
            options, err = ctypes.c_void_p(), ctypes.c_void_p()
            if lib.rung_options_new(ctypes.byref(options), ctypes.byref(err)) != _capi.RUNG_OK:
                _raise_error(err)
            for name, value in ((b"audience", audience.encode()), (b"strict", b"true" if strict else b"false")):
                if lib.rung_options_set(options, name, value, ctypes.byref(err)) != _capi.RUNG_OK:
                    lib.rung_options_free(options)
                    _raise_error(err)
            self._options[(audience, strict)] = options
        return options

    def _evaluate(self, data: bytes, fmt: int, audience: str = "full", strict: bool | None = None) -> bytes:
        results, error = self._evaluate_each([data], fmt, audience, strict, _same)
        if error is not None:
            raise error
        return results[0]

    def _evaluate_each(self, items: list, fmt: int, audience: str, strict: bool | None,
                       convert: Any, keep_input_errors: bool = False) -> tuple[list, Exception | None]:
        """Evaluates documents one after the other while holding the engine
        once (close() waits for the whole list): the handle, the options and
        the buffers are looked up or made once, not per case. Returns the
        converted results up to the first exception, and that exception (an
        InputError is kept in its place instead with keep_input_errors)."""
        with self._lock:
            handle = self._handle
            if not handle:
                raise RungError("invalid_argument", "", "the engine is closed")
            options = self._options_for(audience, self._strict if strict is None else bool(strict))
            self._busy += 1
        try:
            out, listed, err = RungBuf(), RungBuf(), ctypes.c_void_p()
            out_ref, listed_ref, err_ref = ctypes.byref(out), ctypes.byref(listed), ctypes.byref(err)
            call, dispose, string_at = lib.rung_evaluate_with_warnings, _capi.held.rung_buf_dispose, ctypes.string_at
            results: list = []
            for item in items:
                try:
                    data = item if type(item) is bytes else _as_bytes(item)
                    # ctypes releases the GIL for the call: threads evaluate in parallel.
                    if call(out_ref, listed_ref, handle, data, len(data), fmt, options, err_ref) != 0:
                        _raise_error(err)
                    try:
                        result = string_at(out.data, out.size)
                        # "[]" (2 bytes) is the only list that short: no warning to read.
                        found = string_at(listed.data, listed.size) if listed.size > 2 else None
                    finally:
                        dispose(out_ref)
                        dispose(listed_ref)
                    if found is not None:
                        _warn(found)
                    results.append(convert(result))
                except InputError as e:
                    if not keep_input_errors:
                        return results, e
                    results.append(e)
                except Exception as e:
                    return results, e
            return results, None
        finally:
            with self._lock:
                self._busy -= 1
                if not self._busy:
                    self._cond.notify_all()

    @overload
    def evaluate(self, case: Document, *, raw: Literal[False] = False, pretty: bool = False,
                 format: Literal["json"] = "json", audience: Audience = "full",
                 strict: bool | None = None) -> Report: ...

    @overload
    def evaluate(self, case: Document, *, raw: Literal[True], pretty: bool = False,
                 format: Literal["json"] = "json", audience: Audience = "full",
                 strict: bool | None = None) -> bytes: ...

    @overload
    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False,
                 format: Literal["text", "markdown", "html", "ics"], audience: Audience = "full", strict: bool | None = None) -> str: ...

    @overload
    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False, format: str = "json",
                 audience: Audience = "full", strict: bool | None = None) -> Report | bytes | str: ...

    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False, format: str = "json",
                 audience: Audience = "full", strict: bool | None = None) -> Any:
        """The report of one case as a dict (a rung.Report), or its JSON bytes untouched
        with `raw=True` (one line, or indented as `rung evaluate` prints it
        with `pretty=True`). With `format` "text", "markdown", "html" or
        "ics", the document as a str, the same bytes as
        `rung evaluate --format FORMAT`. `audience`: who the report is for
        (AUDIENCES; ValueError for another, UsageError — a ValueError — when
        a rung.framework/1 engine is asked for more than "full"). Raises
        InputError for a bad case. Each member of the framework or the case
        that the contract does not name is a RungWarning (whatever the
        format or version; a rung.report/2 lists them in `warnings` too);
        with `strict` (default: the engine's) the first is an InputError
        "unknown_field" instead."""
        if format != "json":
            if format not in _capi.FORMATS:
                raise ValueError(f"unknown format {format!r}")
            return self._evaluate(_as_bytes(case), _capi.FORMATS[format], audience, strict).decode()
        report = self._evaluate(_as_bytes(case), _capi.RUNG_FORMAT_JSON_PRETTY if pretty else _capi.RUNG_FORMAT_JSON,
                                audience, strict)
        return report if raw else json.loads(report)

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: Literal[False] = False, pretty: bool = False,
                      format: Literal["json"] = "json", audience: Audience = "full",
                 strict: bool | None = None) -> Report: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: Literal[True], pretty: bool = False,
                      format: Literal["json"] = "json", audience: Audience = "full",
                 strict: bool | None = None) -> bytes: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: Literal["text", "markdown", "html", "ics"], audience: Audience = "full",
                      strict: bool | None = None) -> str: ...

    @overload
    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: str = "json", audience: Audience = "full",
                      strict: bool | None = None) -> Report | bytes | str: ...

    def evaluate_file(self, path: str | os.PathLike, *, raw: bool = False, pretty: bool = False,
                      format: str = "json", audience: Audience = "full", strict: bool | None = None) -> Any:
        """evaluate() on a case file (a str or a pathlib.Path)."""
        with open(path, "rb") as f:
            case = f.read()
        return self.evaluate(case, raw=raw, pretty=pretty, format=format, audience=audience, strict=strict)

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise"] = "raise", raw: Literal[False] = False,
                      audience: Audience = "full", strict: bool | None = None) -> Iterator[Report]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise"] = "raise", raw: Literal[True],
                      audience: Audience = "full", strict: bool | None = None) -> Iterator[bytes]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["return"], raw: Literal[False] = False,
                      audience: Audience = "full", strict: bool | None = None) -> Iterator[Report | InputError]: ...

    @overload
    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["return"], raw: Literal[True],
                      audience: Audience = "full", strict: bool | None = None) -> Iterator[bytes | InputError]: ...

    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise", "return"] = "raise", raw: bool = False,
                      audience: Audience = "full", strict: bool | None = None) -> Iterator[Any]:
        """Evaluates cases on `threads` threads (default: the CPU count),
        yielding results in input order. A bad case raises its InputError
        (`errors="raise"`) or is yielded in its place (`errors="return"`).
        `strict` as in evaluate; RungWarnings are issued as the threads
        evaluate, so not necessarily in input order.
        Exceptions come in input order too: the results before a bad case,
        or before `cases` itself raised, are all yielded first."""
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        workers = threads or os.cpu_count() or 1

        convert = _same if raw else json.loads

        def chunk(items: list) -> tuple[list, Exception | None]:
            # Stops at the first exception and returns it beside the results
            # before it, so that the consumer yields those first.
            return self._evaluate_each(items, _capi.RUNG_FORMAT_JSON, audience, strict, convert,
                                       keep_input_errors=errors == "return")

        if workers == 1:
            for case in cases:
                results, error = chunk([case])
                yield from results
                if error is not None:
                    raise error
            return

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
