# SPDX-License-Identifier: MIT
"""The package's version: that of the C library it wraps (capi/rung.h's
RUNG_VERSION_*; the tests check they agree). Read by setuptools without
importing the package."""

__version__ = "0.7.0"
