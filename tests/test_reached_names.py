"""Every use of a name a name rule moves is reported, however its module is reached: imported from its package,
read through the package's import, through an alias, in every position Python evaluates. ``check`` never exits 0
with such a use left."""
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

RULE = "a.mod:f = b.mod:g"
# Library-shaped packages: a's __init__ imports its submodule, as many libraries do.
TREE = {
    "a/__init__.py": "from . import mod\n",
    "a/mod.py": "def f(x=None):\n    pass\n\ndef other():\n    pass\n",
    "b/__init__.py": "",
    "b/mod.py": "def g(x=None):\n    pass\n",
    "app/__init__.py": "",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(tree, capsys, source, rule=RULE, name="app/views.py"):
    (tree / name).write_text(source)
    code = main(["check", "--rule", rule, name])
    return code, capsys.readouterr().out.splitlines()


REPORTED = (
    ("from a import mod\nmod.f(1)\n", ["2:1"]),
    ("from a import mod as m\nm.f(1)\n", ["2:1"]),
    ("import a\na.mod.f(1)\n", ["2:1"]),
    ("import a.mod as m\nm.f(1)\n", ["2:1"]),
    ("import a.mod\na.mod.f(1)\n", ["2:1"]),
    ("import a.mod\nimport a\n\nclass C(a.mod.f):\n    pass\n", ["4:9"]),
    ("def run():\n    from a import mod\n    return mod.f\n", ["3:12"]),
    ("from a import mod\n\n\n@mod.f\ndef h(x=mod.f, *, y: mod.f = None) -> mod.f:\n    return lambda: mod.f\n",
     ["4:2", "5:9", "5:22", "5:39", "6:20"]),
    ("from a import mod\nvalues = [mod.f for _ in ()]\ntext = f'{mod.f}'\n", ["2:11", "3:11"]),
    ("from a import mod\nmod.f = None\ndel mod.f\n", ["2:1", "3:5"]),
    ("import a\n\n\nclass K:\n    handler = a.mod.f\n", ["5:15"]),
    ("import a as p\np.mod.f(1)\n", ["2:1"]),
    ("import a as p\n\n\ndef run():\n    return p . mod .f\n", ["5:12"]),
)
NOOP = (
    "from a import mod\nmod.other()\n",
    "import a\na.other.f()\n",
    "import a\nmod = a\nprint(mod)\n",
    "from b import mod\nmod.f()\n",
    "def run(mod):\n    return mod.f\n",
    "from a import mod\n\n\ndef run(mod):\n    return mod.f\n",
    "from a.mod import other\nother()\n",
)


@pytest.mark.parametrize(("source", "where"), REPORTED)
def test_every_use_is_reported(tree, capsys, source, where):
    code, lines = check(tree, capsys, source)
    assert code == 1
    assert [":".join(line.split(":")[1:3]) for line in lines] == where, lines
    assert all(" ULG002 legacy name a.mod.f used as an attribute; not rewritten: " in line for line in lines)
    assert all(line.endswith("; use: b.mod.g") for line in lines)


@pytest.mark.parametrize("source", NOOP)
def test_noop(tree, capsys, source):
    assert check(tree, capsys, source) == (0, [])


def test_fix_leaves_the_use_and_says_why(tree, capsys):
    source = "from a import mod\nmod.f(1)\n"
    (tree / "app" / "views.py").write_text(source)
    assert main(["fix", "--rule", RULE, "app/views.py"]) == 1
    assert (tree / "app" / "views.py").read_text() == source
    assert capsys.readouterr().out == (
        "app/views.py:2:1: ULG002 legacy name a.mod.f used as an attribute; not rewritten: mod.f at line 2 reaches "
        "a.mod through the import of mod at line 1, a module no rule moves; use: b.mod.g\n"
    )


def test_relative_import_inside_the_package(tree, capsys):
    code, lines = check(tree, capsys, "from . import mod\n\n\ndef run():\n    return mod.f()\n", name="a/user.py")
    assert code == 1 and len(lines) == 1 and lines[0].startswith("a/user.py:5:12: ULG002 legacy name a.mod.f")


def test_a_factory_object_reached_through_its_package_is_left_to_a_person(tree, capsys):
    rule = "a.mod:logger = b.mod:g(__name__)"
    code, lines = check(tree, capsys, "from a import mod\nmod.logger.info('x')\n", rule=rule)
    assert code == 1
    assert lines == ["app/views.py:1:1: ULG004 legacy import of a.mod:logger cannot be rewritten automatically: "
                     "mod.logger at line 2 reaches a.mod through the import of mod at line 1, and reads the object "
                     "its rule replaces by a factory; migrate it by hand"]


def test_noqa_silences_the_use(tree, capsys):
    assert check(tree, capsys, "from a import mod\nmod.f(1)  # noqa: ULG002\n") == (0, [])


def test_flake8_reports_the_use(tree):
    (tree / "app" / "views.py").write_text("import a\na.mod.f(1)\n")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG", "--unified-logging-rules", RULE, "app/views.py"],
        cwd=tree, capture_output=True, text=True,
    )
    assert result.stdout.startswith("app/views.py:2:1: ULG002 legacy name a.mod.f used as an attribute"), result


DEEP_RULE = "a.b.c.d.e:f = x.y:g"
DEEP = (
    "from a.b.c import d\n\nd.e.f()\n",
    "from a.b.c import d as q\n\nq.e.f()\n",
    "from a.b import c\n\nc.d.e.f()\n",
    "import a.b.c.d as q\n\nq.e.f()\n",
    "import a as p\n\np.b.c.d.e.f()\n",
)


