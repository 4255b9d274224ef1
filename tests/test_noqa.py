"""``# noqa`` on any line of a statement: neither reported nor rewritten, as flake8 would."""
import pytest

from conftest import fixed
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.rules import DEFAULT_RULES


@pytest.mark.parametrize(
    "source",
    (
        "from utils.logger_utils import a  # noqa\n",
        "from utils.logger_utils import a  # NOQA\n",
        "from utils.logger_utils import a  # noqa: ULG001\n",
        "from utils.logger_utils import a  # noqa:ULG001,E501\n",
        "from utils.logger_utils import a  # noqa: ULG\n",
        "from utils.logger_utils import (  # noqa: ULG001\n    a,\n)\n",
        "from utils.logger_utils import (\n    a,  # noqa\n)\n",
        "from utils.logger_utils import (\n    a,\n)  # noqa\n",
        "import utils.logger_utils  # noqa\nutils.logger_utils.x\n",
        "# flake8: noqa\nfrom utils.logger_utils import a\n",
        "mock.patch('utils.logger_utils.a')  # noqa: ULG003\n",
    ),
)
def test_noop(source):
    assert find(source, DEFAULT_RULES) == []
    assert fixed(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "from utils.logger_utils import a  # noqa: E501\n",
            "from utils.logging import a  # noqa: E501\n",
            id="other code",
        ),
        pytest.param(
            "from utils.logger_utils import a  # noqa: ULG004\n",
            "from utils.logging import a  # noqa: ULG004\n",
            id="code of another finding",
        ),
        pytest.param(
            "from utils.logger_utils import a  #noqa\n",
            "from utils.logging import a  #noqa\n",
            id="flake8 needs the space",
        ),
        pytest.param(
            "from utils.logger_utils import a\nx = 1  # noqa\n",
            "from utils.logging import a\nx = 1  # noqa\n",
            id="noqa on another statement",
        ),
        pytest.param(
            "s = '# noqa'; from utils.logger_utils import a\n",
            "s = '# noqa'; from utils.logging import a\n",
            id="noqa inside a string",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected
