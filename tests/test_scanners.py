"""The scanners a hook call runs are written by hand, so that it never loads ``re`` (and ``enum`` with it): each
reads exactly as the regular expression it replaced, kept here as the reference, on generated text."""
from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_unified_logging.config import _option_line, _tool_line
from flake8_unified_logging.engine.import_syntax import _rest_of_line
from flake8_unified_logging.rules import parse_rules
from flake8_unified_logging.source.positions import LineIndex, _line_ends, scan
from flake8_unified_logging.table_names import _folded

# Characters that make the scanners' decisions: gaps, breaks, operators, word characters of every kind (a
# superscript digit is a word character but no decimal, an Arabic-Indic digit a decimal), quotes.
PIECES = [*" \t\f\\\r\n#.,()*;_aZé٣²Ⅻ1'\"=:-\v\x85", "...", "import", "from"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
SEGMENTS = ["utils", "logger_utils", "logging_config", "a", "b"]
BYTES = st.lists(
    st.sampled_from([*(s.encode() for s in SEGMENTS), b".", b" ", b"\t", b"\\", b"\n", b"\r", b"import", b"from",
                     b"x", b"_", b"1", b"\xc3\xa9", b"(", b","]),
    max_size=16,
).map(b"".join)

_GAP = rb"(?:[ \t\f\r\n]|\\)*"


def _reference_may_occur_in(rules, data: bytes, path: str) -> bool:
    """RuleSet.may_occur_in as it was written with ``re``."""

    def dotted(parts):
        return (_GAP + rb"\." + _GAP).join(re.escape(part.encode()) for part in parts)

    def word_at(word: bytes, pattern: bytes) -> bool:
        at = data.find(word)
        while at != -1:
            if (at == 0 or not (data[at - 1 : at].isalnum() or data[at - 1] == 95)) and re.compile(pattern).match(
                data, at
            ):
                return True
            at = data.find(word, at + 1)
        return False

    if rules.renamed and any(n.encode() in data for n in rules.renamed):
        if b"patch" in data or b"setattr" in data or b"delattr" in data:
            return True
    if not re.search(b"|".join(re.escape(n.encode()) for n in rules.needles), data):
        return False
    for rule in rules.rules:
        module = rule.old
        forms = [dotted(module) + rb"\b"]
        if len(module) > 1:
            forms.append(dotted(module[:-1]) + _GAP + rb"import\b")
        if module[-1].encode() not in data:
            continue
        if word_at(module[0].encode(), b"|".join(forms)):
            return True
        attribute = rb"\." + _GAP + re.escape(module[-1].encode()) + rb"(?![A-Za-z0-9_])"
        if len(module) > 1 and re.search(attribute, data):  # reached through a package above it
            for end in range(1, len(module)):
                above = [dotted(module[:end]) + rb"\b"]
                above += [dotted(module[: end - 1]) + _GAP + rb"import\b"] if end > 1 else []
                if word_at(module[0].encode(), b"|".join(above)):
                    return True
        if word_at(b"from", rb"from" + _GAP + rb"\."):
            where = os.path.abspath(path).encode() if path else b""
            if all(p.encode() in data or p.encode() in where for p in module[:-1]):
                return True
    return False


RULES = parse_rules(
    enumerate(["utils.logger_utils = utils.logging", "logging_config = utils.logging", "a.b.utils = c", "a:b = c:d"], 1)
)


@settings(max_examples=400, deadline=None)
@given(BYTES, st.sampled_from(["", "/repo/utils/m.py", "/repo/a/x.py"]))
def test_the_byte_test_reads_as_its_regular_expressions(data, path):
    assert RULES.may_occur_in(data, path) == _reference_may_occur_in(RULES, data, path)


_SCANNER = re.compile(
    r"(?P<space>[ \t\f]+|\\(?:\r\n|\r|\n))|(?P<comment>#[^\r\n]*)|(?P<newline>\r\n|\r|\n)"
    r"|(?P<name>[^\W\d]\w*)|(?P<op>\.\.\.|[.,()*;])|(?P<other>.)",
    re.DOTALL,
)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.data())
def test_the_span_scanner_reads_as_its_regular_expression(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = _SCANNER.finditer(text, start, end)
    expected = [(m.lastgroup, m.group(), m.start(), m.end()) for m in found if m.lastgroup != "space"]
    assert [tuple(token) for token in scan(LineIndex(text), start, end)] == expected


@given(TEXT)
def test_line_ends_are_the_tokenizers(text):
    assert _line_ends(text) == [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert LineIndex(text).starts == [0, *_line_ends(text)]


@given(TEXT, st.data())
def test_the_rest_of_an_alias_line_reads_as_its_regular_expression(text, data):
    at = data.draw(st.integers(0, len(text)))
    found = re.compile(r"[ \t\f]*,?[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)").match(text, at)
    assert _rest_of_line(text, at) == (found.end() if found else None)


@given(st.text(st.sampled_from(list(" \t_-:=xUNIFEDLOGRSunifedlogrs\u212a")), max_size=30))
def test_configuration_key_lines_read_as_their_regular_expressions(line):
    option = re.match(r"\s*unified[-_]logging[-_]rules\s*[=:]", line, re.IGNORECASE)
    assert _option_line(line) == bool(option) or "\u212a" in line
    assert _tool_line(line) == bool(re.match(r".*unified-logging", line, re.IGNORECASE)) or "\u212a" in line
    assert _folded(line) == re.sub(r"[^a-z0-9]", "", line.lower())