@pytest.mark.parametrize("source", DEEP)
def test_a_submodule_reached_through_a_module_above_it(tree, capsys, source):
    for name in ("a/b/__init__.py", "a/b/c/__init__.py", "a/b/c/d/__init__.py", "a/b/c/d/e.py", "x/y.py"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("def f():\n    pass\n" if name.endswith("e.py") else "")
    code, lines = check(tree, capsys, source, rule=DEEP_RULE)
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith("app/views.py:3:1: ULG002 legacy name a.b.c.d.e.f used as an attribute")
    assert lines[0].endswith("; use: x.y.g")
    (tree / "app" / "views.py").write_text(source.replace(".e.f()", ".e.other()"))
    assert main(["check", "--rule", DEEP_RULE, "app/views.py"]) == 0


MODULE_RULE = "a.b.c = x.y"
MODULE_READS = (
    ("from a import b\n\nb.c.f()\n", "b.c at line 3 reaches a.b.c through the import of b at line 1"),
    ("from a import b as q\n\nq.c.f()\n", "q.c at line 3 reaches a.b.c through the import of q at line 1"),
    ("import a.b as q\n\nq.c.f()\n", "q.c at line 3 reaches a.b.c through the import of q at line 1"),
    ("import a as p\n\np.b.c.f()\n", "p.b.c at line 3 reaches a.b.c through the import of p at line 1"),
)


@pytest.fixture
def moved_tree(tree):
    for name in ("a/b/__init__.py", "a/b/c.py", "x/__init__.py", "x/y.py"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("def f():\n    pass\n" if name.endswith(("c.py", "y.py")) else "")
    return tree


@pytest.mark.parametrize(("source", "how"), MODULE_READS)
def test_a_module_a_module_rule_moves_reached_through_a_module_above_it(moved_tree, capsys, source, how):
    code, lines = check(moved_tree, capsys, source, rule=MODULE_RULE)
    assert code == 1
    assert lines == [f"app/views.py:3:1: ULG002 legacy module a.b.c used as an attribute; not rewritten: {how}, "
                     "a module no rule moves; use: x.y"]
    (moved_tree / "app" / "views.py").write_text(source.replace(".c.f()", ".other()"))
    assert main(["check", "--rule", MODULE_RULE, "app/views.py"]) == 0


@pytest.mark.parametrize(("source", "how"), MODULE_READS)
def test_the_legacy_import_such_a_read_needs_is_kept(moved_tree, capsys, source, how):
    """Rewriting ``import a.b.c`` would leave ``b.c`` unloaded: the statement is refused, the file left as it is."""
    for legacy in ("import a.b.c\n", "from a.b.c import f\n"):
        text = legacy + source.replace("\n\n", "\n", 1)
        (moved_tree / "app" / "views.py").write_text(text)
        assert main(["fix", "--rule", MODULE_RULE, "app/views.py"]) == 1
        assert (moved_tree / "app" / "views.py").read_text() == text
        out = capsys.readouterr().out
        assert "app/views.py:1:1: ULG004 legacy import of a.b.c cannot be rewritten automatically: a.b.c is also " \
               f"read where the rewrite cannot follow ({how.replace('line 1', 'line 2')})" \
               in out, out


def test_a_module_read_through_its_package_with_its_own_import_is_rewritten(moved_tree, capsys):
    (moved_tree / "app" / "views.py").write_text("import a.b.c\nimport a\n\na.b.c.f()\n")
    assert main(["fix", "--rule", MODULE_RULE, "app/views.py"]) == 1  # files changed
    assert (moved_tree / "app" / "views.py").read_text() == "import x.y\nimport a\n\nx.y.f()\n"


@pytest.mark.parametrize("first", ("import a\n", "import a.b\n"))
def test_a_legacy_from_import_is_kept_while_a_plain_import_reads_the_module(moved_tree, capsys, first):
    """``a.b.c.x`` through ``import a`` is reported, not rewritten: ``from a.b import c`` must keep importing it."""
    text = first + "from a.b import c\n\nprint(a.b.c.f, c.f)\n"
    (moved_tree / "app" / "views.py").write_text(text)
    assert main(["fix", "--rule", MODULE_RULE, "app/views.py"]) == 1
    assert (moved_tree / "app" / "views.py").read_text() == text
    out = capsys.readouterr().out
    assert "app/views.py:2:1: ULG004 legacy import of a.b.c cannot be rewritten automatically: a.b.c is also read " \
           "where the rewrite cannot follow (line 4)" in out, out


def test_a_legacy_import_its_package_makes_itself_is_rewritten(moved_tree, capsys):
    """``a/b/__init__.py`` imports ``c`` itself (as ``os.py`` binds ``os.path``): ``a.b.c`` stays loaded."""
    (moved_tree / "a" / "b" / "__init__.py").write_text("from . import c\n")
    text = "import a\nfrom a.b import c\n\nprint(a.b.c.f, c.f)\n"
    (moved_tree / "app" / "views.py").write_text(text)
    main(["fix", "--rule", MODULE_RULE, "app/views.py"])
    assert (moved_tree / "app" / "views.py").read_text() == "import a\nfrom x import y as c\n\nprint(a.b.c.f, c.f)\n"
    assert "ULG004" not in capsys.readouterr().out
