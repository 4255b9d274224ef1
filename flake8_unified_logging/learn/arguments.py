"""A factory call's arguments, generalised over the examples: what is the same everywhere stays as written; a
string equal to each file's stem or dotted module name becomes ``{stem}`` or ``{module}``."""
from __future__ import annotations

import _ast as ast
import os
from ast import unparse

TYPE_CHECKING = False
if TYPE_CHECKING:  # what an example must tell of itself here, named for the type checker alone
    from typing import Protocol

    class ExampleFile(Protocol):
        path: str
        package: tuple[str, ...]


def _names(example: ExampleFile) -> tuple[str, str]:
    stem = os.path.splitext(os.path.basename(example.path))[0]
    module = ".".join([*example.package, *([stem] if stem != "__init__" else [])])
    return stem, module


def generalise(calls: list[tuple[ast.Call, ExampleFile]]) -> tuple[str | None, str, str]:
    """The argument text of the rule (None when the calls cannot be one rule), what it says of its support, and
    why the rule should only be proposed commented out ("" when it need not be): a string written the same in
    every example, but in one example only, may be that file's own choice, and copied it would be every file's."""
    shapes = {(len(call.args), tuple(k.arg for k in call.keywords)) for call, _ in calls}
    if len(shapes) > 1 or any(isinstance(a, ast.Starred) for call, _ in calls for a in call.args):
        return None, "the calls take different arguments", ""
    count = len(calls)
    first, _ = calls[0]
    slots = [[call.args[i] for call, _ in calls] for i in range(len(first.args))]
    slots += [[call.keywords[i].value for call, _ in calls] for i in range(len(first.keywords))]
    names = [_names(example) for _, example in calls]
    texts, notes, held = [], [], []
    for values in slots:
        spelled = {unparse(value) for value in values}
        strings = all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values)
        if len(spelled) > 1 and not strings:
            return None, "an argument differs file by file and is not a string", ""
        stems = sum(strings and value.value == stem for value, (stem, _) in zip(values, names))
        modules = sum(strings and value.value == module for value, (_, module) in zip(values, names))
        if len(spelled) == 1 and (not strings or not stems and not modules and count > 1):
            texts.append(spelled.pop())
            continue
        if len(spelled) == 1 and not stems and not modules:
            texts.append(spelled.pop())
            held.append(f"{texts[-1]} is written in 1 example only; as a rule every file would get it")
            continue
        placeholder, matches = ("{module}", modules) if modules > stems else ("{stem}", stems)
        texts.append(f'"{placeholder}"')
        if not matches:
            held.append(f"no example's {placeholder[1:-1]} is its {placeholder[1:-1]}: the names are chosen by hand")
        elif matches < count:
            notes.append(f"{placeholder}: {matches} of {count} examples; the others use names chosen by hand")
    keywords = [k.arg for k in first.keywords]
    positional = len(first.args)
    rendered = texts[:positional] + [f"{name}={text}" for name, text in zip(keywords, texts[positional:])]
    return ", ".join(rendered), "; ".join(notes), "; ".join(held)
