"""The rule map: where it is configured and how it is read.

One lookup for the command line, both hooks and the flake8 plugin: ``--rule``/``--config`` first; otherwise,
from the current directory upwards, the first folder with a configuration of the rules, in ``pyproject.toml``
(``[tool.unified-logging]``) or in the ``[flake8]`` section of ``setup.cfg``, ``tox.ini`` or ``.flake8``.
A file the lookup meets that belongs to another user (not root, not the one running) is not read, unless its
folder is listed in ``UNIFIED_LOGGING_TRUSTED``: it would choose the rules of the run.
"""
from __future__ import annotations

import os
import sys
from _collections_abc import Callable, Iterator, Sequence

from .files import SourceError, read_bytes
from .records import Record
from .rules import DEFAULT_RULES, RuleError, RuleSet, parse_rules, without_comment

PYPROJECT = "pyproject.toml"
CONFIG_NAMES = ("setup.cfg", "tox.ini", ".flake8")
SECTION = "flake8"
OPTION = "unified-logging-rules"
TOOL = "unified-logging"
TOOL_KEYS = ("rules", "source-roots", "target-check", "fix-strings", "strict", "cache")
ROOTS_OPTION = "unified-logging-source-roots"
CHECK_OPTION = "unified-logging-target-check"
STRINGS_OPTION = "unified-logging-fix-strings"
STRICT_OPTION = "unified-logging-strict"
CACHE_OPTION = "unified-logging-cache"
TRUST_VARIABLE = "UNIFIED_LOGGING_TRUSTED"


class UntrustedConfig(RuleError):
    """A configuration file of another user, met by the lookup: not read."""


def _folders(start: str) -> Iterator[str]:
    """``start`` and the folders above it; like flake8, the search stops before the home folder and at the root."""
    home = os.path.realpath(os.path.expanduser("~"))
    path = os.path.realpath(start)
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path or parent == home:
            return
        path = parent


def _read_bytes(path: str) -> bytes | None:
    try:
        return read_bytes(path)
    except SourceError:
        return None


def _may_name(data: bytes) -> bool:
    """A cheap test of a pyproject.toml's bytes: could a table of it be this tool's, or a misspelling of it?"""
    lowered = data.lower()
    return any(part[:4].encode() in lowered for part in TOOL.split("-"))


def _configures_rules(path: str) -> bool:
    """Whether ``path`` sets the rules. Only a file that spells the option's name is parsed."""
    data = _read_bytes(path)
    if data is None:
        return False
    if os.path.basename(path) == PYPROJECT:
        return _may_name(data) and "rules" in _cached_table(path, data)
    lowered = data.lower()
    if OPTION.encode() not in lowered and OPTION.replace("-", "_").encode() not in lowered:
        return False
    parser = _parse_ini(path)
    return _ini_get(parser, OPTION) is not None


def find_rules_file(start: str = ".") -> str | None:
    """The file of the first folder from ``start`` upwards that configures the rules (None: the built-in ones).

    Two files of one folder that both configure them are an error naming both. A folder whose files configure no
    rules but hold one of another user (``UntrustedConfig``) ends the lookup: that file may have configured them.
    """
    for folder in _folders(start):
        present = [path for path in (os.path.join(folder, name) for name in (PYPROJECT, *CONFIG_NAMES))
                   if os.path.isfile(path)]
        untrusted = [path for path in present if _owner(path) is not None]
        found = [path for path in present if path not in untrusted and _configures_rules(path)]
        if len(found) > 1:
            raise RuleError(f"{' and '.join(found)} both configure the rules; keep one")
        if found:
            return found[0]
        if untrusted:
            path = untrusted[0]
            raise UntrustedConfig(
                f"not read: it belongs to another user (uid {_owner(path)}); to trust it, set "
                f"{TRUST_VARIABLE}={folder} (folders separated by '{os.pathsep}', '*' for any)",
                path,
            )
    return None


def _owner(path: str) -> int | None:
    """The owner of ``path`` when it is another user (not root, not the one running) whose folder is not trusted;
    None when the lookup may read it."""
    try:
        owner = os.stat(path).st_uid
    except OSError:
        return None
    if owner in (0, os.geteuid()):
        return None
    folder = os.path.dirname(path)
    for entry in os.environ.get(TRUST_VARIABLE, "").split(os.pathsep):
        if entry == "*" or (entry and os.path.realpath(entry) == folder):
            return None
    return owner


def lookup_files(start: str = ".") -> Iterator[str]:
    """Every file the lookup from ``start`` may read (whether it exists or not), nearest first."""
    for folder in _folders(start):
        for name in (PYPROJECT, *CONFIG_NAMES):
            yield os.path.join(folder, name)


def rules_from_file(path: str) -> RuleSet:
    """Rules of ``path`` (pyproject.toml, or a flake8 configuration file), or the built-in ones if it sets none."""
    return load_settings(path, None).rules


def _readable_config(path: str) -> bytes:
    """The bytes of a configuration file named with ``--config``, or an error saying why there are none."""
    try:
        return read_bytes(path)
    except SourceError as error:
        reason = str(error).replace("; not read", "")
        raise RuleError("configuration file not found" if reason == "no such file" else reason, path) from None


def _settings_from_ini(path: str) -> Settings:
    _readable_config(path)
    parser = _parse_ini(path)
    if not parser.has_section(SECTION):
        return Settings(DEFAULT_RULES)
    rules = DEFAULT_RULES
    value = _ini_get(parser, OPTION)
    if value is not None:
        rules = parse_rules(_number_lines(path, _option_line, split_rule_text(value)), path)
    roots, check, strings, strict, cache = (
        _ini_get(parser, o) or "" for o in (ROOTS_OPTION, CHECK_OPTION, STRINGS_OPTION, STRICT_OPTION, CACHE_OPTION)
    )
    entries = [entry.strip() for line in roots.splitlines() for entry in line.split(",") if entry.strip()]
    flags = (
        _flag(path, CHECK_OPTION, check or "true"),
        _flag(path, STRINGS_OPTION, strings or "false"),
        _flag(path, STRICT_OPTION, strict or "false"),
        _flag(path, CACHE_OPTION, cache or "true"),
    )
    return Settings(rules, _roots(path, entries), *flags)


def _ini_get(parser, option: str) -> str | None:  # noqa: ANN001 (configparser is imported lazily)
    """``option`` of the ``[flake8]`` section, spelled with dashes or underscores; None when it is not set."""
    for key in (option, option.replace("-", "_")):
        if parser.has_section(SECTION) and parser.has_option(SECTION, key):
            return parser.get(SECTION, key)
    return None


def _roots(path: str, entries: Sequence[str]) -> tuple[str, ...]:
    """Source roots, relative to the configuration file's folder; each must be a folder."""
    folder = os.path.dirname(os.path.abspath(path))
    roots = []
    for entry in entries:
        root = os.path.normpath(os.path.join(folder, entry))
        if not os.path.isdir(root):
            raise RuleError(f"source root {entry!r} is not a folder", path)
        roots.append(root)
    return tuple(roots)


def _flag(path: str, option: str, value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    if value.strip().lower() in ("true", "yes", "on", "1"):
        return True
    if value.strip().lower() in ("false", "no", "off", "0"):
        return False
    raise RuleError(f"{option} must be true or false, not {value.strip()!r}", path)


class Settings(Record):
    """The rules, the source roots (absolute), whether rewrites are checked against the files they import,
    whether ``fix`` rewrites the strings that name legacy modules where Python resolves them, whether it fails
    on what only the target package can fix (``ULG005``), and whether results are kept between runs."""

    __slots__ = ()
    rules: RuleSet
    source_roots: tuple[str, ...]
    target_check: bool
    fix_strings: bool
    strict: bool
    cache: bool

    def __new__(
        cls,
        rules: RuleSet,
        source_roots: tuple[str, ...] = (),
        target_check: bool = True,
        fix_strings: bool = False,
        strict: bool = False,
        cache: bool = True,
    ) -> Settings:
        return tuple.__new__(cls, (rules, source_roots, target_check, fix_strings, strict, cache))


def split_rule_text(text: str) -> list[tuple[int, str]]:
    """Numbered rule entries of an option value: one per line, commas also separate (not inside a factory's
    parentheses or quotes)."""
    entries: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entries.extend((number, entry) for entry in _split_commas(without_comment(line)))
    return entries


def _split_commas(text: str) -> list[str]:
    parts, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth <= 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def load_rules(config: str | None, rules: Sequence[str] | None, start: str = ".") -> RuleSet:
    """``--rule`` replaces the configuration; ``--config`` names it; else the first found from ``start`` upwards."""
    return load_settings(config, rules, start).rules


def load_settings(
    config: str | None, rules: Sequence[str] | None, start: str = ".", given: bool = False
) -> Settings:
    """The rules as ``load_rules`` finds them, with the other options of the same file. A configuration of
    another user met by the lookup is an error, unless ``--rule`` (or ``given``: flake8's option) sets the rules:
    then it is named on stderr and the run goes on without it."""
    try:
        path = config or find_rules_file(start)
    except UntrustedConfig as error:
        if not (rules or given):
            raise
        sys.stderr.write(f"unified-logging: warning: {error}\n")
        path = None
    if path is None:
        options = Settings(DEFAULT_RULES)
    elif os.path.basename(path) == PYPROJECT:
        options = _settings_from_pyproject(path)
    else:
        options = _settings_from_ini(path)
    return options._replace(rules=rules_from_arguments(rules)) if rules else options


def rules_from_arguments(rules: Sequence[str]) -> RuleSet:
    return parse_rules([(0, rule) for rule in rules], "--rule")


def rules_from_option(value: str | None, start: str = ".") -> RuleSet:
    """Rules as flake8 hands the option over; without it, the same lookup as the command line's."""
    if value is None or not value.strip():
        return load_rules(None, None, start)
    return parse_rules(split_rule_text(value), OPTION)


# -- flake8's files -------------------------------------------------------------------------------------------


def _parse_ini(path: str):  # -> configparser.RawConfigParser; configparser is imported only here
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="UTF-8")
    except (UnicodeDecodeError, configparser.Error) as error:
        raise RuleError(f"cannot read configuration: {' '.join(str(error).split())}", path) from None
    return parser


def _option_line(line: str) -> bool:
    """Whether ``line`` sets the option in an ini file (``unified-logging-rules =``, any case, ``_`` or ``:``)."""
    text = line.lstrip().casefold()
    if text[:7] != "unified" or text[8:15] != "logging" or text[16:21] != "rules" or len(text) < 22:
        return False
    return text[7] in "-_" and text[15] in "-_" and text[21:].lstrip()[:1] in ("=", ":")


def _tool_line(line: str) -> bool:
    return "unified-logging" in line.casefold()


def _number_lines(path: str, is_key: Callable[[str], bool], entries: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Pair each rule entry with its line in the file: the first line at or after the key's that holds it."""
    with open(path, encoding="UTF-8") as file:
        lines = file.read().splitlines()
    at = next((i for i, line in enumerate(lines) if is_key(line)), 0)
    numbered = []
    for _, entry in entries:
        text = entry.strip()
        if text:
            found = next((i for i in range(at, len(lines)) if text in lines[i]), at)
            at = found
            numbered.append((found + 1, entry))
    return numbered


# -- pyproject.toml -------------------------------------------------------------------------------------------


def _cached_table(path: str, data: bytes) -> dict:
    """``_tool_table``, remembered for the file's exact bytes: reading TOML costs a hook call milliseconds."""
    from .table_cache import read, write

    cached = read(path, data)
    if cached is not None:
        return cached
    table = _tool_table(path, data)
    write(path, data, table)
    return table


def _tool_table(path: str, data: bytes) -> dict:
    """``[tool.unified-logging]`` of a pyproject.toml, checked: only known keys, rules a list of strings."""
    from .plain_toml import loads

    try:
        document = loads(data.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError, tomllib.TOMLDecodeError
        raise RuleError(f"cannot read configuration: {' '.join(str(error).split())}", path) from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise RuleError(f"tool must be a table holding [tool.{TOOL}], not {_toml_type(tool)}", path)
    from .table_names import lookalike

    misspelt = lookalike(tool, TOOL)
    if misspelt is not None:
        raise RuleError(f"[tool.{misspelt}] is not read: the table is spelt [tool.{TOOL}]", path)
    table = tool.get(TOOL, {})
    if not isinstance(table, dict):
        raise RuleError(f"[tool.{TOOL}] must be a table", path)
    for key in table:
        if key not in TOOL_KEYS:
            raise RuleError(f"[tool.{TOOL}]: unknown option {key!r} (known: {', '.join(TOOL_KEYS)})", path)
    for key in ("rules", "source-roots"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RuleError(f"[tool.{TOOL}] {key} must be a list of strings", path)
    for key, default in (("target-check", True), ("fix-strings", False), ("strict", False), ("cache", True)):
        if not isinstance(table.get(key, default), bool):
            raise RuleError(f"[tool.{TOOL}] {key} must be true or false", path)
    return table


def _toml_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "an array"}
    return names.get(type(value), "a date or time")


def _settings_from_pyproject(path: str) -> Settings:
    data = _readable_config(path)
    table = _cached_table(path, data) if _may_name(data) else {}
    rules = DEFAULT_RULES
    if "rules" in table:
        rules = parse_rules(_number_lines(path, _tool_line, [(0, rule) for rule in table["rules"]]), path)
    roots = _roots(path, table.get("source-roots", []))
    keys = ("target-check", "fix-strings", "strict", "cache")
    flags = [table.get(key, key in ("target-check", "cache")) for key in keys]
    return Settings(rules, roots, *flags)
