"""Property: on generated programs full of legacy imports, the fixer never breaks code and is idempotent."""
import ast
import io
import tokenize

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flake8_unified_logging.finder import Origin, find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES

LEGACY = ["utils.logger_utils", "logging_config", "utils.logger_utils.handlers", "utils.logging", "utils.helpers"]
names = st.sampled_from(["a", "b", "lu", "get_service_logger", "utils", "logger_utils", "x"])
modules = st.sampled_from(LEGACY)
space = st.sampled_from([" ", "  ", "\t", " \\\n    "])
comment = st.sampled_from(["", "  # c", "  # noqa", "  # noqa: ULG001", "  # noqa: E501"])


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
def plain_import(draw):
    parts = draw(st.lists(st.tuples(modules, st.one_of(st.none(), names)), min_size=1, max_size=3))
    return "import " + ", ".join(f"{m} as {a}" if a else m for m, a in parts)


@st.composite
def use(draw):
    top = draw(st.sampled_from(["utils", "logging_config"]))
    return f"{top}.{draw(st.sampled_from(['logger_utils', 'helpers', 'x']))}.f()"


simple = st.one_of(
    from_import(),
    plain_import(),
    use(),
    st.sampled_from(["utils = 1", "x = 'utils.logger_utils'", "pass", "f'{utils.logger_utils.y}'", "del utils"]),
)


@st.composite
def line(draw):
    statements = draw(st.lists(simple, min_size=1, max_size=2))
    return "; ".join(statements) + draw(comment)


@st.composite
def block(draw, depth=0):
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["line", "line", "def", "try", "if", "class"] if depth < 2 else ["line"]))
        if kind == "line":
            lines.append(draw(line()))
            continue
        header = {
            "def": f"def f({draw(st.sampled_from(['', 'utils', 'x']))}):",
            "try": "try:",
            "if": "if TYPE_CHECKING:",
            "class": "class C:",
        }[kind]
        inner = draw(block(depth + 1))
        lines.append(header)
        lines.extend("    " + text if text else text for text in inner.split("\n"))
        if kind == "try":
            lines.extend(["except ImportError:", "    pass"])
    return "\n".join(lines)


def comments_of(source):
    return [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block(), st.sampled_from([None, ("utils",), ("app", "api")]))
def test_fix_never_breaks_code_and_is_idempotent(source, package):
    source += "\n"
    try:
        ast.parse(source)
    except SyntaxError:
        return
    origin = Origin(package)
    result = fix_text(source, DEFAULT_RULES, origin)
    ast.parse(result.text)
    assert fix_text(result.text, DEFAULT_RULES, origin).text == result.text
    assert not [f for f in find(result.text, DEFAULT_RULES, origin=origin) if f.edits]
    assert comments_of(result.text) == comments_of(source)
    assert result.text.count("\n") == source.count("\n")
    if result.text == source:
        assert not [f for f in result.findings if f.edits]
