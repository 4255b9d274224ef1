"""Where a module outside the project is read from: the standard library of the running Python and the packages
installed in its environment, from their source files, else type stubs (``.pyi`` next to the package, a stub-only
``<name>-stubs`` package, or typeshed's stubs for the standard library's built-in and C modules). Never imported.

Found as Python's path finder would find it: the folders of ``sys.path`` in order, a module or regular package
before a namespace package; a built-in or compiled module has no source, so its stub answers. No source and no
stub: nothing is known (None).
"""
from __future__ import annotations

import os
import sys
from _imp import extension_suffixes  # importlib.machinery's EXTENSION_SUFFIXES, without importing it
from _collections_abc import Sequence

from ..files import SourceError, read_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .reads import Reads

_SUFFIXES = (".py", ".pyi")


def search_path() -> list[str]:
    """The folders modules outside the project are found in, in the running interpreter's order (the folder of
    the running script and the current folder left out: those are the project's)."""
    stdlib = [os.path.dirname(os.__file__)]  # where the running Python's own ``os.py`` is (the standard library)
    here = {os.path.realpath(os.getcwd())}
    if sys.argv and sys.argv[0] not in ("", "-c", "-m"):
        here.add(os.path.dirname(os.path.realpath(sys.argv[0])))
    found: list[str] = []
    for folder in (*stdlib, *sys.path):
        if not folder or not os.path.isdir(folder):
            continue
        real = os.path.realpath(folder)
        if real not in here and real not in found and not real.endswith(".zip"):
            found.append(real)
    return found


def _compiled_files(folder: str, top: str) -> list[str]:
    """The files ``folder`` would hold ``top`` in as an extension module of the running Python
    (``top.cpython-311-x86_64-linux-gnu.so``, ``top.abi3.so``, ``top.so``)."""
    return [os.path.join(folder, top + suffix) for suffix in extension_suffixes()]


