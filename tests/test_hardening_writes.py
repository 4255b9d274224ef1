"""Writes keep owner, group and links or refuse with a reason, never go through a link on the path, and never
replace a file that changed since it was read."""
import os
import stat
import subprocess
import sys

import pytest

from flake8_unified_logging import fixer
from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"
CLI = [sys.executable, "-m", "flake8_unified_logging"]


def fix(capsys, *paths):
    status = main(["fix", "--jobs", "1", *map(str, paths)])
    return status, capsys.readouterr()


# -- an edit saved while fix works -----------------------------------------------------------------------------


def _edit_then_fix(monkeypatch, edit):
    real = fixer.fix_text

    def fix_text_during_an_edit(*args, **kwargs):
        edit()
        return real(*args, **kwargs)

    monkeypatch.setattr(fixer, "fix_text", fix_text_during_an_edit)  # the worker imports it when it fixes


def _same_size(path):
    path.write_text(LEGACY.replace("a\n", "b\n"))


def _longer(path):
    path.write_text(LEGACY + "x = 1\n")


def _renamed_over(path):
    other = path.with_name("other.tmp")
    other.write_text(LEGACY + "# saved by an editor that renames\n")
    os.replace(other, path)


@pytest.mark.parametrize("edit", (_same_size, _longer, _renamed_over), ids=("same size", "longer", "renamed over"))
def test_an_edit_saved_meanwhile_is_kept(tmp_path, capsys, monkeypatch, edit):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    _edit_then_fix(monkeypatch, lambda: edit(path))

    status, output = fix(capsys, path)
    saved = path.read_text()
    assert (status, output.err) == (2, f"{path}: error: changed since it was read; not rewritten (run again)\n")
    assert saved != LEGACY and saved != NEW
    assert os.listdir(tmp_path) == ["m.py"]


def test_an_unchanged_file_is_rewritten(tmp_path, capsys, monkeypatch):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    _edit_then_fix(monkeypatch, lambda: None)
    assert fix(capsys, path)[0] == 1
    assert path.read_text() == NEW


# -- links ---------------------------------------------------------------------------------------------------------


def test_a_hard_linked_file_is_refused_with_a_reason(tmp_path, capsys):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    os.link(path, tmp_path / "other_name.py")
    status, output = fix(capsys, path)
    assert status == 2
    assert output.err.startswith(f"{path}: error: has 2 hard links; not rewritten (a new file would leave the other")
    assert path.read_text() == (tmp_path / "other_name.py").read_text() == LEGACY
    assert os.stat(path).st_ino == os.stat(tmp_path / "other_name.py").st_ino


@pytest.mark.parametrize("spelling", ("relative", "absolute", "dotted"))
def test_no_write_through_a_linked_folder(tmp_path, spelling):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.py").write_text(LEGACY)
    project = tmp_path / "project"
    project.mkdir()
    (project / "linkdir").symlink_to(outside)
    name = {"relative": "linkdir/x.py", "absolute": str(project / "linkdir" / "x.py"),
            "dotted": "./linkdir/./x.py"}[spelling]
    result = subprocess.run([*CLI, "fix", name], cwd=project, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (
        2, f"{name}: error: the folder 'linkdir' on its path is a symbolic link; not rewritten\n")
    assert (outside / "x.py").read_text() == LEGACY
    checked = subprocess.run([*CLI, "check", name], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 1 and "ULG001" in checked.stdout


def test_a_real_folder_path_is_written(tmp_path):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "sub" / "x.py").write_text(LEGACY)
    result = subprocess.run([*CLI, "fix", "pkg/sub/../sub/x.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "pkg" / "sub" / "x.py").read_text() == NEW


# -- owner, group and special bits, as root and as another user ----------------------------------------------------


@pytest.mark.parametrize("mode", (0o644, 0o664, 0o4755, 0o2775, 0o6750), ids=oct)
def test_root_keeps_owner_group_and_bits(tmp_path, capsys, nobody_ids, mode):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    os.chown(path, *nobody_ids)
    os.chmod(path, mode)
    assert fix(capsys, path)[0] == 1
    after = os.stat(path)
    assert path.read_text() == NEW
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (*nobody_ids, mode)


def test_root_never_leaves_a_set_user_bit_on_a_file_of_its_own(tmp_path, capsys, nobody_ids):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    os.chown(path, *nobody_ids)
    os.chmod(path, 0o4755)
    fix(capsys, path)
    after = os.stat(path)
    assert not (after.st_uid == 0 and after.st_mode & (stat.S_ISUID | stat.S_ISGID))


def test_a_file_of_another_user_is_refused(shared_dir, unprivileged):
    if os.geteuid() != 0:
        pytest.skip("needs root to make a file of another user")
    folder = shared_dir / "open"
    folder.mkdir()
    os.chmod(folder, 0o777)
    path = folder / "m.py"
    path.write_text(LEGACY)
    os.chmod(path, 0o666)
    result = unprivileged(["fix", "open/m.py"], shared_dir)
    assert (result.returncode, result.stderr) == (
        2, "open/m.py: error: belongs to another user (uid 0); not rewritten (it would become yours)\n")
    assert path.read_text() == LEGACY and os.stat(path).st_uid == 0
    assert os.listdir(folder) == ["m.py"]


def test_another_user_rewrites_a_file_of_their_own(shared_dir, unprivileged, nobody_ids):
    folder = shared_dir / "theirs"
    folder.mkdir()
    path = folder / "m.py"
    path.write_text(LEGACY)
    os.chmod(path, 0o640)
    for name in (folder, path):
        os.chown(name, *nobody_ids)
    result = unprivileged(["fix", "theirs/m.py"], shared_dir)
    assert (result.returncode, result.stderr) == (1, "Rewriting theirs/m.py\n")
    after = os.stat(path)
    assert (path.read_text(), after.st_uid, stat.S_IMODE(after.st_mode)) == (NEW, nobody_ids[0], 0o640)
