"""``learn`` on the shapes of hand migrations that once gave wrong rules: one name moved to an unrelated module
(a name rule, not a module rule), a use the human deleted (no rename), a module respelled through another local
name (a move), an import equivalent to the rule's (the same object bound), and each comment above its own rule."""
from __future__ import annotations

from flake8_unified_logging.cli import main
from tests import test_learn_history as history
from tests.test_learn_history import SIX_KEPT, SIX_USER, adopt, learned

repo = history.repo  # the fixture: a git repository, ``repo(files, message, moved)`` commits

LOGURU_OWN = "class Logger:\n    def info(self, text):\n        pass\n\n    def opt(self):\n        return self\n\n\n" \
             "logger = Logger()\n"
PKG_LOG = "import logging\n\nlogger = logging.getLogger('pkg')\n"
USER = "from loguru import logger\n\nlogger.info('x')\n"
OPT = "from loguru import logger\n\nlogger.opt().info('x')\n"


def test_one_name_moved_to_an_unrelated_module_is_a_name_rule(repo, capsys, tmp_path):
    repo({"pkg/__init__.py": "", "pkg/log.py": PKG_LOG, "loguru/__init__.py": LOGURU_OWN,
          **{f"pkg/m{i}.py": USER for i in range(3)}, "pkg/o.py": OPT})
    repo({f"pkg/m{i}.py": USER.replace("loguru", "pkg.log") for i in range(2)})
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["loguru:logger = pkg.log:logger"])
    assert "# name rules, not 'loguru = pkg.log': pkg.log:logger is a value made by logging.getLogger, " \
           "loguru:logger a value made by Logger (pkg/" in out
    assert "fix would refuse 1 files (ULG005: pkg.log:logger is an instance of Logger" in out and "): pkg/o.py" in out
    adopt(tmp_path, out)
    main(["fix", "pkg"])
    assert (tmp_path / "pkg/m2.py").read_text() == USER.replace("loguru", "pkg.log")
    assert (tmp_path / "pkg/o.py").read_text() == OPT


def test_one_name_from_a_module_that_cannot_be_read_is_a_name_rule(repo, capsys):
    repo({"pkg/__init__.py": "", "pkg/log.py": PKG_LOG,
          **{f"pkg/m{i}.py": USER.replace("loguru", "logkit") for i in range(3)}})
    repo({f"pkg/m{i}.py": USER.replace("loguru", "pkg.log") for i in range(2)})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["logkit:logger = pkg.log:logger"])
    assert "# name rules, not 'logkit = pkg.log': only logger is shown moving, and logkit is not readable here to " \
           "compare it with pkg.log\n" in out


FUNCTIONS = "def f():\n    pass\n\n\ndef g():\n    pass\n"


def test_a_name_of_another_kind_in_the_new_module_blocks_the_module_rule(repo, capsys):
    repo({"pkg/__init__.py": "", "pkg/old.py": FUNCTIONS, "pkg/new.py": FUNCTIONS.replace("def g():", "class g:"),
          "pkg/u0.py": "from pkg.old import f\n", "pkg/u1.py": "from pkg.old import f, g\n"})
    repo({"pkg/u0.py": "from pkg.new import f\n"})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.old:f = pkg.new:f"])
    assert "# name rules, not 'pkg.old = pkg.new': pkg.new:g is a class, pkg.old:g a function (pkg/u1.py)\n" in out


def test_the_same_kinds_keep_the_module_rule(repo, capsys):
    repo({"pkg/__init__.py": "", "pkg/old.py": FUNCTIONS, "pkg/new.py": FUNCTIONS,
          "pkg/u0.py": "from pkg.old import f\n", "pkg/u1.py": "from pkg.old import f, g\n"})
    repo({"pkg/u0.py": "from pkg.new import f\n"})
    assert learned(capsys, "HEAD")[:2] == (0, ["pkg.old = pkg.new"])


def test_a_module_rule_fix_would_refuse_in_the_tree_is_not_proposed(repo, capsys):
    """Both modules bind ``logger``, made alike, but the new one's lacks a member the tree reads (ULG005)."""
    new = LOGURU_OWN.replace("    def opt", "    def _o")
    repo({"pkg/__init__.py": "", "pkg/old.py": LOGURU_OWN, "pkg/new.py": new,
          "pkg/o.py": OPT.replace("loguru", "pkg.old"),
          **{f"pkg/m{i}.py": USER.replace("loguru", "pkg.old") for i in range(2)}})
    repo({f"pkg/m{i}.py": USER.replace("loguru", "pkg.new") for i in range(2)})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.old:logger = pkg.new:logger"])
    assert "# name rules, not 'pkg.old = pkg.new': fix would refuse it in 1 files (pkg.new:logger is an instance " \
           "of Logger" in out and "): pkg/o.py\n" in out


