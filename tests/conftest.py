from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from flake8_unified_logging.source.origin import Origin
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES, RuleSet, parse_rules

settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("campaign", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("default")


def rules_of(*lines: str) -> RuleSet:
    return parse_rules(list(enumerate(lines, start=1)), "test")


def fixed(source: str, rules: RuleSet = DEFAULT_RULES, package: tuple[str, ...] | None = None) -> str:
    return fix_text(source, rules, Origin(package)).text


@pytest.fixture
def write(tmp_path):
    """Write files under a temporary folder: ``write("a/b.py", text)`` returns the path."""

    def write_file(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode())
        else:
            path.write_bytes(content)
        return str(path)

    return write_file


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Each test (and the processes it starts) caches configuration tables in a folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
