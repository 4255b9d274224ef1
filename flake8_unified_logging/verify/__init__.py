"""Prove the fixer on real code: copy a tree, run ``unified-logging fix`` on the copy, check every file.

Usage: ``python -m flake8_unified_logging.verify [--rule OLD=NEW ...] [SOURCE ...]``

The checks are written apart from the engine (no finder, no rule set of its own is shared) so that the finder
is never used to judge the finder:

1. an original that does not parse is byte-identical afterwards;
2. every output parses;
3. every import statement binds the same local names to the same (renamed) targets, relative imports included;
4. all other code is AST-identical, except attribute uses of a legacy module that were renamed;
5. no changed line lies outside an import statement or such a use;
6. a second run changes nothing;
7. line endings, BOM, encoding cookie and final newline are unchanged;
8. no legacy import and no read of a legacy module through its package (``import a`` ... ``a.b.x``) is left
   behind unless the fixer reported it on that line (ULG002 not rewritten, ULG004) or it is marked noqa;
9. every import of a module of the tree that resolved before the run still resolves (``project_check.py``).

Besides the given rules it derives rules from the trees themselves: the modules imported as ``import a.b`` whose
reads sit in the most kinds of syntactic positions (decorators, bases, defaults, annotations, f-strings, ...),
each moved to a renamed sibling (``a.b = a.b_moved``). Check 8 and the derivation use their own walk over ``ast``
(``leftovers.py``), not the engine's.
"""
from __future__ import annotations

from .derive import derive_rules
from .file_check import check_file, check_rewrite
from .rules_view import CHECKS, DEFAULT_RULES, Renamer
from .run import main, python_files

__all__ = ["CHECKS", "DEFAULT_RULES", "Renamer", "check_file", "check_rewrite", "derive_rules", "main", "python_files"]