class Outside:
    """The folders that hold top-level modules outside the project; one instance per run, each name looked up
    once."""

    def __init__(self, folders: Sequence[str] | None = None, reads: Reads | None = None) -> None:
        self._folders = list(folders) if folders is not None else None
        self._reads = reads
        self._roots: dict[str, str | None] = {}
        self._stubs: dict[str, str | None] = {}
        self._stub_context: object = None

    @property
    def folders(self) -> list[str]:
        if self._folders is None:
            self._folders = search_path()
        return self._folders

    def root(self, top: str) -> str | None:
        """The folder ``top`` is read under: its source, else its stub."""
        self._record(top)
        if top not in self._roots:
            self._roots[top] = self._find(top)
        return self._roots[top]

    def is_outside(self, root: str) -> bool:
        """Whether ``root`` is a folder this run found a module outside the project in."""
        return root in self._roots.values() or root in self._stubs.values()

    def declared(self, root: str, module: tuple[str, ...]) -> str:
        """Where what ``module`` declares (what its functions return, its classes' members and signatures) is
        read: its stub when ``root`` is outside the project and a stub exists, else ``root``."""
        if not module or not self.is_outside(root):
            return root
        return self.stub_root(module[0]) or root

    def lacks(self, root: str, module: tuple[str, ...]) -> bool:
        """Whether ``module`` surely is no module under ``root`` (its top-level package's folder outside the
        project): every package above it a regular one whose ``__init__`` neither extends its ``__path__``, has a
        module ``__getattr__``, declares a namespace, nor fills ``sys.modules`` or the import machinery
        (``six.moves``, ``os.path`` are found so), no ``.pth`` file's code naming its top-level package, and no
        source, stub, bytecode, folder or compiled module of its name beside them."""
        if len(module) < 2 or root == self._stubs.get(module[0]) or self._hooked(module[0]):
            return False
        if self._reads is not None:
            self._reads.module(root, module)
        for depth in range(1, len(module)):
            init = os.path.join(root, *module[:depth], "__init__.py")
            if self._reads is not None:
                self._reads.file(init)
            try:
                data = read_bytes(init)
            except (OSError, SourceError):
                return False
            words = (b"__path__", b"sys.modules", b"meta_path", b"__getattr__", b"declare_namespace")
            if any(word in data for word in words):
                return False
        folder = os.path.join(root, *module[:-1])
        base = os.path.join(folder, module[-1])
        compiled = _compiled_files(folder, module[-1])
        if self._reads is not None:
            for path in compiled:
                self._reads.exists(path)
        return not (os.path.isdir(base) or any(os.path.isfile(base + suffix) for suffix in (*_SUFFIXES, ".pyc"))
                    or any(os.path.isfile(path) for path in compiled))

    def _hooked(self, top: str) -> bool:
        """Whether a ``.pth`` file of the search path runs code naming ``top`` at start-up (setuptools'
        ``distutils-precedence.pth`` puts its own ``distutils`` first): its modules may come from anywhere."""
        for folder in self.folders:
            try:
                names = [name for name in os.listdir(folder) if name.endswith(".pth")]
            except OSError:
                continue
            for name in names:
                if self._reads is not None:
                    self._reads.file(os.path.join(folder, name))
                try:
                    data = read_bytes(os.path.join(folder, name))
                except (OSError, SourceError):
                    return True
                lines = data.splitlines()
                if any(line.startswith((b"import ", b"import\t")) and top.encode() in line for line in lines):
                    return True
        return False

    def stub_root(self, top: str) -> str | None:
        self._record(top)
        if top not in self._stubs:
            self._stubs[top] = self._stub_root(top)
        return self._stubs[top]

    def _record(self, top: str) -> None:
        """The folders a look-up of ``top`` lists, for the run's record of what it read."""
        if self._reads is not None:
            for folder in self.folders:
                self._reads.module(folder, (top,))
                for path in _compiled_files(folder, top):
                    self._reads.exists(path)

    def _find(self, top: str) -> str | None:
        if top in sys.builtin_module_names:
            return self.stub_root(top)
        namespace = None
        for folder in self.folders:
            base = os.path.join(folder, top)
            if any(os.path.isfile(base + s) or os.path.isfile(os.path.join(base, "__init__" + s)) for s in _SUFFIXES):
                return folder
            if any(os.path.isfile(path) for path in _compiled_files(folder, top)):
                return self.stub_root(top)
            if namespace is None and os.path.isdir(base) and top.isidentifier():
                namespace = folder
        return namespace or self.stub_root(top)

    def _stub_root(self, top: str) -> str | None:
        """The folder a stub of ``top`` is read under (a ``<top>-stubs`` package's folder, typeshed's)."""
        for folder in self.folders:
            if os.path.isdir(os.path.join(folder, top + "-stubs")):
                return folder
        stub = self._typeshed(top)
        if stub is None:
            return None
        folder = os.path.dirname(stub)
        return os.path.dirname(folder) if os.path.basename(stub) == "__init__.pyi" else folder

    def _typeshed(self, top: str) -> str | None:
        """typeshed's stub of the standard library module ``top``, for the running Python's version."""
        folder = _typeshed_folder(self.folders)
        if folder is None or not any(os.path.exists(os.path.join(folder, top + s)) for s in (".pyi", "")):
            return None  # no stub of that name: the package that knows the versions is not even loaded
        # An optional dependency, imported only when a target outside the project has no source but a stub.
        from typeshed_client import finder

        if self._stub_context is None:
            self._stub_context = finder.get_search_context(search_path=[])
        found = finder.get_stub_file(top, search_context=self._stub_context)  # type: ignore[arg-type]
        return None if found is None else str(found)


def _typeshed_folder(folders: Sequence[str]) -> str | None:
    """Where the stubs ``typeshed_client`` ships are, found on ``sys.path`` as Python would find the package,
    without importing it (nor importlib.util, which a hook call would pay for)."""
    for folder in folders:
        stubs = os.path.join(folder, "typeshed_client", "typeshed")
        if os.path.isfile(os.path.join(folder, "typeshed_client", "__init__.py")) and os.path.isdir(stubs):
            return stubs
    return None
