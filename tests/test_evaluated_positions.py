"""Uses of a legacy module are renamed wherever Python evaluates an expression, and uses reached
through another import of the same package are renamed or reported, never silently left."""
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import fixed, rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.source.syntax import parse

RULES = rules_of("zz.mock = zz.mock2")
OTHER_PACKAGE = rules_of("zz.mock = yy.mock2")
USE = "zz.mock.X"

# Each place holds ``{}`` where the use goes; the statement is complete on its own.
PLACES = [
    "@{}\ndef f():\n    pass\n",
    "@{}\nasync def f():\n    pass\n",
    "@{}\nclass C:\n    pass\n",
    "class C:\n    @{}\n    def m(self):\n        pass\n",
    "class C:\n    x = 1\n\n    @{}\n    @staticmethod\n    def m():\n        pass\n",
    "def outer():\n    @{}\n    def inner():\n        pass\n    return inner\n",
    "def outer():\n    @{}\n    class Inner:\n        pass\n",
    "@zz.other\n@{}\n\ndef f():\n    pass\n",
    "class C({}):\n    pass\n",
    "class C(metaclass={}):\n    pass\n",
    "class C(object,\n        {}):\n    pass\n",
    "def f(a={}):\n    pass\n",
    "def f(*, a={}):\n    pass\n",
    "def f(a: {}):\n    pass\n",
    "def f() -> {}:\n    pass\n",
    "def f(*args: {}, **kwargs: {}):\n    pass\n",
    "x: {} = 1\n",
    "g = lambda a={}: a\n",
    "g = lambda: {}\n",
    "s = f'{{{}!r}}'\n",
    "s = f'''\n{{\n{}}}'''\n",
    "for i in {}:\n    pass\n",
    "with {} as w:\n    pass\n",
    "try:\n    pass\nexcept {}:\n    pass\n",
    "assert {}, 'm'\n",
    "d = {{k: v for k, v in {}}}\n",
    "def f():\n    import zz\n    return {}\n",
    "def f():\n    import zz.other\n    return {}\n",
    "def f():\n    def g():\n        import zz\n        return {}\n",
]
if sys.version_info >= (3, 10):
    PLACES.append("match x:\n    case {}:\n        pass\n")
if sys.version_info >= (3, 12):
    PLACES.append("def f[T: {}]():\n    pass\n")
    PLACES.append("type A = {}\n")


def _program(place: str) -> str:
    return "import zz.mock\n\n\n" + place.format(*[USE] * place.count("{}"))


@pytest.mark.parametrize("place", PLACES)
def test_every_evaluated_position_is_renamed(place):
    source = _program(place)
    assert fixed(source, RULES) == source.replace("zz.mock", "zz.mock2")


@pytest.mark.parametrize("place", PLACES)
def test_every_evaluated_position_is_reported(place):
    source = _program(place)
    uses = [f for f in find(source, RULES) if f.code == "ULG002"]
    assert len(uses) == place.count("{}")


def test_one_file_with_every_position():
    source = "import zz.mock\n\n\n" + "\n\n".join(place.format(*[USE] * place.count("{}")) for place in PLACES)
    result = fixed(source, RULES)
    assert result == source.replace("zz.mock", "zz.mock2")
    parse(result)


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "import zz.mock\n\n@zz.mock.patch('x')\ndef f():\n    pass\n",
            "import zz.mock2\n\n@zz.mock2.patch('x')\ndef f():\n    pass\n",
            id="decorator-only use",
        ),
        pytest.param(
            "import zz.mock\nimport zz.other\n\ndef f():\n    import zz\n    return zz.mock.x, zz.other.y\n",
            "import zz.mock2\nimport zz.other\n\ndef f():\n    import zz\n    return zz.mock2.x, zz.other.y\n",
            id="local import of the package",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source, RULES) == expected


@pytest.mark.parametrize(
    "source",
    (
        "import zz.mock\n\ndef f(zz):\n    return zz.mock.x\n",
        "import zz.mock\n\ndef f():\n    from q import zz\n    return zz.mock.x\n",
        "import zz.mock\n\ndef f():\n    import q as zz\n    return zz.mock.x\n",
        "import zz.mock\n\ndef f():\n    import zz.other as zz\n    return zz.mock.x\n",
        "def f():\n    zz.mock.x\n",
    ),
)
def test_other_objects_named_like_the_package_are_left(source):
    assert fixed(source, RULES) == source.replace("import zz.mock\n", "import zz.mock2\n")
    assert [f.code for f in find(source, RULES) if f.code == "ULG002"] == []


NOT_IMPORTED = "no module-level 'import zz.mock' here is rewritten with it"


@pytest.mark.parametrize(
    ("source", "rules", "reason"),
    (
        pytest.param("import zz\nzz.mock.x()\n", RULES, NOT_IMPORTED, id="no import"),
        pytest.param(
            "def f():\n    import zz.mock\n\ndef g():\n    import zz\n    return zz.mock.x\n",
            RULES,
            NOT_IMPORTED,
            id="import of the module in another function",
        ),
        pytest.param(
            "import zz.mock\n\ndef f():\n    import zz\n    return zz.mock.x\n",
            OTHER_PACKAGE,
            "yy.mock2 has another top-level name",
            id="rule changes the package",
        ),
    ),
)
def test_uses_through_another_import_reported_when_not_renamed(source, rules, reason):
    (use,) = [f for f in find(source, rules) if f.code == "ULG002"]
    assert use.message.endswith(f"; not rewritten: {reason}")
    assert "through the import of zz at line" in use.message
    assert use.edits == ()
    assert "zz.mock.x" in fixed(source, rules)


def test_reported_use_honours_noqa():
    assert find("import zz\nzz.mock.x()  # noqa: ULG002\n", RULES) == []


# A dotted use planted at random places of generated code is always renamed.
_LEAVES = st.sampled_from(["{}", "{}.attr", "{}()", "{}[0]", "f({})", "-{}", "({}, 1)", "[{}]"])
_STATEMENT_PLACES = st.sampled_from(
    ["x = {}", "return {}", "yield {}", "del a[{}]", "raise {}", "print({})", "assert {}", "a[{}] = 1"]
    + PLACES
)


@st.composite
def _program_with_uses(draw):
    lines = ["import zz.mock"]
    for _ in range(draw(st.integers(1, 6))):
        place = draw(_STATEMENT_PLACES)
        expression = USE if "case" in place else draw(_LEAVES).format(USE)  # a pattern takes a dotted name only
        statement = place.format(*[expression] * place.count("{}"))
        if statement.startswith(("return", "yield")):
            statement = "def h():\n    " + statement
        depth = draw(st.integers(0, 2))
        headers = [draw(st.sampled_from(["def d():", "class K:", "if c:"])) for _ in range(depth)]
        prefix = "".join(f"{'    ' * i}{header}\n" for i, header in enumerate(headers))
        body = "".join(f"{'    ' * depth}{line}\n" for line in statement.rstrip("\n").split("\n"))
        lines.append(prefix + body)
    return "\n".join(lines) + "\n"


@given(_program_with_uses())
def test_generated_uses_leave_nothing_behind(source):
    parse(source)
    result = fixed(source, RULES)
    assert result == source.replace("zz.mock", "zz.mock2")
