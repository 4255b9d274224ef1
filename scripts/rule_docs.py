"""The before/after tables of docs/rules.md, made from the rule kinds' own examples (``EXAMPLES`` in each module of
``flake8_unified_logging/engine/kinds``, found by its registry) and those of module rules and strings.

    python scripts/rule_docs.py           # rewrite the tables in docs/rules.md
    python scripts/rule_docs.py --check   # exit 1 when docs/rules.md differs from what the examples make

Each table stands between ``<!-- examples: NAME -->`` and ``<!-- end of examples -->``; the text around it is
written by hand. tests/test_docs_examples.py runs every example through the engine and fails when the doc drifts.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from flake8_unified_logging.engine import module_move, string_refs
from flake8_unified_logging.kind_registry import Example
from flake8_unified_logging.kind_registry import kind_named, kind_names

NOT_KINDS = {"module_move": module_move.EXAMPLES, "string_refs": string_refs.EXAMPLES}  # no name rule kind's
DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "rules.md")
_BLOCK = re.compile(r"(<!-- examples: (\w+) -->\n)(.*?)(<!-- end of examples -->)", re.S)


def code_cell(code: str) -> str:
    """Source lines as one table cell: each line a code span, ``<br>`` between lines, an empty line left empty."""
    return "<br>".join(f"`{line}`" if line else "" for line in code.rstrip("\n").split("\n"))


def first_cell(example: Example) -> str:
    rules = " ".join(f"`{rule}`" for rule in example.rules) or "built-in rules"
    where = f" in package `{example.package}`" if example.package else ""
    note = f" ({example.note})" if example.note else ""
    return f"{rules}{where}{note}"


def table(examples: Sequence[Example]) -> str:
    rows = ["| rule | before | after |", "|---|---|---|"]
    for example in examples:
        after = "unchanged" if example.after == example.before else code_cell(example.after)
        rows.append(f"| {first_cell(example)} | {code_cell(example.before)} | {after} |")
    return "\n".join(rows) + "\n"


def examples() -> dict[str, tuple[Example, ...]]:
    """Every block's examples, by the name its marker gives: module rules, each rule kind, strings."""
    kinds = {name: kind_named(name).EXAMPLES for name in kind_names()}
    return {**NOT_KINDS, **kinds}


def render(doc: str) -> str:
    """``doc`` with every examples block made anew from its kind's examples; a kind with no block yet gets one
    after the last block of a name rule kind."""
    found = examples()
    made = _BLOCK.sub(lambda m: m.group(1) + table(found[m.group(2)]) + m.group(4), doc)
    blocks = list(_BLOCK.finditer(made))
    kinds = [m for m in blocks if m.group(2) not in NOT_KINDS] or blocks[-1:]
    at = kinds[-1].end() if kinds else len(made)
    missing = [name for name in kind_names() if f"<!-- examples: {name} -->" not in made]
    added = "".join(f"\n\n<!-- examples: {name} -->\n{table(found[name])}<!-- end of examples -->" for name in missing)
    return made[:at] + added + made[at:]


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    with open(DOC, encoding="utf-8") as handle:
        doc = handle.read()
    made = render(doc)
    if args == ["--check"]:
        if made != doc:
            print("docs/rules.md differs from the kinds' examples: run python scripts/rule_docs.py", file=sys.stderr)
            return 1
        return 0
    if args:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    with open(DOC, "w", encoding="utf-8") as handle:
        handle.write(made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
