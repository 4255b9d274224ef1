"""The plain TOML reader answers only where tomllib gives the same document, and answers for the files people write:
generated documents of every construct (the subset's and those it leaves to tomllib, valid or not) and real
pyproject.toml files."""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from flake8_unified_logging import plain_toml

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

bare = st.text("abcXYZ019-_", min_size=1, max_size=6)
quoted_key = st.one_of(bare.map(lambda k: f'"{k} x"'), bare.map(lambda k: f"'{k}.y'"))
key = st.one_of(bare, bare, quoted_key)
space = st.sampled_from(["", " ", "  ", "\t"])
comment = st.sampled_from(["", " # note", "  #", " # é ü", " # tab\there"])
string = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\"\\\n\r"), max_size=8).map(
        lambda s: f'"{s}"'),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="'\n\r"), max_size=8).map(
        lambda s: f"'{s}'"),
    st.sampled_from(['"a\\"b"', '"tab\\tnew\\nline"', '"back\\\\slash"', "'''\nline\nlines'''", "'''a''''",
                     '"""\ntext "x" here"""', '"""two""""', "'''x'''''"]),
)
integer = st.sampled_from(["0", "1", "-7", "+3", "1_000", "42"])
scalar = st.one_of(string, integer, st.sampled_from(["true", "false"]))


@st.composite
def value(draw, depth=0):
    kind = draw(st.sampled_from(["scalar", "scalar", "array", "table"] if depth < 2 else ["scalar"]))
    if kind == "scalar":
        return draw(scalar)
    if kind == "array":
        items = draw(st.lists(value(depth + 1), max_size=3))
        gap = draw(st.sampled_from([" ", "\n    ", "\n  # c\n  "]))
        trailing = "," if items and draw(st.booleans()) else ""
        return "[" + gap + ("," + gap).join(items) + trailing + gap.rstrip(" ") + "]"
    pairs = draw(st.lists(st.tuples(key, value(depth + 1)), max_size=3, unique_by=lambda p: _key_text(p[0])))
    return "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + (" }" if pairs else "}")


def _key_text(text: str) -> str:
    return text[1:-1] if text[:1] in "\"'" else text


@st.composite
def plain_document(draw):
    lines, seen_tables = [], set()
    for _ in range(draw(st.integers(0, 4))):
        path = tuple(draw(st.lists(bare, min_size=1, max_size=3)))
        if path in seen_tables or any(path[: i] in seen_tables for i in range(1, len(path))):
            continue
        seen_tables.add(path)
        header = draw(space) + "[" + draw(space) + ".".join(path) + draw(space) + "]" + draw(comment)
        lines.append(header)
        keys = draw(st.lists(key, max_size=3, unique_by=_key_text))
        for name in keys:
            if any(path + (_key_text(name),) == table[: len(path) + 1] for table in seen_tables):
                continue
            lines.append(f"{draw(space)}{name}{draw(space)}={draw(space)}{draw(value())}{draw(comment)}")
        lines.append(draw(st.sampled_from(["", "# between", "   "])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


@given(plain_document())
@example("[tool.unified-logging]\nrules = [\n  'a = b',  # x\n  \"c:D = e:D\",\n]\n")
def test_a_plain_document_is_read_without_tomllib_as_tomllib_reads_it(text):
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # a header the generator made twice through another spelling
        return
    assert plain_toml._Reader(text).document() == expected


PIECES = ["[a]", "[a.b]", "[ a . 'b' ]", "[[a]]", "[a]]", "[", "a = 1", "a = 2", "b = 'x'", 'c = "y\\u00e9"',
          'd = "\\q"', "e = 1.5", "f = 1979-05-27", "g = 0x1F", "h = 01", "i = 1__0", "j = _1", "k = +", "a.b = 1",
          "l = [1, 2,]", "m = [,]", "n = {x = 1,}", "o = {x = 1, x = 2}", "p = [\n1,\n]", "q = '''a\nb'''",
          'r = """a\\\nb"""', "s = truex", "t = true", "u = inf", "v = 'a' 'b'", "w = \"a\x01\"", "# c\x7f",
          "x = {y = {z = 1}}", "[x.y]", "[x]", "b = {}", "[b.c]", "y = 'é'", "z = '\t'", " = 1", "'' = 1",
          "'''k''' = 1", "[a.b.c]", "c = 1\r", "aa = [1] # c", "bb = {a=1}{", "cc = 1 2", "dd = \"a\"#c",
          '[[a.b]]', '[[ a ]]', '[[a] ]', 'a = []', '[[x.y]]', '[[b]]', '[b.c.d]', '[[b.c]]',
          "ee = '''x\ny'''", 'ff = """\nz"""', "gg = '\\u'"]


@given(st.lists(st.sampled_from(PIECES), max_size=8), st.sampled_from(["\n", "\r\n"]))
@example(["[a]", "a = 1", "[a.b]", "[a]"], "\n")
@example(["x = {y = {z = 1}}", "[x.y]"], "\n")
@example(["a = []", "[[a]]"], "\n")
@example(["[[a]]", "[a.b]", "[[a]]", "[a.b.c]"], "\n")
def test_any_document_is_read_as_tomllib_reads_it_or_left_to_tomllib(lines, newline):
    text = newline.join(lines)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        expected = None
    try:
        found = plain_toml._Reader(text).document()
    except plain_toml._NotPlain:
        found = None
    assert found is None or found == expected
    if expected is None:
        with pytest.raises(ValueError):
            plain_toml.loads(text)
    else:
        assert plain_toml.loads(text) == expected


OWN = [os.path.join(ROOT, "pyproject.toml"), os.path.join(ROOT, "examples", "legacy_app", "pyproject.toml")]


@pytest.mark.parametrize("path", OWN, ids=lambda path: os.path.relpath(path, ROOT))
def test_the_projects_own_files_are_read_without_tomllib(path):
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert plain_toml._Reader(text).document() == tomllib.loads(text)
