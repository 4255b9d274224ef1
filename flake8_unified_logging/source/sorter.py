"""What the project's import sorter wants of the lines a rewrite adds or moves: its sections and their order, the
modules it takes as first-party, how it orders statements in a section and the blank lines after the imports.

Read from isort's configuration (``[tool.isort]`` of pyproject.toml, ``[settings]`` of .isort.cfg, ``[isort]`` or
``[tool:isort]`` of setup.cfg and tox.ini), else ruff's (``[tool.ruff.lint.isort]``, ``[tool.ruff.isort]``,
ruff.toml's ``[lint.isort]``), in the nearest folder holding one of those files; nothing is run or imported.
Without a configuration the sorter's defaults hold (isort's and ruff's agree on what is modelled here).
"""
from __future__ import annotations

import os
import sys

FUTURE, STDLIB, THIRDPARTY, FIRSTPARTY, LOCALFOLDER = "FUTURE", "STDLIB", "THIRDPARTY", "FIRSTPARTY", "LOCALFOLDER"
SECTIONS = (FUTURE, STDLIB, THIRDPARTY, FIRSTPARTY, LOCALFOLDER)
_FILES = (".isort.cfg", "pyproject.toml", "setup.cfg", "tox.ini", ".ruff.toml", "ruff.toml")
_RUFF_SECTIONS = {"future": FUTURE, "standard-library": STDLIB, "third-party": THIRDPARTY,
                  "first-party": FIRSTPARTY, "local-folder": LOCALFOLDER}
_KNOWN = {FUTURE: "known_future_library", STDLIB: "known_standard_library", THIRDPARTY: "known_third_party",
          FIRSTPARTY: "known_first_party", LOCALFOLDER: "known_local_folder"}
# isort profiles, by what they change of the order and blank lines modelled here.
_PROFILES = {
    "black": {"line_length": 88},
    "google": {"force_single_line": True, "force_sort_within_sections": True, "lexicographical": True},
    "open_stack": {"force_single_line": True, "force_sort_within_sections": True, "lexicographical": True},
    "plone": {"force_alphabetical_sort": True, "force_single_line": True, "lines_after_imports": 2},
    "attrs": {"force_sort_within_sections": True},
    "pycharm": {"force_sort_within_sections": True, "lines_after_imports": 2},
    "wemake": {"lines_after_imports": 2},
    "django": {"lines_after_imports": -1},
    "hug": {"lines_after_imports": -1},
}
# Options that change the order in ways not modelled: with one set, a statement is never moved.
# (ruff's kebab-case keys are read with underscores.)
_UNMODELLED = ("force_to_top", "length_sort", "no_sections", "lexicographical", "reverse_relative", "from_first",
               "group_by_package", "force_alphabetical_sort", "no_lines_before", "lines_between_types",
               "forced_separate", "length_sort_straight", "length_sort_sections", "treat_all_comments_as_code",
               "float_to_top", "honor_case_in_force_sorted_sections", "relative_imports_order")
# Removed from the standard library in 3.12 and 3.13, which isort still counts in it.
_REMOVED = ("asynchat", "asyncore", "distutils", "imp", "smtpd", "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt",
            "imghdr", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd",
            "sunau", "telnetlib", "uu", "xdrlib")


