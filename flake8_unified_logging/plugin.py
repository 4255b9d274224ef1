"""The flake8 plugin: reports the finder's findings on the tree flake8 already parsed.

What fails a commit is what fails the fixing hook: ``ULG005`` (the new package lacks a module, name or member,
which only its owners can change) is reported only under ``strict``, or when ``--select``/``--extend-select``
names ``ULG005`` itself."""
from __future__ import annotations

import ast
import sys
from _collections_abc import Iterator
from _functools import partial
from typing import Any

from . import __version__
from .config import OPTION, load_settings, rules_from_option
from .files import SourceError, decode, read_bytes
from .resolve.targets import TargetCheck
from .rules import DEFAULT_RULES, RuleError, RuleSet

TARGET_MISSING = "ULG005"  # engine.findings' code, spelt here: the plugin loads the engine only for a legacy file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .commands.flake8_cache import FindingCache
    from .config import Settings


class UnifiedLoggingChecker:
    name = "flake8-unified-logging"
    version = __version__
    rules: RuleSet = DEFAULT_RULES
    honor_noqa = True
    targets: TargetCheck | None = None
    kept: FindingCache | None = None
    settings: Settings | None = None  # the configuration the kept findings are for (None: nothing is kept)
    shows_unresolved = False  # whether ULG005 is reported: under ``strict``, or when selected by its full code

    def __init__(self, tree: ast.Module, lines: list[str], filename: str) -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            f"--{OPTION}",
            parse_from_config=True,
            default=None,
            help="legacy module rules, 'old.module = new.module', one per line or comma-separated "
            "(default: the rules configured for unified-logging, pyproject.toml included)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        try:
            value = options.unified_logging_rules
            settings = load_settings(None, None, given=bool(value and value.strip()) and _named(options))
            cls.rules = rules_from_option(value) if value and value.strip() else settings.rules
            cls.targets = TargetCheck(settings.source_roots) if settings.target_check else TargetCheck(enabled=False)
            cls.honor_noqa = not getattr(options, "disable_noqa", False)
            cls.settings = settings._replace(rules=cls.rules) if settings.cache else None
            cls.shows_unresolved = settings.strict or _selected(options, TARGET_MISSING)
        except RuleError as error:
            sys.stderr.write(f"flake8-unified-logging: error: {error}\n")
            raise SystemExit(2) from None

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        if self.rules.may_be_module_file(self.filename):
            from .engine.guard import guard  # the engine: loaded for the first file that may need it

            for finding in guard(self.filename, self.rules, self.targets):
                yield finding.line, finding.col, finding.text, type(self)
        text = "".join(self.lines)
        if not self.rules.occur_in(text):
            return
        cookie = "coding" in "".join(self.lines[:2])
        refused = None if text.isascii() and not cookie else _undecodable(self.filename)
        if refused is not None:
            from .engine.finder import UNFIXABLE

            # flake8 read the file as latin-1; the command line refuses it: say the same thing here.
            yield 1, 0, f"{UNFIXABLE} {refused}; not checked or rewritten (the command line refuses it too)", type(self)
            return
        for line, col, message in self._findings(text):
            if self.shows_unresolved or not message.startswith(TARGET_MISSING):
                yield line, col, message, type(self)

    def _findings(self, text: str) -> list[tuple[int, int, str]]:
        """The file's findings: kept from an earlier run while the file and what they read are unchanged."""
        kept = self._kept() if self.filename not in ("-", "stdin") else None
        found = kept.findings(self.filename, text) if kept is not None else None
        if found is not None:
            return found
        targets = self.targets or TargetCheck(enabled=False)
        found, read = targets.reads.of_file(self.filename, partial(self._found, text, targets))
        if kept is not None and read is not None:
            kept.keep(self.filename, text, found, read)
        return found

    def _found(self, text: str, targets: TargetCheck) -> list[tuple[int, int, str]]:
        from .engine.finder import find  # the engine: loaded for the first file it must read
        from .source.origin import origin_of

        origin = origin_of(self.filename)
        findings = find(text, self.rules, tree=self.tree, origin=origin, honor_noqa=self.honor_noqa, targets=targets)
        return [(finding.line, finding.col, finding.text) for finding in findings]

    @classmethod
    def _kept(cls) -> FindingCache | None:
        """The findings kept between runs, read for the first file that names a legacy module."""
        if cls.kept is None and cls.settings is not None:
            from .commands.flake8_cache import FindingCache

            cls.kept = FindingCache(cls.settings, cls.honor_noqa)
        return cls.kept


def _selected(options: Any, code: str) -> bool:
    """Whether ``--select`` or ``--extend-select`` names ``code`` itself (``ULG`` selects the codes that fail a
    commit)."""
    chosen = [*(getattr(options, "select", None) or []), *(getattr(options, "extend_select", None) or [])]
    return code in (c.strip() for c in chosen)


def _named(options: Any) -> bool:
    """Whether flake8 took the rules from its command line or a configuration named there: a file its own lookup
    found is one ``load_settings`` must judge (it may belong to another user)."""
    typed = any(arg.startswith((f"--{OPTION}", f"--{OPTION.replace('-', '_')}")) for arg in sys.argv)
    return typed or bool(getattr(options, "config", None))


def _undecodable(filename: str) -> str | None:
    """Why the command line cannot decode ``filename`` (Python's rules: BOM, coding cookie, else UTF-8), if so."""
    if filename in ("-", "stdin"):
        return None
    try:
        decode(read_bytes(filename))
    except SourceError as error:
        return str(error)
    return None
