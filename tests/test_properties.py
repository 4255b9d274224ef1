"""Fuzzing: generated programs with legacy imports planted in every form and place.

The fixer must never break code, must change only what it has to, and must be idempotent;
the verifier's independent checks judge each rewrite. A long campaign:
``python -m pytest tests/test_properties.py --hypothesis-profile=campaign``.
"""
import ast

from hypothesis import example, given
from hypothesis import strategies as st

from flake8_unified_logging import verify
from flake8_unified_logging.cli import main
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.source.origin import Origin
from flake8_unified_logging.source.syntax import bound_name
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES

RULES = ("utils.logger_utils=utils.logging", "logging_config=utils.logging")
MODULES = ["utils.logger_utils", "logging_config", "utils.logger_utils.handlers", "utils.logging", "utils.helpers"]
names = st.sampled_from(["a", "b", "lu", "get_service_logger", "utils", "logger_utils", "x"])
modules = st.sampled_from(MODULES)
space = st.sampled_from([" ", "  ", "\t", " \\\n    "])
comment = st.sampled_from(["", "  # c", "  # noqa", "  # noqa: ULG001", "  # noqa: E501", "  # type: ignore"])


@st.composite
def from_import(draw):
    module = draw(modules)
    dots = draw(st.sampled_from(["", "", ".", "..."]))
    aliases = draw(st.lists(st.tuples(names, st.one_of(st.none(), names)), min_size=1, max_size=3))
    rendered = [f"{n} as {a}" if a else n for n, a in aliases]
    if draw(st.booleans()):
        body = "(\n    " + ",\n    ".join(rendered) + draw(st.sampled_from([",", ""])) + draw(comment) + "\n)"
    else:
        body = ", ".join(rendered)
    return f"from{draw(space)}{dots}{module}{draw(space)}import {body}"


@st.composite
def from_package(draw):
    dots = draw(st.sampled_from(["", ".", ".."]))
    package = draw(st.sampled_from(["utils", ""])) if dots else "utils"
    other = draw(st.sampled_from(["", ", helpers", ", logger_utils as lu"]))
    return f"from {dots}{package} import logger_utils{other}"


@st.composite
def plain_import(draw):
    parts = draw(st.lists(st.tuples(modules, st.one_of(st.none(), names)), min_size=1, max_size=3))
    return "import " + ", ".join(f"{m} as {a}" if a else m for m, a in parts)


@st.composite
def use(draw):
    top = draw(st.sampled_from(["utils", "logging_config"]))
    return f"{top}.{draw(st.sampled_from(['logger_utils', 'helpers', 'x']))}.f()"


simple = st.one_of(
    from_import(),
    from_package(),
    plain_import(),
    use(),
    st.sampled_from(
        [
            "utils = 1",
            "x = 'utils.logger_utils'",
            "pass",
            "f'{utils.logger_utils.y!r:>{w}}'",
            "del utils",
            "y = [utils.logger_utils.z for utils in range(3)]",
            "z = lambda utils: utils.logger_utils",
            "s = '''\nfrom utils.logger_utils import a\n'''",
            "print(logging_config)",
        ]
    ),
)


@st.composite
def line(draw):
    statements = draw(st.lists(simple, min_size=1, max_size=2))
    return "; ".join(statements) + draw(comment)


@st.composite
def block(draw, depth=0):
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["line", "line", "def", "try", "if", "class", "with"] if depth < 2 else ["line"]))
        if kind == "line":
            lines.append(draw(line()))
            continue
        header = {
            "def": f"def f({draw(st.sampled_from(['', 'utils', 'x']))}):",
            "try": "try:",
            "if": "if TYPE_CHECKING:",
            "class": "class C:",
            "with": "with open(p) as utils:",
        }[kind]
        inner = draw(block(depth + 1))
        lines.append(header)
        lines.extend("    " + text if text else text for text in inner.split("\n"))
        if kind == "try":
            lines.extend(["except ImportError:", "    pass"])
    return "\n".join(lines)


@st.composite
def source_file(draw):
    text = draw(block()) + "\n"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if not draw(st.integers(0, 4)):
        text = text[:-1]
    data = text.replace("\n", newline).encode()
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


