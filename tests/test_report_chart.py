"""The history told to people: the count axis from the data, labels that never collide, a burst of commits drawn
as one, no projection (and a caveat saying why) from a window too short to project from, and a pace in words."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from flake8_unified_logging.report.chart import burn_down_svg
from flake8_unified_logging.report.chart_layout import CHAR_W, axis_top, bursts
from flake8_unified_logging.report.progress import Point, summary
from test_report_history import SVG, burn_down, git, report, weekly

HOUR = 3600
DAY = 24 * HOUR
START = 1_773_493_200  # 2026-03-14 13:00 UTC


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def series(times_and_counts: list[tuple[int, int]]) -> list[Point]:
    from datetime import datetime, timezone

    return [Point(f"{i:040x}", datetime.fromtimestamp(t, timezone.utc).date().isoformat(), t, f"c{i}", n, 1)
            for i, (t, n) in enumerate(times_and_counts)]


def label_boxes(root: ET.Element, kind: str) -> list[tuple[float, float, float, float]]:
    """The boxes of the centred labels of a kind, as wide as their text."""
    boxes = []
    for element in root.iter(f"{SVG}text"):
        if element.get("class") == kind:
            x, y, half = float(element.get("x")), float(element.get("y")), len(element.text) * CHAR_W / 2
            boxes.append((x - half, y - 11, x + half, y + 2))
    return boxes


def overlapping(boxes):
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


@pytest.mark.parametrize(("largest", "top", "step"), (
    (626, 700, 100), (640, 700, 100), (40, 50, 10), (10, 12, 2), (1, 2, 1), (0, 1, 1), (7, 8, 1), (999, 1000, 200),
    (1000, 1200, 200), (35, 40, 5),
))
def test_the_count_axis_ends_a_tick_above_the_largest_count(largest, top, step):
    assert axis_top(largest) == (top, step)
    assert top > largest and top - step <= largest and top // step <= 8


def test_a_burst_is_a_run_of_commits_close_on_the_chart_and_in_time():
    xs = [0, 1, 2, 3, 50, 51, 52, 100, 101]
    assert bursts(xs, [0, 600, 1200, 1800, 9000, 9600, 10200, 20000, 20600]) == [(0, 3), (4, 6)]
    assert bursts(xs, [i * DAY for i in range(9)]) == []  # daily points drawn close are a series, not a burst


def burst_afternoon() -> list[Point]:
    """18 commits: 16 in one afternoon, two the next day; 626 down to 446."""
    hours = [0, 0.3, 0.5, 0.9, 1.2, 1.5, 2, 2.4, 2.8, 3.1, 3.5, 3.9, 4.2, 4.6, 5, 5.5, 25, 26]
    return series([(START + int(h * HOUR), 626 - 10 * i) for i, h in enumerate(hours)])


def test_a_short_window_is_drawn_with_its_caveat_and_no_projection():
    points = burst_afternoon()
    lines = summary(points)
    assert lines == [
        "change: statements fell by 170, files unchanged (626 -> 456 statements, 1 -> 1 files, 2026-03-14 to "
        "2026-03-15)",
        "no projected finish: 18 points over 26 hours: too short a window to project a finish (a week and 3 points "
        "at least)",
    ]
    root = ET.fromstring(burn_down_svg(points, None, "18 points over 26 hours: too short"))
    texts = {(e.get("class"), e.text) for e in root.iter(f"{SVG}text")}
    assert ("caveat", "18 points over 26 hours: too short") in texts
    assert root.findall(f"{SVG}line[@class='projection']") == []
    counts = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "count"]
    assert counts[0] == "626" and counts[-1] == "456" and len(counts) < len(points)
    assert not overlapping(label_boxes(root, "count"))
    dates = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "date"]
    assert dates[0] == "03-14 13:00" and dates[-1] == "03-15 15:00" and len(set(dates)) == len(dates)
    assert ("axis-note", "times in UTC") in texts
    assert ("count-axis", "700") in texts and ("count-axis", "800") not in texts


def test_a_burst_in_a_long_window_is_one_band_with_what_it_did():
    before = [(START - (30 - d) * DAY, 620 + d // 5) for d in range(0, 30, 3)]
    after = [(START + 2 * DAY + d * DAY, 466) for d in range(0, 14, 2)]
    points = series(before + [(t, n - 6) for t, n in [(p.time, p.statements) for p in burst_afternoon()[:16]]]
                    + after)
    root = ET.fromstring(burn_down_svg(points, None))
    (band,) = root.findall(f"{SVG}rect[@class='burst']")
    assert float(band.get("width")) < 40
    labels = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "burst-label"]
    assert labels == ["16 commits in 6 hours: 620 -> 470"]
    circles = root.findall(f"{SVG}circle")
    assert len(circles) == len(points)
    assert not overlapping(label_boxes(root, "count") + label_boxes(root, "burst-label"))


def test_the_finish_label_is_clear_of_the_dashed_line(repo, capsys):
    burn_down(repo, weekly([8, 6, 4, 2]))
    report(capsys, "--history", "10", "--chart", "c.svg")
    root = ET.parse(repo / "c.svg").getroot()
    (line,) = root.findall(f"{SVG}line[@class='projection']")
    x1, y1, x2, y2 = (float(line.get(k)) for k in ("x1", "y1", "x2", "y2"))
    (finish,) = [e for e in root.iter(f"{SVG}text") if e.get("class") == "finish"]
    assert finish.text == "projected finish 2026-11-30"
    right, base = float(finish.get("x")), float(finish.get("y"))
    box = (right - len(finish.text) * CHAR_W, base - 11, right, base + 2)
    for step in range(101):
        x, y = x1 + (x2 - x1) * step / 100, y1 + (y2 - y1) * step / 100
        assert not (box[0] <= x <= box[2] and box[1] <= y <= box[3])


def test_the_pace_of_a_growing_count_says_it_grew(repo, capsys):
    burn_down(repo, weekly([2, 3, 4]))
    _, text, _ = report(capsys, "--history", "5")
    assert "pace: statements grew by 5.0 a week, files grew by 1.0 a week (10 -> 20 statements, 2 -> 4 files, " \
           "2026-11-02 to 2026-11-16)" in text


@pytest.mark.parametrize(("history", "why"), (
    ([("2026-11-02", 8), ("2026-11-04", 6), ("2026-11-06", 4)], "3 points over 4.0 days"),
    ([("2026-11-02", 8), ("2026-11-23", 6)], "2 points over 3.0 weeks"),
))
def test_no_projection_from_a_window_too_short(repo, capsys, history, why):
    burn_down(repo, history)
    _, out, _ = report(capsys, "--history", "10", "--format", "json", "--chart", "c.svg")
    document = json.loads(out)
    expected = f"{why}: too short a window to project a finish (a week and 3 points at least)"
    assert (document["projected_finish"], document["caveat"]) == (None, expected)
    assert document["pace"] is not None
    root = ET.parse(repo / "c.svg").getroot()
    assert root.findall(f"{SVG}line[@class='projection']") == []
    assert [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "caveat"] == [expected]
    _, text, _ = report(capsys, "--history", "10")
    assert f"no projected finish: {expected}" in text


def test_a_finished_short_window_has_no_caveat(repo, capsys):
    burn_down(repo, [("2026-11-02", 2), ("2026-11-03", 0)])
    _, out, _ = report(capsys, "--history", "10", "--format", "json")
    document = json.loads(out)
    assert (document["projected_finish"], document["caveat"]) == ("2026-11-03", None)


def test_a_burst_that_made_most_of_the_fall_is_named_beside_the_pace():
    before = [(START - (30 - d) * DAY, 626) for d in range(0, 30, 3)]
    after = [(START + 2 * DAY + d * DAY, 456) for d in range(0, 14, 2)]
    points = series(before + [(p.time, p.statements) for p in burst_afternoon()[:16]] + after)
    lines = summary(points)
    assert lines[0].startswith("pace: statements fell by ")
    assert lines[1] == ("note: 150 of the 170 statements fell in one burst of 16 commits in 6 hours (2026-03-14); "
                        "the pace spreads it over the whole window")
    assert lines[2].startswith("projected finish: ")
    steady = series([(START + d * DAY, 626 - 10 * d) for d in range(20)])
    assert not [line for line in summary(steady) if line.startswith("note:")]