class SorterStyle:
    """The sorter's view of a project rooted at ``root``: ``sections`` in order, ``known`` (module pattern ->
    section), ``roots`` (where a top-level name is first-party), ``within`` (force_sort_within_sections),
    ``after`` (lines_after_imports, -1: 2 before a class or function, else 1), ``single`` (force_single_line),
    ``line_length`` (above it, the sorter wraps a statement),
    ``modelled`` (False: an option that orders otherwise is set, so nothing is moved). Sections of modules are
    remembered for the run."""

    def __init__(self, root: str, options: dict[str, object], src: tuple[str, ...] = ()) -> None:
        options = {**_PROFILES.get(str(options.get("profile", "")), {}), **options}
        self.root = root
        between = options.get("lines_between_sections", 1)
        self.modelled = not any(options.get(key) for key in _UNMODELLED) and between == 1
        self.within = bool(options.get("force_sort_within_sections"))
        self.single = bool(options.get("force_single_line"))
        self.case_sensitive = bool(options.get("case_sensitive"))
        self.order_by_type = bool(options.get("order_by_type", True))
        length = options.get("line_length", 79)
        self.line_length = length if isinstance(length, int) and length > 0 else 79
        after = options.get("lines_after_imports", -1)
        self.after = after if isinstance(after, int) and -1 <= after <= 2 else -1
        sections = tuple(str(s).upper() for s in _listed(options.get("sections")) or SECTIONS)
        self.sections = sections if all(s in sections for s in (THIRDPARTY, FIRSTPARTY)) else SECTIONS
        self.default = str(options.get("default_section", THIRDPARTY)).upper()
        self.known: list[tuple[str, str]] = [("__future__", FUTURE)]
        for section in self.sections:
            key = _KNOWN.get(section, f"known_{section.lower()}")
            for key in (key, *(("extra_standard_library",) if section == STDLIB else ())):
                self.known += [(pattern, section) for pattern in _listed(options.get(key))]
        paths = _listed(options.get("src_paths")) or src or ("src", ".")
        self.roots = tuple(os.path.normpath(os.path.join(root, path)) for path in paths)
        self._sections: dict[str, str] = {}

    def section(self, module: str, level: int = 0) -> str:
        """The section an import of ``module`` (``level`` dots) goes in."""
        if level:
            return LOCALFOLDER
        if module not in self._sections:
            self._sections[module] = self._place(module)
        return self._sections[module]

    def _place(self, module: str) -> str:
        parts = module.split(".")
        for size in range(len(parts), 0, -1):
            name = ".".join(parts[:size])
            for pattern, section in self.known:
                if _matches(pattern, name):
                    return section
        top = parts[0]
        if top in _stdlib():
            return STDLIB
        for root in self.roots:
            base = os.path.join(root, top)
            if os.path.isdir(base) or os.path.isfile(base + ".py") or os.path.basename(root) == top:
                return FIRSTPARTY
        return self.default if self.default in self.sections else THIRDPARTY

    def rank(self, section: str) -> int:
        return self.sections.index(section) if section in self.sections else len(self.sections)

    def key(self, module: str, level: int, is_from: bool, names: str = "") -> tuple[object, ...]:
        """Where a statement sorts in its section: ``import`` before ``from`` by module (isort's and ruff's
        default), or by the line without its keyword (force_sort_within_sections)."""
        dotted = "." * level + module
        if self.within:
            line = f"{dotted} import {names}" if is_from else dotted
            return (0, line if self.order_by_type and self.case_sensitive else line.lower())
        return (int(is_from), dotted if self.case_sensitive else dotted.lower())

    def name_key(self, name: str) -> tuple[str, str]:
        """Where a name sorts among those of one ``from`` statement: constants, classes, then the rest
        (order_by_type), each alphabetically."""
        kind = ""
        if self.order_by_type:
            kind = "A" if name.isupper() and len(name) > 1 else "B" if name[:1].isupper() else "C"
        return kind, name if self.case_sensitive else name.lower()


