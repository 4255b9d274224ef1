"""A kept result is used only under the search path it was worked out under: any change of where Python finds
modules (a ``.pth`` file added or removed, ``-E``, ``-s``, ``-I``, ``PYTHONPATH``, ``PYTHONUSERBASE``,
``PYTHONNOUSERSITE``) makes a warm ``check`` print what a cold one prints."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = "def get_logger(name=None):\n    pass\n"
BAD = "def other():\n    pass\n"
VERSION = f"python{sys.version_info[0]}.{sys.version_info[1]}"
FLAGS = ("", "-E", "-s", "-I")


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """An environment (a virtual one, which lets the user site in) with this source tree on its path, folders
    holding a ``mylog`` that has ``get_logger`` (good) or lacks it (bad), and a project asking for it."""
    base = tmp_path_factory.mktemp("paths")
    env = base / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(env)], check=True)
    python = str(env / "bin" / "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with open(os.path.join(site, "0_tool.pth"), "w") as handle:
        handle.write(ROOT + "\n")
    for name, text in (("good", GOOD), ("bad", BAD), ("pythonpath", BAD)):
        (base / name).mkdir()
        (base / name / "mylog.py").write_text(text)
    user_site = base / "userbase" / "lib" / VERSION / "site-packages"
    user_site.mkdir(parents=True)
    (user_site / "mylog.py").write_text(BAD)
    project = base / "project"
    project.mkdir()
    (project / ".git").mkdir()
    # setup.cfg: the environment has no tomli on Python < 3.11
    (project / "setup.cfg").write_text("[flake8]\nunified-logging-rules = oldlog:get_logger = mylog:get_logger\n")
    (project / "a.py").write_text("from oldlog import get_logger\n\nlog = get_logger(__name__)\n")
    return {"base": base, "python": python, "site": site, "project": project}


STATES = st.fixed_dictionaries({
    "pth_good": st.booleans(),  # a .pth file (as `pip install -e` writes) putting the good mylog on the path
    "pth_bad": st.booleans(),  # one putting the bad one there, listed earlier
    "flag": st.sampled_from(FLAGS),
    "pythonpath": st.booleans(),
    "userbase": st.booleans(),  # PYTHONUSERBASE naming a user site with the bad mylog
    "nousersite": st.booleans(),
})


def _arrange(place, state) -> tuple[list[str], dict[str, str]]:
    for name, folder in (("pth_good", "good"), ("pth_bad", "bad")):
        path = os.path.join(place["site"], f"{'b' if name == 'pth_good' else 'a'}_mylog.pth")
        if state[name]:
            with open(path, "w") as handle:
                handle.write(str(place["base"] / folder) + "\n")
        elif os.path.exists(path):
            os.remove(path)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONUSERBASE", "PYTHONNOUSERSITE", "PYTHONSAFEPATH")}
    env["HOME"] = str(place["base"])
    if state["pythonpath"]:
        env["PYTHONPATH"] = str(place["base"] / "pythonpath")
    if state["userbase"]:
        env["PYTHONUSERBASE"] = str(place["base"] / "userbase")
    if state["nousersite"]:
        env["PYTHONNOUSERSITE"] = "1"
    flags = [state["flag"]] if state["flag"] else []
    return [place["python"], *flags, "-m", "flake8_unified_logging", "check"], env


def _check(place, command, env, *options):
    result = subprocess.run([*command, *options, "a.py"], cwd=place["project"], env=env, capture_output=True,
                            text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(STATES, min_size=2, max_size=4))
def test_a_warm_check_prints_what_a_cold_one_prints_whatever_the_path(place, states):
    for state in states:
        command, env = _arrange(place, state)
        assert _check(place, command, env) == _check(place, command, env, "--no-cache"), state


WAYS = (  # a state, and whether the check refuses (ULG005: the mylog found lacks get_logger)
    ({}, False),  # no mylog on the path: nothing to refuse with
    ({"pth_bad": True}, True),
    ({"pth_good": True}, False),
    ({"pth_good": True, "pth_bad": True}, True),  # the .pth files are read in the order of their names
    ({"pythonpath": True}, True),
    ({"pythonpath": True, "flag": "-E"}, False),
    ({"pythonpath": True, "flag": "-I"}, False),
    ({"userbase": True}, True),
    ({"userbase": True, "flag": "-s"}, False),
    ({"userbase": True, "nousersite": True}, False),
    ({"userbase": True, "flag": "-I"}, False),
)


@pytest.mark.parametrize(("change", "refused"), WAYS, ids=[repr(change) for change, _ in WAYS])
def test_each_way_changes_the_answer(place, change, refused):
    """The states the property test moves between give these answers, so a stale result would show."""
    plain = dict.fromkeys(("pth_good", "pth_bad", "pythonpath", "userbase", "nousersite"), False)
    command, env = _arrange(place, {**plain, "flag": "", **change})
    assert ("ULG005" in _check(place, command, env, "--no-cache")[1]) == refused


def test_the_size_limit_is_part_of_the_key(tmp_path, monkeypatch, capsys):
    """A target module over ``--max-file-size`` is not read (as one that cannot be read: its names are unknown, so
    the check cannot refuse); a warm run under another limit answers as a cold one."""
    from flake8_unified_logging.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "mylog.py").write_text(BAD + "#" * 4000 + "\n")
    (tmp_path / "a.py").write_text("from oldlog import get_logger\n")
    monkeypatch.chdir(tmp_path)
    rule = ["--rule", "oldlog:get_logger = mylog:get_logger"]
    answers = {}
    for cache in ("", "--no-cache", ""):
        for limit in ("1000", "100000"):
            main(["check", *rule, "--max-file-size", limit, *filter(None, [cache]), "a.py"])
            answers.setdefault(limit, set()).add("ULG005" in capsys.readouterr().out)
    assert answers == {"1000": {False}, "100000": {True}}
