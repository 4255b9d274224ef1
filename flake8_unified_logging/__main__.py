"""``python -m flake8_unified_logging``: the same command as ``unified-logging``.

``-m`` puts the current folder first on ``sys.path``; run in a project, the project's own ``ast.py``,
``tokenize.py`` or ``logging.py`` would then be imported in place of the standard library's, and run. The folder
leaves ``sys.path`` before anything else is imported: this package is already loaded, and the project is read
from disk, never imported. (With ``-P`` or ``PYTHONSAFEPATH``, Python never added it.)
"""
import os
import sys

if not getattr(sys.flags, "safe_path", False) and sys.path and sys.path[0] in ("", os.curdir, os.getcwd()):
    del sys.path[0]

from .cli import run  # noqa: E402 (imported once the current folder has left sys.path)

if __name__ == "__main__":
    run()
