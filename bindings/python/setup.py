# SPDX-License-Identifier: MIT
"""Builds the rung wheel: the package with librung.so and the rung command
line beside it (rung/librung.so, rung/_bin/rung), both built with Boost.JSON
compiled in, so that they need only the C and C++ runtimes; the wheel is
tagged for this platform (py3-none-linux_x86_64: ctypes, so any Python 3).

    bash scripts/test                                      # builds build/release/python/
    pip install --no-build-isolation ./bindings/python     # offline
    pip wheel --no-build-isolation -w dist ./bindings/python

RUNG_LIBRARY and RUNG_CLI name other files to bundle. setuptools' work
folders (build/, rung.egg-info/) go to a temporary folder, never into the
source tree."""

import atexit
import os
import pathlib
import shutil
import sys
import tempfile

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from wheel.bdist_wheel import bdist_wheel

HERE = pathlib.Path(__file__).resolve().parent
BUILT = HERE.parent.parent / "build" / "release" / "python"  # CMake's RUNG_BUILD_PYTHON targets
WORK = pathlib.Path(tempfile.mkdtemp(prefix="rung-setup-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def bundled(variable: str, name: str) -> pathlib.Path:
    path = pathlib.Path(os.environ.get(variable) or BUILT / name)
    if not path.is_file():
        sys.exit(f"rung: {path} is missing. Build it first (bash scripts/test, or cmake --build build/release "
                 f"--target rung_python rung_cli_python), or set {variable} to the file to bundle.")
    return path


class BuildWithBinaries(build_py):
    def run(self) -> None:
        super().run()
        package = pathlib.Path(self.build_lib) / "rung"
        shutil.copyfile(bundled("RUNG_LIBRARY", "librung.so"), package / "librung.so")
        (package / "_bin").mkdir(exist_ok=True)
        shutil.copyfile(bundled("RUNG_CLI", "rung"), package / "_bin" / "rung")
        os.chmod(package / "_bin" / "rung", 0o755)


class BinaryDistribution(Distribution):
    """Holds machine code: a platform wheel, installed into platlib."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """For no particular Python ABI: the code is loaded with ctypes and run
    as a program, not imported as an extension module."""

    def get_tag(self) -> tuple:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildWithBinaries, "bdist_wheel": PlatformWheel},
    options={"build": {"build_base": str(WORK / "build")}, "egg_info": {"egg_base": str(WORK)}},
)