PACKAGES = {None: "loose", ("utils",): "utils", ("app", "api"): "app/api"}


@given(source_file(), st.sampled_from(sorted(PACKAGES, key=str)))
def test_fix_never_breaks_code_and_changes_only_what_it_must(tmp_path_factory, data, package):
    try:
        ast.parse(data.decode("utf-8-sig"))
    except SyntaxError:
        return
    folder = tmp_path_factory.mktemp("fuzz") / PACKAGES[package]
    folder.mkdir(parents=True)
    for depth in range(len(package or ())):
        [folder, *folder.parents][depth].joinpath("__init__.py").write_text("")
    path = folder / "m.py"
    path.write_bytes(data)
    status = main(["fix", "--jobs", "1", str(path)])
    after = path.read_bytes()
    assert status in (0, 1)
    failures, _ = verify.check_rewrite(data, after, list(package or ()), verify.Renamer(RULES))
    assert failures == []
    assert main(["fix", "--jobs", "1", str(path)]) in (0, 1)
    assert path.read_bytes() == after


@given(block(), st.sampled_from(sorted(PACKAGES, key=str)))
@example("from utils.logger_utils import a\nfrom utils.logger_utils import b", None)  # joined as the sorter joins
@example("from utils.logger_utils import a\nfrom utils.logger_utils import a; from .utils.logger_utils import (\n"
         "    a,\n)", ("app", "api"))  # a line sharing its statements: nothing goes into its middle
def test_second_pass_finds_nothing_to_fix(source, package):
    source += "\n"
    try:
        ast.parse(source)
    except SyntaxError:
        return
    origin = Origin(package)
    result = fix_text(source, DEFAULT_RULES, origin)
    assert not [f for f in find(result.text, DEFAULT_RULES, origin=origin) if f.edits]
    # Respelled statements of one new module may be joined, as the import sorter joins them: never a line more.
    assert result.text.count("\n") <= source.count("\n")
    assert _bound(result.text) == _bound(source)
    if result.text == source:
        assert not [f for f in result.findings if f.edits]


def _bound(text: str) -> set[str]:
    """The local names the file's imports bind, wherever they stand."""
    nodes = ast.walk(ast.parse(text))
    return {bound_name(a) for node in nodes if isinstance(node, (ast.Import, ast.ImportFrom)) for a in node.names}


@given(block(), st.sampled_from(["/p/utils/m.py", "/p/app/m.py", ""]))
def test_cheap_byte_test_never_skips_a_file_with_findings(source, where):
    source += "\n"
    try:
        findings = find(source, DEFAULT_RULES, origin=Origin(("utils",) if "/utils/" in where else None))
    except SyntaxError:
        return
    if findings:
        assert DEFAULT_RULES.may_occur_in(source.encode(), where)


encoding_lines = st.sampled_from(
    [
        b"", b"\n", b"\r\n", b"#!/usr/bin/env python\n", b"# -*- coding: latin-1 -*-\n",
        b"# vim: set fileencoding=cp1252 :\n", b"# coding=utf-8\n", b"# coding: bogus\n", b"# coding: ascii\n",
        b"x = 1  # coding: latin-1\n", b"\xef\xbb\xbf", b"caf\xc3\xa9 = 1\n", b"caf\xe9 = 1\n", b"# \xff\n",
        b"import os\r", b"#!python\r# coding: latin-1\r",
    ]
)


@given(st.lists(encoding_lines, max_size=4).map(b"".join))
def test_encoding_shortcut_agrees_with_tokenize(data):
    import io
    import tokenize

    from flake8_unified_logging.files import SourceError, _declared_encoding

    try:
        expected = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        expected = "error"
    try:
        found = _declared_encoding(data)
    except SourceError:
        found = "error"
    assert found == expected


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", " ", "é", "\f", "\v", "\u2028", "\x85", "x\n"]), max_size=14))
def test_line_starts_are_where_the_tokenizer_ends_lines(pieces):
    import re

    from flake8_unified_logging.source.positions import LineIndex

    text = "".join(pieces)
    assert LineIndex(text).starts == [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