SETTINGS = "from pydantic import BaseSettings, Extra\n\n\nclass S(BaseSettings):\n    class Config:\n" \
           "        extra = Extra.allow\n"
SETTINGS_AFTER = "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass S(BaseSettings):\n" \
                 "    model_config = SettingsConfigDict(extra='allow')\n"


def test_a_use_the_human_deleted_is_no_rename(repo, capsys):
    repo({"app/__init__.py": "", **{f"app/s{i}.py": SETTINGS for i in range(3)}})
    repo({f"app/s{i}.py": SETTINGS_AFTER for i in range(2)})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pydantic:BaseSettings = pydantic_settings:BaseSettings"])
    assert "not explained: app/s0.py: removed from pydantic import Extra\n" in err
    assert "not explained: app/s0.py: added from pydantic_settings import SettingsConfigDict\n" in err


def test_a_rename_whose_uses_survive_respelled_is_learned(repo, capsys):
    before = "from pkg.old import Mode\n\nVALUE = Mode.fast\nOTHER = Mode('slow')\n"
    repo({"pkg/__init__.py": "", "pkg/old.py": "class Mode:\n    fast = 1\n",
          "pkg/new.py": "class Speed:\n    fast = 1\n", **{f"pkg/u{i}.py": before for i in range(3)}})
    repo({f"pkg/u{i}.py": before.replace("pkg.old", "pkg.new").replace("Mode", "Speed") for i in range(2)})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.old:Mode = pkg.new:Speed"])
    assert "not explained" not in err


ASYNC = "import asynctest\n\nSPY = asynctest.MagicMock()\nCALL = asynctest.patch('os.sep')\n"


def test_a_module_respelled_through_another_local_name_is_a_move(repo, capsys, tmp_path):
    repo({"tests/__init__.py": "", **{f"tests/test_{i}.py": ASYNC for i in range(3)}})
    after = ASYNC.replace("import asynctest", "from unittest import mock").replace("asynctest.", "mock.")
    repo({f"tests/test_{i}.py": after for i in range(2)})
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["asynctest = unittest.mock"])
    assert "replay: the rules reproduce 0 of 2 example files (2 more in another import form)" in err
    assert "not explained" not in err
    adopt(tmp_path, out)
    assert main(["fix", "tests"]) == 1
    fixed = ASYNC.replace("import asynctest", "import unittest.mock as asynctest")
    assert (tmp_path / "tests/test_2.py").read_text() == fixed


def test_an_aliased_import_respelled_is_a_move(repo, capsys):
    aliased = ASYNC.replace("asynctest", "at").replace("import at", "import asynctest as at")
    repo({"tests/__init__.py": "", **{f"tests/test_{i}.py": aliased for i in range(2)}})
    repo({"tests/test_0.py": ASYNC.replace("import asynctest", "import unittest.mock as um").replace(
        "asynctest.", "um.")})
    assert learned(capsys, "HEAD")[:2] == (0, ["asynctest = unittest.mock"])


def test_uses_split_between_two_modules_are_not_a_module_move(repo, capsys):
    before = "import asynctest\n\n\nclass T(asynctest.TestCase):\n    spy = asynctest.MagicMock()\n"
    after = "import unittest\nfrom unittest import mock\n\n\nclass T(unittest.TestCase):\n    spy = mock.MagicMock()\n"
    repo({"tests/__init__.py": "", "tests/test_a.py": before})
    repo({"tests/test_a.py": after})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "not explained: tests/test_a.py: removed import asynctest\n" in err


