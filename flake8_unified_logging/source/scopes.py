"""Which scope a name refers to: just enough of Python's scoping rules to rename attribute uses. ``FileScopes``
holds one file's walks and bindings, each set of names answered once, and the modules its imports name."""
from __future__ import annotations

import _ast as ast
from _collections import defaultdict
from _collections_abc import Callable, Iterable, Iterator, Sequence

from .positions import LineIndex, spans_any
from .syntax import bound_name, iter_child_nodes, walk_all

Chain = tuple[ast.AST, ...]  # the scopes a name is looked up in, the module first
Walked = Sequence[tuple[ast.AST, Chain]]  # what ``walk`` yields, kept to be read again
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def walk(tree: ast.AST, keep: Callable[[ast.AST], bool] | None = None) -> Iterator[tuple[ast.AST, Chain]]:
    """Every node with the chain of scopes its names are looked up in (module first)."""
    stack: list[tuple[ast.AST, Chain]] = [(tree, (tree,))]
    while stack:
        node, chain = stack.pop()
        yield node, chain
        for child, child_chain in _children(node, chain):
            if keep is None or keep(child):
                stack.append((child, child_chain))


def _children(node: ast.AST, chain: Chain) -> Iterator[tuple[ast.AST, Chain]]:
    inner = (*chain, node)
    if isinstance(node, _FUNCTIONS):
        args = node.args
        outer_nodes: list[ast.AST | None] = [*args.defaults, *args.kw_defaults]
        if not isinstance(node, ast.Lambda):
            outer_nodes += [*node.decorator_list, node.returns]
            outer_nodes += [a.annotation for a in _all_args(args)]
            outer_nodes += getattr(node, "type_params", [])
        yield from ((child, chain) for child in outer_nodes if child is not None)
        yield from ((a, inner) for a in _all_args(args))
        body = [node.body] if isinstance(node, ast.Lambda) else node.body
        yield from ((child, inner) for child in body)
    elif isinstance(node, ast.ClassDef):
        outer = [*node.decorator_list, *node.bases, *node.keywords, *getattr(node, "type_params", [])]
        yield from ((child, chain) for child in outer)
        yield from ((child, inner) for child in node.body)
    elif isinstance(node, _COMPREHENSIONS):
        first, *rest = node.generators
        yield first.iter, chain
        yield first.target, inner
        yield from ((child, inner) for child in first.ifs)
        yield from ((child, inner) for child in rest)
        elts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        yield from ((child, inner) for child in elts)
    elif not isinstance(node, ast.arg):
        yield from ((child, chain) for child in iter_child_nodes(node))


def _all_args(args: ast.arguments) -> list[ast.arg]:
    found = [*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs]
    found += [a for a in (args.vararg, args.kwarg) if a is not None]
    return found


def bound_names(node: ast.AST) -> list[str]:
    """Names that ``node`` binds in the scope it is evaluated in."""
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [bound_name(a) for a in node.names if a.name != "*"]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    if type(node).__name__ in ("MatchAs", "MatchStar", "MatchMapping") and name:
        return [name]
    return []


class Scopes:
    """Bindings of a few names over a whole module, and where each use resolves."""

    def __init__(
        self,
        tree: ast.Module,
        names: set[str],
        keep: Callable[[ast.AST], bool] | None = None,
        nodes: Walked | None = None,
    ) -> None:
        """``nodes``: the tree already walked (with a ``keep`` that keeps every node of ``names``)."""
        self.module = tree
        self.binders: dict[str, dict[ast.AST, list[ast.AST]]] = {n: defaultdict(list) for n in names}
        self.declared: dict[tuple[str, ast.AST], str] = {}
        self.uses: dict[str, list[tuple[ast.Name, Chain]]] = {n: [] for n in names}
        self.parents: dict[ast.AST, ast.Attribute] = {}
        for node, chain in walk(tree, keep) if nodes is None else nodes:
            if isinstance(node, ast.Attribute):
                self.parents[node.value] = node
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                kind = "global" if isinstance(node, ast.Global) else "nonlocal"
                for name in set(node.names) & names:
                    self.declared[name, chain[-1]] = kind
                continue
            for name in bound_names(node):
                if name in names:
                    self.binders[name][chain[-1]].append(node)
            if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
                self.uses[node.id].append((node, chain))

    def binding_scope(self, name: str, chain: Chain) -> ast.AST:
        """The scope whose binding of ``name`` a use in ``chain`` sees."""
        for depth in range(len(chain) - 1, -1, -1):
            scope = chain[depth]
            if isinstance(scope, ast.ClassDef) and depth != len(chain) - 1:
                continue
            declared = self.declared.get((name, scope))
            if declared == "global":
                return self.module
            if declared is None and scope in self.binders[name]:
                return scope
        return self.module

    def reads(self, name: str, scope: ast.AST) -> list[tuple[ast.Name, Chain]]:
        """The uses of ``name`` that see its binding in ``scope``, with their chains."""
        return [(use, chain) for use, chain in self.uses[name] if self.binding_scope(name, chain) is scope]

    def is_declared(self, name: str, scope: ast.AST) -> bool:
        return (name, scope) in self.declared

    def attribute_chain(self, use: ast.Name) -> list[ast.AST]:
        """``use`` and the attribute nodes built on it, innermost first."""
        nodes: list[ast.AST] = [use]
        while nodes[-1] in self.parents:
            nodes.append(self.parents[nodes[-1]])
        return nodes


class FileScopes:
    """One file's nodes and bindings by the names asked for, each walk and each ``Scopes`` made once per file, and
    the modules its absolute imports name, read once.
    Only the statements on lines that spell one of the names are walked; identifiers are NFKC-normalised, so only
    an ASCII text can be searched for them (elsewhere every node is walked)."""

    __slots__ = ("tree", "index", "_walks", "_scopes", "_absolute")

    def __init__(self, tree: ast.Module, index: LineIndex) -> None:
        self.tree = tree
        self.index = index
        self._walks: dict[frozenset[str] | None, Walked] = {}  # by the names asked for; every node under None
        self._scopes: dict[frozenset[str], Scopes] = {}
        self._absolute: list[tuple[str, ...]] | None = None

    def absolute_imports(self) -> list[tuple[str, ...]]:
        """The modules the file's absolute import statements name (``from`` statements without dots, and every
        module of an ``import``), anywhere in the tree, in the order of a walk."""
        if self._absolute is None:
            self._absolute = []
            for node in walk_all(self.tree):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    self._absolute.append(tuple(node.module.split(".")))
                elif isinstance(node, ast.Import):
                    self._absolute += [tuple(alias.name.split(".")) for alias in node.names]
        return self._absolute

    def nodes(self, names: Iterable[str]) -> Walked:
        """The nodes that may hold one of ``names``, with their scopes."""
        key = frozenset(names) if self.index.text.isascii() else None
        if key not in self._walks:
            keep = None if key is None else spans_any(self.index.lines_containing(key))
            self._walks[key] = list(walk(self.tree, keep))
        return self._walks[key]

    def of(self, names: Iterable[str]) -> Scopes:
        """The bindings and uses of ``names``."""
        names = frozenset(names)
        if names not in self._scopes:
            self._scopes[names] = Scopes(self.tree, set(names), nodes=self.nodes(names))
        return self._scopes[names]
