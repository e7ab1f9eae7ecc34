# SPDX-License-Identifier: MIT
"""The raw ctypes layer over capi/rung.h: one declaration per C function,
with its prototype above it. Nothing here frees anything by itself; the
wrappers in rung/__init__.py do."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib
from ctypes import POINTER, Structure, c_char_p, c_int, c_size_t, c_void_p

from ._version import __version__

__all__ = ["lib", "held", "path", "library_version", "compatible", "RungBuf", "RUNG_OK", "RUNG_FORMAT_JSON", "RUNG_FORMAT_JSON_PRETTY", "LibraryNotFound"]

RUNG_OK = 0
RUNG_E_ARGUMENT = 100
RUNG_E_INTERNAL = 101
RUNG_FORMAT_JSON = 0
RUNG_FORMAT_JSON_PRETTY = 1
#: rung_format numbers of the document formats.
FORMATS = {"text": 2, "markdown": 3, "html": 4, "ics": 5}


class LibraryNotFound(OSError):
    """librung could not be loaded; the message lists every place tried."""


class RungBuf(Structure):
    # typedef struct rung_buf { char* data; size_t size; } rung_buf;
    # `data` is c_void_p: a c_char_p would copy and lose the pointer to free.
    _fields_ = [("data", c_void_p), ("size", c_size_t)]


def _candidates() -> list[tuple[str, str]]:
    """(how, path) in the order they are tried."""
    tried = []
    env = os.environ.get("RUNG_LIBRARY")
    if env:
        tried.append(("RUNG_LIBRARY", env))
    here = pathlib.Path(__file__).resolve().parent
    for name in sorted(here.glob("librung.so*")) + sorted(here.glob("librung.dylib")) + sorted(here.glob("rung.dll")):
        tried.append(("beside the package", str(name)))
    found = ctypes.util.find_library("rung")
    tried.append(("ctypes.util.find_library('rung')", found or ""))
    return tried


def _load() -> tuple[ctypes.CDLL, str]:
    errors = []
    for how, path in _candidates():
        if not path:
            errors.append(f"  {how}: nothing found")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            errors.append(f"  {how}: {path}: {e}")
    raise LibraryNotFound(
        "cannot load librung; tried:\n" + "\n".join(errors) +
        "\nBuild it (bash scripts/test) and set RUNG_LIBRARY=build/release/librung.so, "
        "or install rung where the dynamic linker finds it.")


def compatible(package: str, library: str) -> bool:
    """Whether this package can call a library of that version: the same
    major, and in 0.x the same minor too (a 0.x minor release may change
    the ABI, as the library's SONAME librung.so.0.MINOR says)."""
    p, l = package.split(".")[:2], library.split(".")[:2]
    return p[0] == l[0] and (p[0] != "0" or p[1] == l[1])


lib, path = _load()
# Checked before anything else is declared: a library of another version
# may not have the functions below, or not with these prototypes.
lib.rung_version.argtypes = []
lib.rung_version.restype = c_char_p
library_version = lib.rung_version().decode("ascii", "replace")
if not compatible(__version__, library_version):
    raise ImportError(
        f"the rung package {__version__} cannot use librung {library_version} ({path}): their major versions "
        f"(and in 0.x their minor versions) must be the same. Install the matching pair, or point RUNG_LIBRARY "
        f"at a librung {'.'.join(__version__.split('.')[:2])}.x.")


def _fn(name: str, argtypes: list, restype) -> None:
    f = getattr(lib, name)
    f.argtypes = argtypes
    f.restype = restype


# const char* rung_version(void)
_fn("rung_version", [], c_char_p)
# int rung_version_number(void)
_fn("rung_version_number", [], c_int)
# const char* rung_example_framework(size_t* len)  -- static bytes
_fn("rung_example_framework", [POINTER(c_size_t)], c_void_p)
# const char* rung_schema(const char* name)  -- static text, NULL for an unknown name (since 0.5)
_fn("rung_schema", [c_char_p], c_char_p)
# int rung_engine_new(rung_engine** out, const char* json, size_t len, rung_error** err)
_fn("rung_engine_new", [POINTER(c_void_p), c_char_p, c_size_t, POINTER(c_void_p)], c_int)
# void rung_engine_free(rung_engine*)
_fn("rung_engine_free", [c_void_p], None)
# int rung_evaluate(rung_buf* out, const rung_engine*, const char* json, size_t len, int format, rung_error** err)
_fn("rung_evaluate", [POINTER(RungBuf), c_void_p, c_char_p, c_size_t, c_int, POINTER(c_void_p)], c_int)
# int rung_options_new(rung_options** out, rung_error** err)
_fn("rung_options_new", [POINTER(c_void_p), POINTER(c_void_p)], c_int)
# int rung_options_set(rung_options*, const char* name, const char* value, rung_error** err)
_fn("rung_options_set", [c_void_p, c_char_p, c_char_p, POINTER(c_void_p)], c_int)
# void rung_options_free(rung_options*)
_fn("rung_options_free", [c_void_p], None)
# int rung_evaluate_with(rung_buf* out, const rung_engine*, const char* json, size_t len, int format,
#                        const rung_options* options, rung_error** err)
_fn("rung_evaluate_with", [POINTER(RungBuf), c_void_p, c_char_p, c_size_t, c_int, c_void_p, POINTER(c_void_p)], c_int)
# int rung_engine_new_with(rung_engine** out, const char* json, size_t len, const rung_options* options,
#                          rung_error** err)
_fn("rung_engine_new_with", [POINTER(c_void_p), c_char_p, c_size_t, c_void_p, POINTER(c_void_p)], c_int)
# int rung_evaluate_with_warnings(rung_buf* out, rung_buf* warnings, const rung_engine*, const char* json, size_t len,
#                                 int format, const rung_options* options, rung_error** err)
_fn("rung_evaluate_with_warnings", [POINTER(RungBuf), POINTER(RungBuf), c_void_p, c_char_p, c_size_t, c_int, c_void_p,
                                    POINTER(c_void_p)], c_int)
# void rung_buf_dispose(rung_buf*)
_fn("rung_buf_dispose", [POINTER(RungBuf)], None)
# The same library through ctypes.PyDLL, for calls that take a moment: they
# keep the GIL, which threads evaluating at once would otherwise hand back
# and forth around every call.
held = ctypes.PyDLL(path)
held.rung_buf_dispose.argtypes = [POINTER(RungBuf)]
held.rung_buf_dispose.restype = None
# int rung_error_code(const rung_error*)
_fn("rung_error_code", [c_void_p], c_int)
# const char* rung_error_code_name / document / path / message / json (const rung_error*)  -- owned by the error
for _name in ("rung_error_code_name", "rung_error_document", "rung_error_path", "rung_error_message",
              "rung_error_json"):
    _fn(_name, [c_void_p], c_char_p)
# void rung_error_free(rung_error*)
_fn("rung_error_free", [c_void_p], None)