def test_each_comment_stands_above_the_rule_it_explains(repo, capsys):
    repo({"lib/__init__.py": "", "lib/a.py": SIX_USER, "lib/b.py": SIX_USER, "lib/compat.py": SIX_KEPT,
          "pkg/__init__.py": "", "pkg/old.py": "def f():\n    pass\n", "pkg/new.py": "def f():\n    pass\n",
          "pkg/u.py": "from pkg.old import f\n", "pkg/v.py": "from pkg.old import f\n"})
    after = SIX_USER.replace("from six import", "from io import").replace("from six.moves", "from itertools")
    repo({"lib/a.py": after, "lib/b.py": after, "pkg/u.py": "from pkg.new import f\n"}, "drop six")
    status, rules, out, _ = learned(capsys, "HEAD")
    assert sorted(rules) == ["pkg.old = pkg.new", "six.moves:filterfalse = itertools:filterfalse",
                             "six:StringIO = io:StringIO"]
    lines = out.splitlines()
    module_rule = lines.index('    "pkg.old = pkg.new",')
    assert lines[module_rule - 1].startswith("    # 1 of 3 example files")
    first_six = lines.index('    "six.moves:filterfalse = itertools:filterfalse",')
    assert lines[module_rule + 1].startswith("    # name rules, not 'six.moves = itertools': ")
    assert lines[module_rule + 2].startswith("    # name rules, not 'six = io': ")
    assert lines[module_rule + 3].startswith("    # 2 of 3 example files") and module_rule + 4 == first_six


OLD_EVENTS = {
    "pkg/__init__.py": "",
    "pkg/core/__init__.py": "",
    "pkg/core/event_fetching/__init__.py": "",
    "pkg/core/event_fetching/models.py": "class Event:\n    pass\n",
    "pkg/core/event_fetching/webhooks/__init__.py": "",
    "pkg/core/event_fetching/webhooks/dto/__init__.py": "from .errors import WebhookAPIError\n\n"
                                                        "__all__ = ['WebhookAPIError']\n",
    "pkg/core/event_fetching/webhooks/dto/errors.py": "class WebhookAPIError(Exception):\n    pass\n",
    "pkg/core/event_fetching/webhooks/client.py": "from pkg.core.event_fetching.models import Event\n\n"
                                                  "LAST = Event()\n",
}
ERRORS = "from pkg.core.event_fetching.webhooks.dto.errors import WebhookAPIError\n\nraise WebhookAPIError()\n"
MODELS = "from pkg.core.event_fetching.models import Event\n\nEVENTS = [Event()]\n"


def test_the_package_that_re_exports_a_name_binds_the_same_object(repo, capsys, tmp_path):
    """The human took ``WebhookAPIError`` from the package re-exporting it, the rule writes its module; a moved
    file spells the new import relatively: both agree with the package rule."""
    users = {"svc/__init__.py": "", "svc/a.py": ERRORS, "svc/b.py": MODELS, "svc/c.py": ERRORS, "svc/d.py": MODELS}
    repo({**OLD_EVENTS, **users})
    moved = {p: p.replace("pkg/core/event_fetching", "pkg/event_fetching") for p in OLD_EVENTS if "event_f" in p}
    client = "pkg/event_fetching/webhooks/client.py"
    repo({client: "from ..models import Event\n\nLAST = Event()\n",
          "svc/a.py": ERRORS.replace("core.event_fetching.webhooks.dto.errors", "event_fetching.webhooks.dto"),
          "svc/b.py": MODELS.replace("pkg.core.", "pkg.")}, "move event_fetching", moved)
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.core.event_fetching = pkg.event_fetching"])
    assert "same objects, another import form: svc/a.py" in err
    assert "other code changed too" not in err and "conflict" not in err and "differs" not in err
    adopt(tmp_path, out)
    main(["fix", "svc"])
    assert (tmp_path / "svc/c.py").read_text() == ERRORS.replace("pkg.core.", "pkg.")
    assert (tmp_path / "svc/d.py").read_text() == MODELS.replace("pkg.core.", "pkg.")


def test_two_imports_of_one_object_are_no_conflict(repo, capsys):
    """One example takes the name from the defining module, another from the package: one name rule."""
    new = {p.replace("pkg/core/event_fetching", "pkg/events"): text for p, text in OLD_EVENTS.items()
           if "event_f" in p}
    old = "from pkg.legacy import WebhookAPIError\n\nraise WebhookAPIError()\n"
    repo({**OLD_EVENTS, **new, "pkg/legacy.py": "class WebhookAPIError(Exception):\n    pass\n\n\nOTHER = 1\n",
          **{f"svc/u{i}.py": old for i in range(4)}, "svc/__init__.py": "",
          "svc/k.py": "from pkg.legacy import OTHER\n"})
    repo({"svc/u0.py": old.replace("pkg.legacy", "pkg.events.webhooks.dto.errors"),
          "svc/u1.py": old.replace("pkg.legacy", "pkg.events.webhooks.dto"),
          "svc/u2.py": old.replace("pkg.legacy", "pkg.events.webhooks.dto")})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.legacy:WebhookAPIError = pkg.events.webhooks.dto:WebhookAPIError"])
    assert "conflict" not in err and "replay: the rules reproduce 2 of 3 example files (1 more in another" in err


def test_two_imports_of_different_objects_still_conflict(repo, capsys):
    repo({"pkg/__init__.py": "", "pkg/legacy.py": "class E(Exception):\n    pass\n",
          "pkg/a.py": "class E(Exception):\n    pass\n", "pkg/b.py": "class E(Exception):\n    pass\n",
          **{f"pkg/u{i}.py": "from pkg.legacy import E\n\nraise E()\n" for i in range(2)}})
    repo({"pkg/u0.py": "from pkg.a import E\n\nraise E()\n", "pkg/u1.py": "from pkg.b import E\n\nraise E()\n"})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "conflict: pkg.legacy:E moves to different places: " in err


def test_a_name_imported_unused_and_dropped_is_no_rename(repo, capsys):
    """The edit drops an unused import and adds an unrelated one: nothing was respelled."""
    before = "from pkg.keys import KeyManager\nfrom pkg.client import Client\n\nCLIENT = Client()\n"
    after = "from pkg.client import Client\nfrom pkg.config import resolver\n\nCLIENT = Client(resolver.key())\n"
    repo({"pkg/__init__.py": "", "pkg/keys.py": "class KeyManager:\n    pass\n", "pkg/client.py": "class Client:\n"
          "    pass\n", "pkg/config.py": "resolver = None\n", "pkg/a.py": before, "pkg/b.py": before})
    repo({"pkg/a.py": after})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "not explained: pkg/a.py: removed from pkg.keys import KeyManager\n" in err


def test_a_submodule_reached_through_its_package_and_respelled_is_a_move(repo, capsys):
    """``import asynctest`` + ``asynctest.mock.patch`` -> ``from unittest import mock`` + ``mock.patch``: every use
    went through ``asynctest.mock``, so that is the module that moved."""
    before = "import asynctest\n\nPATCHES: list = [asynctest.mock._patch]\nP = asynctest.mock.patch('os.sep')\n"
    after = "from unittest import mock\n\nPATCHES: list = [mock._patch]\nP = mock.patch('os.sep')\n"
    repo({"pkg/__init__.py": "", "pkg/a.py": before, "pkg/b.py": before})
    repo({"pkg/a.py": after})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["asynctest.mock = unittest.mock"])
    assert "not explained" not in err


def test_a_call_restructured_is_no_rename(repo, capsys):
    """``Client()`` + ``client.make(p)`` -> ``make(p)``: the old name is called with other arguments than the new."""
    before = "from pkg.client import Client\n\n\ndef run(p):\n    client = Client()\n    return client.make(p)\n"
    after = "from pkg.images import make\n\n\ndef run(p):\n    return make(p, size=2)\n"
    repo({"pkg/__init__.py": "", "pkg/client.py": "class Client:\n    pass\n", "pkg/images.py": "def make(p, size):\n"
          "    pass\n", "pkg/a.py": before, "pkg/b.py": before})
    repo({"pkg/a.py": after})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "not explained: pkg/a.py: removed from pkg.client import Client\n" in err


def test_a_relative_or_wrapped_spelling_of_the_new_import_is_no_other_code(repo, capsys):
    before = "from pkg.old import f, g\n\nVALUES = [f(), g()]\n"
    repo({"pkg/__init__.py": "", "pkg/old.py": FUNCTIONS, "pkg/new.py": FUNCTIONS, "pkg/a.py": before,
          "pkg/b.py": before, "pkg/c.py": before})
    repo({"pkg/a.py": "from .new import f, g\n\nVALUES = [f(), g()]\n",
          "pkg/b.py": "from pkg.new import (\n    f,\n    g,\n)\n\nVALUES = [f(), g()]\n"})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.old = pkg.new"])
    assert "replay: the rules reproduce 2 of 2 example files\n" in err and "other code changed too" not in err
