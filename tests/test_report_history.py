"""`report --history` / `--since` on generated git histories with known dates and counts: the series, the pace, the
projected finish, a flat history, the step, the mermaid block and the SVG chart."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from flake8_unified_logging.cli import main
from flake8_unified_logging.report.progress import SinceError, since_date

SVG = "{http://www.w3.org/2000/svg}"


def git(cwd, *args, when="2026-01-01T12:00:00+0000"):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def legacy_file(statements: int) -> str:
    """A module of a package with ``statements`` legacy import statements and a migrated one."""
    lines = [f"from utils.logger_utils import name_{i}\n" for i in range(statements)]
    return '"""A service."""\n' + "".join(lines) + "from utils.logging import get_logger\n\nlog = get_logger()\n"


def commit_state(repo, when: str, legacy: dict[str, int], subject: str) -> None:
    """The tree at one commit: ``legacy`` maps each file to its legacy statements (0: migrated)."""
    for name, statements in legacy.items():
        path = repo / "src" / "app" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(legacy_file(statements))
    (repo / "src" / "app" / "__init__.py").write_text("from . import " + ", ".join(n[:-3] for n in legacy) + "\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", subject, "--allow-empty", when=f"{when}T12:00:00+0000")


def burn_down(repo, days_and_files: list[tuple[str, int]], per_file: int = 5) -> None:
    """A migration of ``per_file`` statements a file: at each date, that many files still legacy."""
    total = max(files for _, files in days_and_files)
    for when, files in days_and_files:
        legacy = {f"service_{i:02}.py": per_file if i < files else 0 for i in range(total)}
        commit_state(repo, when, legacy, f"{files} files left")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(capsys, *args):
    status = main(["report", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return status, out, err


def weekly(counts: list[int], start: str = "2026-11-02") -> list[tuple[str, int]]:
    first = date.fromisoformat(start)
    return [(date.fromordinal(first.toordinal() + 7 * i).isoformat(), n) for i, n in enumerate(counts)]


def test_pace_and_projected_finish(repo, capsys):
    burn_down(repo, weekly([8, 6, 4, 2]))  # 40, 30, 20, 10 statements over three weeks
    status, out, _ = report(capsys, "--history", "10", "--format", "json")
    document = json.loads(out)
    assert status == 0
    assert [(p["date"], p["remaining"], p["files"]) for p in document["history"]] == [
        ("2026-11-02", 40, 8), ("2026-11-09", 30, 6), ("2026-11-16", 20, 4), ("2026-11-23", 10, 2)]
    assert document["pace"] == {"statements_per_week": 10.0, "files_per_week": 2.0}
    assert document["projected_finish"] == "2026-11-30"
    _, text, _ = report(capsys, "--history", "10")
    assert "pace: statements fell by 10.0 a week, files fell by 2.0 a week (40 -> 10 statements, 8 -> 2 files, " \
           "2026-11-02 to 2026-11-23)" in text
    assert "projected finish: 2026-11-30 at this pace (10 statements left)" in text


def test_a_slow_pace_rounds_the_finish_up_to_a_whole_day(repo, capsys):
    for when, count in (("2026-11-02", 7), ("2026-11-09", 6), ("2026-11-19", 4)):
        commit_state(repo, when, {"a.py": count}, f"{count} left")
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    document = json.loads(out)
    assert document["pace"]["statements_per_week"] == round(3 / (17 / 7), 2)  # 7 -> 4 in 17 days
    assert document["projected_finish"] == "2026-12-12"  # 4 left take 22.7 days: 23 after 2026-11-19


def test_the_finish_is_projected_at_the_exact_pace(repo, capsys):
    burn_down(repo, weekly([4, 4, 4, 2]))  # 20 -> 10 in three weeks: 10 left take three weeks more
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    document = json.loads(out)
    assert document["pace"] == {"statements_per_week": 3.33, "files_per_week": 0.67}
    assert document["projected_finish"] == "2026-12-14"


@pytest.mark.parametrize("counts", ([4, 4, 4], [2, 3, 4]), ids=("flat", "growing"))
def test_no_finish_when_the_count_is_not_falling(repo, capsys, counts):
    burn_down(repo, weekly(counts))
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    document = json.loads(out)
    assert document["projected_finish"] is None
    fall = (counts[0] - counts[-1]) * 5 / 2
    assert document["pace"]["statements_per_week"] == fall
    _, text, _ = report(capsys, "--history", "5")
    first, last = counts[0] * 5, counts[-1] * 5
    assert f"no projected finish: the count is not falling ({first} on 2026-11-02, {last} on 2026-11-16)" in text


def test_finished_history_says_when(repo, capsys):
    burn_down(repo, weekly([2, 1, 0, 0]))
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    assert json.loads(out)["projected_finish"] == "2026-11-16"
    _, text, _ = report(capsys, "--history", "5")
    assert "finished: no legacy import statement left since 2026-11-16" in text


def test_one_point_has_no_pace(repo, capsys):
    burn_down(repo, weekly([3]))
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    document = json.loads(out)
    assert (document["pace"], document["projected_finish"]) == (None, None)
    _, text, _ = report(capsys, "--history", "5")
    assert "no pace: the window holds no two points at different times" in text


def test_since_takes_the_window(repo, capsys):
    burn_down(repo, weekly([10, 8, 6, 5, 4]))  # 2026-11-02 ... 2026-11-30
    _, out, _ = report(capsys, "--since", "2026-11-16", "--format", "json")
    document = json.loads(out)
    assert [p["date"] for p in document["history"]] == ["2026-11-16", "2026-11-23", "2026-11-30"]
    assert document["pace"] == {"statements_per_week": 5.0, "files_per_week": 1.0}
    assert document["projected_finish"] == "2026-12-28"  # 20 left at 5 a week


def test_since_with_history_takes_both_limits(repo, capsys):
    burn_down(repo, weekly([10, 8, 6, 5, 4]))
    _, out, _ = report(capsys, "--since", "2026-11-09", "--history", "2", "--format", "json")
    assert [p["date"] for p in json.loads(out)["history"]] == ["2026-11-23", "2026-11-30"]


def test_step_week_keeps_the_last_commit_of_each_week(repo, capsys):
    days = [(f"2026-11-{day:02}", 12 - day // 2) for day in range(2, 16)]  # Monday 2 to Sunday 15: two weeks
    burn_down(repo, days)
    _, out, _ = report(capsys, "--since", "2026-11-01", "--step", "week", "--format", "json")
    series = json.loads(out)["history"]
    assert [(p["date"], p["files"]) for p in series] == [("2026-11-08", 8), ("2026-11-15", 5)]


def test_a_long_history_is_one_point_per_day(repo, capsys):
    for day in range(1, 11):
        for hour in range(7):  # 70 commits over 10 days
            legacy = {"a.py": 100 - 7 * day - hour}
            commit_state(repo, f"2026-10-{day:02}", legacy, f"{day}/{hour}")
    _, out, _ = report(capsys, "--since", "2026-10-01", "--format", "json")
    series = json.loads(out)["history"]
    assert [p["date"] for p in series] == [f"2026-10-{day:02}" for day in range(1, 11)]
    assert [p["subject"] for p in series] == [f"{day}/6" for day in range(1, 11)]


def test_markdown_has_a_mermaid_chart_of_the_series(repo, capsys):
    burn_down(repo, weekly([8, 6, 4, 2]))
    _, out, _ = report(capsys, "--history", "10", "--format", "markdown")
    assert out.startswith("| commit | date | remaining | files |")
    assert "- projected finish: 2026-11-30 at this pace (10 statements left)\n" in out
    block = out[out.index("```mermaid\n"):]
    assert block.endswith("```\n")
    lines = block.splitlines()
    assert lines[1] == "xychart-beta"
    assert '    x-axis ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]' in lines
    assert "    line [40, 30, 20, 10]" in lines
    assert '    y-axis "statements" 0 --> 50' in lines


def svg_of(path):
    root = ET.parse(path).getroot()
    texts = [(element.get("class"), element.text) for element in root.iter(f"{SVG}text")]
    return root, texts


def test_chart_is_an_svg_burn_down_with_its_projection(repo, capsys):
    burn_down(repo, weekly([8, 6, 4, 2]))
    status, _, err = report(capsys, "--history", "10", "--chart", "burn-down.svg")
    assert status == 0 and err == "Wrote burn-down.svg\n"
    root, texts = svg_of(repo / "burn-down.svg")
    assert root.tag == f"{SVG}svg"
    assert [t for c, t in texts if c == "date"] == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    assert [t for c, t in texts if c == "count"] == ["40", "30", "20", "10"]
    assert [t for c, t in texts if c == "finish-date"] == ["2026-11-30"]
    assert ("count-axis", "0") in texts and ("count-axis", "50") in texts
    series = root.find(f"{SVG}polyline[@class='series']")
    xy = [tuple(map(float, pair.split(","))) for pair in series.get("points").split()]
    assert [x for x, _ in xy] == sorted(x for x, _ in xy) and [y for _, y in xy] == sorted(y for _, y in xy)
    dashed = root.findall(f"{SVG}line[@class='projection']")
    assert len(dashed) == 1 and dashed[0].get("stroke-dasharray")
    start, end = (float(dashed[0].get("x1")), float(dashed[0].get("y1"))), (float(dashed[0].get("x2")),
                                                                            float(dashed[0].get("y2")))
    axis = root.findall(f"{SVG}line[@class='axis']")
    zero = float(axis[0].get("y1"))
    assert start == xy[-1] and end[1] == zero and end[0] > start[0]


def test_chart_of_a_flat_history_has_no_projection(repo, capsys):
    burn_down(repo, weekly([4, 4]))
    report(capsys, "--history", "10", "--chart", "flat.svg")
    root, texts = svg_of(repo / "flat.svg")
    assert root.findall(f"{SVG}line[@stroke-dasharray]") == []
    assert [t for c, t in texts if c == "count"] == ["20", "20"]
    assert not [t for c, t in texts if c == "finish-date"]


@pytest.mark.parametrize(("args", "message"), (
    (["--since", "last tuesday"], "--since 'last tuesday': expected YYYY-MM-DD, N days or N weeks"),
    (["--history", "3", "--chart", "no/such/folder/x.svg"], "--chart no/such/folder/x.svg: folder no/such/folder "
                                                            "does not exist"),
    (["--chart", "x.svg"], "--chart is for the history: add --history N or --since DATE"),
    (["--step", "week"], "--step is for the history: add --history N or --since DATE"),
))
def test_what_a_user_can_type_wrong(repo, capsys, args, message):
    burn_down(repo, weekly([2, 1]))
    status, out, err = report(capsys, *args)
    assert (status, out, err) == (2, "", f"unified-logging: error: {message}\n")
    assert not os.path.exists(repo / "x.svg")


@pytest.mark.parametrize(("text", "expected"), (
    ("2026-10-05", date(2026, 10, 5)), ("3 weeks", date(2026, 11, 9)), ("10d", date(2026, 11, 20)),
    ("1 day", date(2026, 11, 29)), ("2w", date(2026, 11, 16)), ("2 weeks ago", date(2026, 11, 16)),
    ("2026-10-05T09:30:00+02:00", date(2026, 10, 5)), ("2026-10-05 23:59", date(2026, 10, 5)),
))
def test_since_forms(text, expected):
    assert since_date(text, date(2026, 11, 30)) == expected


@pytest.mark.parametrize("text", ("yesterday", "2026-13-01", "-3 days", ""))
def test_since_refuses_what_it_cannot_read(text):
    with pytest.raises(SinceError):
        since_date(text, date(2026, 11, 30))


def test_through_the_real_command_line(repo):
    burn_down(repo, weekly([8, 6, 4, 2]))
    result = subprocess.run(
        [sys.executable, "-m", "flake8_unified_logging", "report", "--history", "4", "--chart", "chart.svg"],
        cwd=repo, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "projected finish: 2026-11-30 at this pace (10 statements left)" in result.stdout
    assert ET.parse(repo / "chart.svg").getroot().tag == f"{SVG}svg"


def test_an_empty_window_says_so(repo, capsys):
    burn_down(repo, weekly([2, 1]))
    status, out, _ = report(capsys, "--since", "2030-01-01", "--format", "json", "--chart", "empty.svg")
    assert status == 0
    assert json.loads(out) == {"version": 1, "history": [], "pace": None, "projected_finish": None, "caveat": None}
    assert ET.parse(repo / "empty.svg").getroot().find(f"{SVG}polyline") is None
    _, text, _ = report(capsys, "--since", "2030-01-01")
    assert text.splitlines()[-1] == "no commit in the window"


def test_history_counts_the_paths_named(repo, capsys):
    """``report PATH --history``: the files under PATH in each commit, as ``report PATH`` counts them now."""
    commit_state(repo, "2026-11-02", {"a.py": 3, "b.py": 2}, "start")
    (repo / "src" / "other").mkdir()
    (repo / "src" / "other" / "c.py").write_text(legacy_file(7))
    commit_state(repo, "2026-11-09", {"a.py": 1, "b.py": 2}, "a migrated")
    counts = {}
    for paths in ([], ["src/app"], ["src/app/b.py"], ["src/other", "src/app/a.py"]):
        _, out, _ = report(capsys, *paths, "--history", "5", "--format", "json")
        counts[tuple(paths)] = [p["remaining"] for p in json.loads(out)["history"]]
        _, now, _ = report(capsys, *paths, "--format", "json")
        assert json.loads(now)["total"]["statements"] == counts[tuple(paths)][-1]
    assert counts == {(): [5, 10], ("src/app",): [5, 3], ("src/app/b.py",): [2, 2],
                      ("src/other", "src/app/a.py"): [3, 8]}


def test_history_counts_the_current_folder_not_the_whole_repository(repo, capsys, monkeypatch):
    commit_state(repo, "2026-11-02", {"a.py": 3}, "start")
    (repo / "tools").mkdir()
    (repo / "tools" / "t.py").write_text(legacy_file(4))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "tools", when="2026-11-09T12:00:00+0000")
    monkeypatch.chdir(repo / "src")
    _, out, _ = report(capsys, "--history", "5", "--format", "json")
    assert [p["remaining"] for p in json.loads(out)["history"]] == [3, 3]
    _, out, _ = report(capsys, "../tools", "--history", "5", "--format", "json")
    assert [p["remaining"] for p in json.loads(out)["history"]] == [0, 4]
    status, out, err = report(capsys, "../..", "--history", "5")
    assert (status, out) == (2, "")
    assert err == "unified-logging: error: --history: ../.. is outside the git work tree\n"
