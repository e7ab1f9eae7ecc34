"""rung: is this person ready to be promoted, and if not, what is missing,
by when can it close, and what should the next 1:1 cover?

    import rung
    engine = rung.Engine("examples/framework.json")     # dict, str, bytes or a path
    report = engine.evaluate("examples/close.json")      # the report as a dict
    report["verdict"], report["timeline"]["target_cycle"]

Errors in a document raise rung.InputError with .code, .path and .message.
"""

from __future__ import annotations

import ctypes
import json
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Iterator, Literal, Union

from . import _capi
from ._capi import RungBuf, lib

__all__ = ["Engine", "RungError", "InputError", "version", "Document", "batch_lines"]

#: A framework or case document: a dict, JSON text (str or bytes), or a path.
Document = Union[dict, str, bytes, os.PathLike]


class RungError(Exception):
    """A failed call. `code` is the SPEC's code name ("invalid_date", ...;
    "invalid_argument" or "internal" for what no document causes), `path`
    the JSON Pointer to the offending value, `document` "framework", "case"
    or ""."""

    def __init__(self, code: str, path: str, message: str, document: str = "", raw: bytes = b"") -> None:
        super().__init__(f"{code} at '{path}': {message}" if document else f"{code}: {message}")
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


class InputError(RungError):
    """A framework or case document is wrong (SPEC §4)."""


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
    cls = RungError if numeric in (_capi.RUNG_E_ARGUMENT, _capi.RUNG_E_INTERNAL) else InputError
    raise cls(code, path, message, document, raw)


def _as_bytes(doc: Document) -> bytes:
    """A document's bytes: dicts are serialized, str is JSON text when it
    starts with "{" (after whitespace) and a path otherwise."""
    if isinstance(doc, dict):
        return json.dumps(doc, ensure_ascii=False).encode()
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str) and doc.lstrip().startswith("{"):
        return doc.encode()
    if isinstance(doc, (str, os.PathLike)):
        with open(doc, "rb") as f:
            return f.read()
    raise TypeError(f"expected a dict, str, bytes or path, got {type(doc).__name__}")


class Engine:
    """A framework, parsed and indexed once. Immutable and thread-safe:
    evaluate cases from as many threads as you like."""

    def __init__(self, framework: Document | None = None) -> None:
        """`framework` as a dict, JSON text, bytes or a path; None for the
        example framework built into the library."""
        self._handle = ctypes.c_void_p()
        if framework is None:
            n = ctypes.c_size_t()
            ptr = lib.rung_example_framework(ctypes.byref(n))
            data = ctypes.string_at(ptr, n.value)
        else:
            data = _as_bytes(framework)
        err = ctypes.c_void_p()
        if lib.rung_engine_new(ctypes.byref(self._handle), data, len(data), ctypes.byref(err)) != _capi.RUNG_OK:
            _raise_error(err)

    def close(self) -> None:
        """Frees the engine now (also done when it is garbage-collected)."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            lib.rung_engine_free(handle)

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _evaluate(self, data: bytes, fmt: int) -> bytes:
        if not self._handle:
            raise RungError("invalid_argument", "", "the engine is closed")
        out = RungBuf()
        err = ctypes.c_void_p()
        # ctypes releases the GIL for the call: threads evaluate in parallel.
        if lib.rung_evaluate(ctypes.byref(out), self._handle, data, len(data), fmt, ctypes.byref(err)) != 0:
            _raise_error(err)
        try:
            return ctypes.string_at(out.data, out.size)
        finally:
            lib.rung_buf_dispose(ctypes.byref(out))

    def evaluate(self, case: Document, *, raw: bool = False, pretty: bool = False,
                 format: Literal["json", "text", "markdown", "html", "ics"] = "json") -> Any:
        """The report of one case as a dict, or its JSON bytes untouched
        with `raw=True` (one line, or indented as `rung evaluate` prints it
        with `pretty=True`). With `format` "text", "markdown", "html" or
        "ics", the document as a str, the same bytes as
        `rung evaluate --format FORMAT`. Raises InputError for a bad case."""
        if format != "json":
            if format not in _capi.FORMATS:
                raise ValueError(f"unknown format {format!r}")
            return self._evaluate(_as_bytes(case), _capi.FORMATS[format]).decode()
        report = self._evaluate(_as_bytes(case), _capi.RUNG_FORMAT_JSON_PRETTY if pretty else _capi.RUNG_FORMAT_JSON)
        return report if raw else json.loads(report)

    def evaluate_many(self, cases: Iterable[Document], threads: int | None = None, *,
                      errors: Literal["raise", "return"] = "raise", raw: bool = False) -> Iterator[Any]:
        """Evaluates cases on `threads` threads (default: the CPU count),
        yielding results in input order. A bad case raises its InputError
        (`errors="raise"`) or is yielded in its place (`errors="return"`)."""
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        workers = threads or os.cpu_count() or 1

        def one(case: Document) -> Any:
            try:
                return self.evaluate(case, raw=raw)
            except InputError as e:
                if errors == "raise":
                    raise
                return e

        if workers == 1:
            yield from map(one, cases)
            return

        def chunk(items: list) -> list:
            return [one(c) for c in items]

        # Cases go to the threads in chunks (one future per chunk, not per
        # case), and at most 2 chunks per thread are in flight: memory stays
        # flat on long iterables and results come out in input order.
        size = 32
        with ThreadPoolExecutor(max_workers=workers) as pool:
            window: deque = deque()
            items: list = []
            for case in cases:
                items.append(case)
                if len(items) == size:
                    window.append(pool.submit(chunk, items))
                    items = []
                    if len(window) >= 2 * workers:
                        yield from window.popleft().result()
            if items:
                window.append(pool.submit(chunk, items))
            while window:
                yield from window.popleft().result()


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
