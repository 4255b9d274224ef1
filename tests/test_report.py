"""`unified-logging report`: figures checked on trees with a known answer; the ratchet; history from git."""
import json
import os
import subprocess

import pytest

from flake8_unified_logging.cli import main

TREE = {
    "a/one.py": "from utils.logger_utils import x\nimport logging_config\n",
    "a/two.py": "from utils.logging import x\n",
    "b/three.py": "import utils.logger_utils\nutils.logger_utils.f()\nutils.logger_utils.g()\n",
    "b/four.py": "mock.patch('utils.logger_utils.a')\n",
    "b/five.py": "import utils.logger_utils\nutils = 1\n",
    "b/sub/six.py": "from utils.logger_utils import a  # noqa\n",
    "c/clean.py": "import os\n",
    "c/broken.py": "from utils.logger_utils import (\n",
    "c/bad.py": b"from utils.logger_utils import a\n\xff\n",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name, content in TREE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(capsys, *args):
    status = main(["report", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_counts_by_rule_folder_and_file(tree, capsys):
    status, out, _ = report(capsys, "--format", "json", "--files", ".")
    document = json.loads(out)
    assert status == 0
    assert document["files"]["read"] == 9
    assert sorted(e["path"] for e in document["files"]["unreadable"]) == ["c/bad.py", "c/broken.py"]
    rules = {(r["old"], r["new"]): r for r in document["rules"]}
    assert rules["utils.logger_utils", "utils.logging"] == {
        "old": "utils.logger_utils", "new": "utils.logging", "imports": 3, "uses": 2, "strings": 1, "unfixable": 1,
        "blocked": 0, "legacy_files": 5, "migrated_files": 1, "progress": 16.7,
    }
    assert rules["logging_config", "utils.logging"] == {
        "old": "logging_config", "new": "utils.logging", "imports": 1, "uses": 0, "strings": 0, "unfixable": 0,
        "blocked": 0, "legacy_files": 1, "migrated_files": 1, "progress": 50.0,
    }
    assert document["total"] == {
        "statements": 5, "imports": 4, "uses": 2, "strings": 1, "unfixable": 1, "blocked": 0,
        "legacy_files": 5, "migrated_files": 1, "progress": 16.7,
    }
    folders = {f["folder"]: (f["legacy_files"], f["migrated_files"], f["imports"]) for f in document["folders"]}
    assert folders == {"a": (1, 1, 2), "b": (4, 0, 2)}
    assert document["remaining_files"] == [
        {"path": "b/three.py", "count": 3},
        {"path": "a/one.py", "count": 2},
        {"path": "b/five.py", "count": 1},
        {"path": "b/four.py", "count": 1},
        {"path": "b/sub/six.py", "count": 1},
    ]


def test_depth(tree, capsys):
    _, out, _ = report(capsys, "--format", "json", "--depth", "2", ".")
    assert [f["folder"] for f in json.loads(out)["folders"]] == ["a", "b", "b/sub"]


def test_text_table(tree, capsys):
    status, out, _ = report(capsys, "--files", ".")
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "9 files read, 2 unreadable; 5 legacy import statements remain"
    assert lines[2].split() == ["rule", "imports", "uses", "strings", "unfixable", "blocked", "legacy", "files",
                                "migrated", "files", "progress"]
    assert lines[3].split()[:11] == ["utils.logger_utils", "->", "utils.logging", "3", "2", "1", "1", "0", "5", "1",
                                     "16.7%"]
    assert lines[3].endswith("\u2588" * 3 + "\u2591" * 17)
    assert ["b/three.py", "3"] in [line.split() for line in lines]
    assert any(line.startswith("c/bad.py") and "cannot decode" in line for line in lines)


def test_markdown(tree, capsys):
    _, out, _ = report(capsys, "--format", "markdown", ".")
    tables = [line for line in out.splitlines() if line.startswith("|")]
    assert tables[0] == (
        "| rule | imports | uses | strings | unfixable | blocked | legacy files | migrated files | progress |  |"
    )
    assert tables[1].startswith("|---|--:|")
    assert "| total | 4 | 2 | 1 | 1 | 0 | 5 | 1 | 16.7% |" in out


@pytest.mark.parametrize(("limit", "status"), (("5", 0), ("4", 1), ("0", 1)))
def test_fail_above(tree, capsys, limit, status):
    code, _, err = report(capsys, "--fail-above", limit, ".")
    assert code == status
    if status:
        over = 5 - int(limit)
        assert err == f"unified-logging: 5 legacy import statements remain, {over} more than {limit}\n"


@pytest.mark.parametrize("args", (["--depth", "-1"], ["--history", "0"], ["--fail-above", "-2"]))
def test_bad_numbers(tree, capsys, args):
    code, _, err = report(capsys, *args, ".")
    assert code == 2 and err.startswith("unified-logging: error: --") and err.count("\n") == 1


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00", "GIT_COMMITTER_DATE":
           "2026-01-01T00:00:00"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_path_in_git_reads_the_work_tree_without_ignored_files(repo, capsys):
    (repo / ".gitignore").write_text("ignored/\n")
    (repo / "tracked.py").write_text("import logging_config\n")
    git(repo, "add", ".")
    (repo / "untracked.py").write_text("import logging_config\n")
    (repo / "ignored").mkdir()
    (repo / "ignored" / "x.py").write_text("import logging_config\n")
    _, out, _ = report(capsys, "--format", "json", "--files")
    assert [f["path"] for f in json.loads(out)["remaining_files"]] == ["tracked.py", "untracked.py"]


def test_a_sparse_checkout_reads_what_it_checked_out(repo, capsys):
    """Files a sparse checkout left out are skipped as git skips them; a skipped file still there is read."""
    for name in ("in/a.py", "out/b.py", "kept/c.py"):
        (repo / name).parent.mkdir()
        (repo / name).write_text("import logging_config\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "start")
    git(repo, "sparse-checkout", "set", "in")
    assert not (repo / "out").exists()
    (repo / "kept").mkdir()
    (repo / "kept" / "c.py").write_text("import logging_config\n")  # skip-worktree, yet on disk
    status, out, _ = report(capsys, "--format", "json", "--files")
    document = json.loads(out)
    assert status == 0 and document["files"] == {"read": 2, "unreadable": []}
    assert [f["path"] for f in document["remaining_files"]] == ["in/a.py", "kept/c.py"]


def test_history(repo, capsys):
    (repo / "pkg").mkdir()
    (repo / "pkg" / "__init__.py").write_text("")
    (repo / "pkg" / "a.py").write_text("from utils.logger_utils import a\nimport logging_config\n")
    (repo / "pkg" / "b.py").write_text("from . import logger_utils\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "start")
    (repo / "pkg" / "a.py").write_text("from utils.logging import a\nimport logging_config\n")
    git(repo, "commit", "-qam", "migrate a")
    (repo / "pkg" / "a.py").write_text("from utils.logging import a\nimport utils.logging as logging_config\n")
    (repo / "utils").mkdir()
    (repo / "utils" / "__init__.py").write_text("")
    (repo / "utils" / "c.py").write_text("from . import logger_utils\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "finish a, add c")
    status, out, _ = report(capsys, "--history", "5", "--format", "json")
    series = json.loads(out)["history"]
    assert status == 0
    assert [(p["subject"], p["remaining"]) for p in series] == [("start", 2), ("migrate a", 1), ("finish a, add c", 1)]
    assert all(len(p["commit"]) == 40 and p["date"] == "2026-01-01" for p in series)
    _, text, _ = report(capsys, "--history", "2")
    lines = text.splitlines()
    assert lines[0].split() == ["commit", "date", "remaining", "files", "subject"]
    assert lines[1].split()[2:] == ["1", "1", "\u2588" * 20, "migrate", "a"]


def test_history_outside_git(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = report(capsys, "--history", "3")
    assert code == 2 and err.startswith("unified-logging: error: --history: ")


def test_new_only_reports_changed_lines_and_new_files(repo, capsys):
    (repo / "old.py").write_text("from utils.logger_utils import a\nx = 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    (repo / "old.py").write_text("from utils.logger_utils import a\nx = 1\nimport logging_config\n")
    (repo / "new.py").write_text("import logging_config\n")
    (repo / "untouched.py").write_text("x = 2\n")
    status = main(["check", "--new-only", "--base", "HEAD", "."])
    out = capsys.readouterr().out
    assert status == 1
    assert sorted(line.split(": ULG")[0] for line in out.splitlines()) == ["./new.py:1:1", "./old.py:3:1"]


def test_new_only_clean_when_nothing_new(repo, capsys):
    (repo / "old.py").write_text("from utils.logger_utils import a\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    assert main(["check", "--new-only", "--base", "HEAD", "old.py"]) == 0


def test_new_only_bad_ref(repo, capsys):
    (repo / "a.py").write_text("x = 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    assert main(["check", "--new-only", "--base", "nope", "."]) == 2
    assert capsys.readouterr().err.startswith("unified-logging: error: --new-only: ")


def test_github_annotations(tmp_path, capsys):
    path = tmp_path / "m.py"
    path.write_text("x = 1\nfrom utils.logger_utils import a\n")
    assert main(["check", "--format", "github", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"::error file={path},line=2,col=1,title=ULG001::ULG001 legacy import of utils.logger_utils; "
        "use: from utils.logging import a\n"
    )


def test_a_ratchet_on_a_run_that_read_nothing_fails(tmp_path, monkeypatch, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("from utils.logger_utils import x\n")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--fail-above", "0", "docs"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "unified-logging: error: --fail-above: no Python file to read in docs\n"
    assert main(["report", "docs"]) == 0
