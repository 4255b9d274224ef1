"""Bytes outside the edited spans never change: encodings, BOM, newlines, final newline, file mode."""
import os
import stat

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import a"
NEW = "from utils.logging import a"


@pytest.mark.parametrize(
    ("before", "after"),
    (
        pytest.param(f"{LEGACY}\r\nx = 1\r\n".encode(), f"{NEW}\r\nx = 1\r\n".encode(), id="CRLF"),
        pytest.param(f"{LEGACY}\rx = 1\r".encode(), f"{NEW}\rx = 1\r".encode(), id="CR"),
        pytest.param(f"x = 1\n{LEGACY}".encode(), f"x = 1\n{NEW}".encode(), id="no final newline"),
        pytest.param(f"x = 1\r\n{LEGACY}\ny = 2\r".encode(), f"x = 1\r\n{NEW}\ny = 2\r".encode(), id="mixed"),
        pytest.param(f"\ufeff{LEGACY}\n".encode(), f"\ufeff{NEW}\n".encode(), id="BOM"),
        pytest.param(
            f"# -*- coding: latin-1 -*-\n{LEGACY}\ns = 'caf\xe9'\n".encode("latin-1"),
            f"# -*- coding: latin-1 -*-\n{NEW}\ns = 'caf\xe9'\n".encode("latin-1"),
            id="latin-1 cookie",
        ),
        pytest.param(
            f"# coding: cp1252\n{LEGACY}  # \u20ac\n".encode("cp1252"),
            f"# coding: cp1252\n{NEW}  # \u20ac\n".encode("cp1252"),
            id="cp1252 cookie",
        ),
        pytest.param(
            f"x = '\u00e9\u4e2d'; {LEGACY}\n".encode(),
            f"x = '\u00e9\u4e2d'; {NEW}\n".encode(),
            id="multi-byte characters before the statement",
        ),
        pytest.param(f"x = 1\x0c\n{LEGACY}\n".encode(), f"x = 1\x0c\n{NEW}\n".encode(), id="form feed"),
        pytest.param(
            f"if x:\r\n    {LEGACY} \\\r\n        , b\r\n".encode(),
            f"if x:\r\n    {NEW} \\\r\n        , b\r\n".encode(),
            id="CRLF backslash continuation",
        ),
    ),
)
def test_bytes_preserved(tmp_path, before, after):
    path = tmp_path / "m.py"
    path.write_bytes(before)
    assert main(["fix", str(path)]) == 1
    assert path.read_bytes() == after
    assert main(["fix", str(path)]) == 0


@pytest.mark.parametrize("mode", (0o644, 0o600, 0o755))
def test_mode_preserved_and_no_temp_left(tmp_path, mode):
    path = tmp_path / "m.py"
    path.write_text(LEGACY + "\n")
    path.chmod(mode)
    assert main(["fix", str(path)]) == 1
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert os.listdir(tmp_path) == ["m.py"]


def test_unchanged_file_is_not_written(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("from utils.logging import a\n")
    os.utime(path, (1, 1))
    assert main(["fix", str(path)]) == 0
    assert path.stat().st_mtime == 1