def _listed(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(item.strip() for item in value.replace("\n", ",").split(",") if item.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value)
    return ()


def _matches(pattern: str, name: str) -> bool:
    if "*" in pattern or "?" in pattern:
        from fnmatch import fnmatchcase

        return fnmatchcase(name, pattern)
    return pattern == name


def _stdlib() -> frozenset[str]:
    names = getattr(sys, "stdlib_module_names", None)
    if names is None:  # Python 3.9: what the running interpreter's library folder holds
        folder = os.path.dirname(os.__file__)
        names = {entry.split(".")[0] for entry in os.listdir(folder) if entry.endswith(".py") or "." not in entry}
        dynload = os.path.join(folder, "lib-dynload")
        names |= {entry.split(".")[0] for entry in (os.listdir(dynload) if os.path.isdir(dynload) else ())}
        names |= set(sys.builtin_module_names)
        names -= {"site-packages", "dist-packages"}
    return frozenset(names) | frozenset(_REMOVED)


def find_style(folder: str, known: dict[str, SorterStyle]) -> SorterStyle:
    """The sorter's style for a file in ``folder``: the nearest folder holding a configuration file; ``known``
    (the run's, by folder) keeps each answer."""
    seen: list[str] = []
    current = os.path.realpath(folder)
    while current not in known:
        seen.append(current)
        style = _style_in(current)
        parent = os.path.dirname(current)
        if style is not None or parent == current:
            known[current] = style or SorterStyle(os.path.realpath(os.getcwd()), {})
            break
        current = parent
    for path in seen:
        known[path] = known[current]
    return known[current]


def _style_in(folder: str) -> SorterStyle | None:
    """The style configured in ``folder`` (isort first, then ruff), or None when no configuration file is there;
    a project file without a sorter section gives the defaults rooted there."""
    found = [name for name in _FILES if os.path.isfile(os.path.join(folder, name))]
    if not found:
        return None
    found = [name for name in found if _names_sorter(os.path.join(folder, name))]
    for name in found:
        options = _isort_options(os.path.join(folder, name))
        if options is not None:
            return SorterStyle(folder, options)
    for name in found:
        ruff = _ruff_options(os.path.join(folder, name))
        if ruff is not None:
            return SorterStyle(folder, *ruff)
    return SorterStyle(folder, {})


def _names_sorter(path: str) -> bool:
    """The cheap test before a parse (tomllib or configparser cost a hook call milliseconds): whether the file
    may configure a sorter at all."""
    name = os.path.basename(path)
    if name in (".isort.cfg", ".ruff.toml", "ruff.toml"):
        return True
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return b"isort" in data or name == "pyproject.toml" and b"tool.ruff" in data


def _isort_options(path: str) -> dict[str, object] | None:
    name = os.path.basename(path)
    if name == "pyproject.toml":
        table = _toml(path).get("tool", {}).get("isort")
        return dict(table) if isinstance(table, dict) else None
    if name.endswith("ruff.toml"):
        return None
    sections = ("settings", "isort") if name == ".isort.cfg" else ("isort", "tool:isort")
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return None
    for section in sections:
        if parser.has_section(section):
            return {key: _ini_value(value) for key, value in parser.items(section)}
    return None


def _ini_value(value: str) -> object:
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(lowered)
    except ValueError:
        return value


def _ruff_options(path: str) -> tuple[dict[str, object], tuple[str, ...]] | None:
    name = os.path.basename(path)
    if not name.endswith(".toml"):
        return None
    document = _toml(path)
    ruff = document.get("tool", {}).get("ruff") if name == "pyproject.toml" else document
    if not isinstance(ruff, dict):
        return None
    lint = ruff.get("lint", {}) if isinstance(ruff.get("lint"), dict) else {}
    table = lint.get("isort", ruff.get("isort", {}))
    table = table if isinstance(table, dict) else {}
    options: dict[str, object] = {key.replace("-", "_"): value for key, value in table.items()}
    if "section_order" in options:
        options["sections"] = [_RUFF_SECTIONS.get(str(s), str(s)) for s in _listed(options.pop("section_order"))]
    if isinstance(ruff.get("line-length"), int):
        options["line_length"] = ruff["line-length"]
    else:
        options.setdefault("line_length", 88)
    src = ruff.get("src")
    return options, _listed(src) if src else (".", "src")


def _toml(path: str) -> dict:
    from ..plain_toml import loads

    try:
        with open(path, "rb") as handle:
            document = loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError, tomllib.TOMLDecodeError
        return {}
    return document if isinstance(document, dict) else {}
