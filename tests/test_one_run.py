"""One proof for the whole run: a target that the run itself rewrites is read as rewritten, so rules that move the
provider too (a private rename of a package's modules) need one run, whatever the order of the files, and a
second run changes nothing. A target the run does not rewrite (not among its files, or marked noqa) is read as it
is."""
from __future__ import annotations

import pytest

from flake8_unified_logging.cli import main

RULES = ("pkg.types = pkg._types", "pkg.models = pkg._models", "pkg.views = pkg._views")
PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/_types.py": "class Data:\n    pass\n",
    "pkg/_models.py": "from .types import Data\n\n\nclass Model(Data):\n    pass\n",
    "pkg/_views.py": "from pkg.models import Data, Model\n\n\ndef show(item: Model) -> Data:\n    return item\n",
}
APP = "from pkg.models import Data, Model\nfrom pkg.views import show\n"
FIXED = {
    "pkg/_models.py": "from ._types import Data\n\n\nclass Model(Data):\n    pass\n",
    "pkg/_views.py": "from pkg._models import Data, Model\n\n\ndef show(item: Model) -> Data:\n    return item\n",
}
FIXED_APP = "from pkg._models import Data, Model\nfrom pkg._views import show\n"


@pytest.fixture
def tree(tmp_path, monkeypatch, capsys):
    def run(files: dict[str, str], *paths: str) -> dict[str, str]:
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        monkeypatch.chdir(tmp_path)
        main(["fix", *[part for rule in RULES for part in ("--rule", rule)], *paths])
        capsys.readouterr()
        return {name: (tmp_path / name).read_text() for name in files}

    return run


@pytest.mark.parametrize("app", ("app.py", "zzz/app.py", "pkg/aaa.py"))
@pytest.mark.parametrize("paths", ((".",), ("pkg", "."), ("app.py", "zzz", "pkg")))
def test_one_run_moves_the_provider_and_its_users(tree, app, paths):
    files = {**PACKAGE, app: APP}
    once = tree(files, *(p for p in paths if p == "." or p == app.split("/")[0] or p == "pkg"))
    assert once == {**files, **FIXED, app: FIXED_APP}
    assert tree(once, ".") == once


def test_a_run_over_one_file_reads_the_provider_as_it_is(tree):
    result = tree({**PACKAGE, "app.py": APP}, "app.py")
    assert result["app.py"] == "from pkg._views import show\nfrom pkg.models import Data, Model\n"  # isort's order
    assert result["pkg/_models.py"] == PACKAGE["pkg/_models.py"]


def test_a_provider_import_marked_noqa_is_read_as_it_is(tree):
    files = {**PACKAGE, "pkg/_models.py": "from .types import Data  # noqa\n\n\nclass Model(Data):\n    pass\n",
             "app.py": APP}
    result = tree(files, ".")
    assert "from pkg.models import Data, Model" in result["app.py"].splitlines()
    assert result["pkg/_models.py"] == files["pkg/_models.py"]


def test_a_provider_whose_new_module_lacks_the_name_stays_refused(tree):
    files = {**PACKAGE, "pkg/_types.py": "class Other:\n    pass\n", "app.py": APP}
    result = tree(files, ".")
    assert "from pkg.models import Data, Model" in result["app.py"].splitlines()


def test_report_counts_nothing_blocked_that_the_run_unblocks(tmp_path, monkeypatch, capsys):
    import json

    (tmp_path / ".git").mkdir()
    for name, text in {**PACKAGE, "app.py": APP}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    main(["report", "--format", "json", *[part for rule in RULES for part in ("--rule", rule)], "."])
    assert json.loads(capsys.readouterr().out)["targets_lack"] == []
    (tmp_path / "pkg/_models.py").write_text(PACKAGE["pkg/_models.py"].replace("Data\n", "Data  # noqa\n", 1))
    main(["report", "--format", "json", "--no-cache", *[part for rule in RULES for part in ("--rule", rule)], "."])
    lacking = json.loads(capsys.readouterr().out)["targets_lack"]
    assert [(row["target"], row["missing"]) for row in lacking] == [("pkg._models", "Data")]
