"""The import forms a tree holds, counted, so a run says what it covered."""
from __future__ import annotations

import ast
from collections import Counter

from .import_check import walk_scoped
from .leftovers import dotted_of as dotted
from .rules_view import Renamer

FORMS = (
    "from legacy import",
    "from package import legacy",
    "relative from",
    "import legacy",
    "import legacy as alias",
    "multi-line statement",
    "nested statement",
    "after ;",
    "attribute use",
    "name moved",
    "name renamed",
    "object to factory",
)


def forms_of(tree: ast.AST, text: str, renamer: Renamer) -> Counter[str]:
    """How many legacy statements of each form an original holds (what the run exercised)."""
    counts: Counter[str] = Counter()
    lines = text.splitlines()
    for node, scope in walk_scoped(tree):
        legacy = []
        if isinstance(node, ast.Import):
            legacy = [a for a in node.names if renamer.rename(a.name)]
            counts["import legacy as alias"] += sum(1 for a in legacy if a.asname)
            counts["import legacy"] += sum(1 for a in legacy if not a.asname)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                tail = [module] if module else []
                legacy = [a for a in node.names if renamer.rename(".".join([*tail, a.name])) or renamer.rename(module)]
                counts["relative from"] += bool(legacy)
            elif renamer.rename(module):
                legacy = list(node.names)
                counts["from legacy import"] += 1
            else:
                legacy = [a for a in node.names if renamer.rename(f"{module}.{a.name}")]
                counts["from package import legacy"] += bool(legacy)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            counts["attribute use"] += renamer.rename(dotted(node) or "") is not None
        if isinstance(node, ast.ImportFrom) and renamer.names:
            for alias in node.names:
                named = renamer.names.get(f"{node.module}.{alias.name}")
                if named is not None:
                    moved = "name renamed" if named[1] != alias.name else "name moved"
                    counts["object to factory" if named[2] else moved] += 1
        if legacy:
            counts["multi-line statement"] += node.end_lineno != node.lineno
            counts["nested statement"] += bool(scope) or node.col_offset > 0
            counts["after ;"] += ";" in lines[node.lineno - 1][: node.col_offset]
    return counts
