"""Whether a call's arguments bind to a function's parameters, as Python would bind them (read, never run)."""
from __future__ import annotations

import _ast as ast


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def bind_problem(function: ast.FunctionDef, call: ast.Call, bound_first: bool) -> str | None:
    """Why ``call`` cannot bind to ``function`` (its first parameter already bound, for a method, when
    ``bound_first``); None when it binds or cannot be told (``*args``/``**kwargs`` in the call)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    args = function.args
    positional_only = list(getattr(args, "posonlyargs", []))
    positional = [*positional_only, *args.args]
    defaults = len(args.defaults)
    required = {a.arg for a in positional[: len(positional) - defaults]}
    if bound_first:
        if not positional:
            return None
        positional = positional[1:]
        positional_only = positional_only[1:]
    name = function.name
    given = len(call.args)
    if given > len(positional) and args.vararg is None:
        return f"{name}() takes {_plural(len(positional), 'positional argument')} but {given} given"
    filled = {a.arg for a in positional[:given]}
    keyword_names = {a.arg for a in (*positional[len(positional_only):], *args.kwonlyargs)}
    for keyword in call.keywords:
        if keyword.arg in filled and keyword.arg not in {a.arg for a in positional_only}:
            return f"{name}() got multiple values for argument '{keyword.arg}'"
        if keyword.arg not in keyword_names and args.kwarg is None:
            return f"{name}() got an unexpected keyword argument '{keyword.arg}'"
        filled.add(keyword.arg)
    required |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None}
    missing = [a.arg for a in (*positional, *args.kwonlyargs) if a.arg in required and a.arg not in filled]
    if missing:
        return f"{name}() is missing a required argument: '{missing[0]}'"
    return None
