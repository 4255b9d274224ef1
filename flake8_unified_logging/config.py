"""The rule map, read from the same file and section flake8 reads its options from."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence

from .rules import DEFAULT_RULES, RuleError, RuleSet, parse_rules, split_rule_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    import configparser

CONFIG_NAMES = ("setup.cfg", "tox.ini", ".flake8")
SECTION = "flake8"
OPTION = "unified-logging-rules"
_OPTION_LINE = r"\s*unified[-_]logging[-_]rules\s*[=:]"


def _read(path: str) -> configparser.RawConfigParser | None:
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="UTF-8")
    except (UnicodeDecodeError, configparser.Error):
        return None
    return parser


def _candidates(start: str) -> Iterator[str]:
    """The setup.cfg, tox.ini and .flake8 files from ``start`` upwards, in the order flake8 reads them.

    Like flake8, the search stops before the home directory and at the filesystem root.
    """
    home = os.path.realpath(os.path.expanduser("~"))
    path = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(path, name)
            if os.path.isfile(candidate):
                yield candidate
        parent = os.path.dirname(path)
        if parent == path or parent == home:
            return
        path = parent


def find_config(start: str) -> str | None:
    """The first of setup.cfg, tox.ini, .flake8 with a flake8 section, from ``start`` upwards."""
    return _first_with_section(_candidates(start))


def _first_with_section(candidates: Iterable[str]) -> str | None:
    for candidate in candidates:
        parser = _read(candidate)
        if parser is not None and (SECTION in parser or f"{SECTION}:local-plugins" in parser):
            return candidate
    return None


def _may_set_rules(path: str) -> bool:
    """Whether ``path`` spells the option's name (keys are case-insensitive); unreadable files may."""
    try:
        with open(path, "rb") as file:
            data = file.read().lower()
    except OSError:
        return True
    return OPTION.encode() in data or OPTION.replace("-", "_").encode() in data


def rules_from_file(path: str) -> RuleSet:
    """Rules of the ``[flake8]`` section of ``path``, or the built-in rules if it sets none."""
    import configparser

    if not os.path.isfile(path):
        raise RuleError("configuration file not found", path)
    try:
        parser = configparser.RawConfigParser()
        parser.read(path, encoding="UTF-8")
    except (UnicodeDecodeError, configparser.Error) as error:
        raise RuleError(f"cannot read configuration: {' '.join(str(error).split())}", path) from None
    if not parser.has_section(SECTION):
        return DEFAULT_RULES
    for key in (OPTION, OPTION.replace("-", "_")):
        if parser.has_option(SECTION, key):
            value = parser.get(SECTION, key)
            return parse_rules(_number_lines(path, value), path)
    return DEFAULT_RULES


def _number_lines(path: str, value: str) -> list[tuple[int, str]]:
    """Pair each rule entry of the option's value with its line in the file."""
    with open(path, encoding="UTF-8") as file:
        lines = file.read().splitlines()
    at = next((i for i, line in enumerate(lines) if re.match(_OPTION_LINE, line, re.IGNORECASE)), 0)
    numbered = []
    for _, entry in split_rule_text(value):
        text = entry.strip()
        if text:
            found = next((i for i in range(at, len(lines)) if text in lines[i]), at)
            at = found
            numbered.append((found + 1, entry))
    return numbered


def rules_from_arguments(rules: Sequence[str]) -> RuleSet:
    return parse_rules([(0, rule) for rule in rules], "--rule")


def load_rules(config: str | None, rules: Sequence[str] | None, start: str = ".") -> RuleSet:
    """``--rule`` replaces the configuration; ``--config`` names it; else flake8's search."""
    if rules:
        return rules_from_arguments(rules)
    if config:
        return rules_from_file(config)
    candidates = list(_candidates(start))
    if not any(_may_set_rules(candidate) for candidate in candidates):
        return DEFAULT_RULES  # whichever file flake8 would pick sets no rules: no need to parse one
    path = _first_with_section(candidates)
    return rules_from_file(path) if path else DEFAULT_RULES


def rules_from_option(value: str | None) -> RuleSet:
    """Rules as flake8 hands the option over (from its configuration or its command line)."""
    if value is None or not value.strip():
        return DEFAULT_RULES
    return parse_rules(split_rule_text(value), OPTION)
