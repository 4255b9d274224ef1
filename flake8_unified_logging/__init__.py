"""Move a codebase off legacy module imports: a flake8 plugin, a fixer and a command line."""
from __future__ import annotations

__version__ = "0.1.0"
