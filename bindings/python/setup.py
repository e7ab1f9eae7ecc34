"""Copies librung beside the package when building, so that
`pip install --no-build-isolation ./bindings/python` works offline after
`bash scripts/test` (or with RUNG_LIBRARY pointing at a built library)."""

import os
import pathlib
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent


def built_library():
    env = os.environ.get("RUNG_LIBRARY")
    if env:
        return pathlib.Path(env)
    for candidate in sorted((HERE.parent.parent / "build" / "release").glob("librung.so.*.*.*")):
        return candidate
    return None


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        lib = built_library()
        if lib and lib.exists():
            target = pathlib.Path(self.build_lib) / "rung" / "librung.so"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(lib.resolve(), target)
        else:
            print("rung: no built librung found; the package will look for it at run time")


setup(cmdclass={"build_py": BuildWithLibrary})
