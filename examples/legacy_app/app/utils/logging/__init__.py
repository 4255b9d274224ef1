"""The unified logging package every module moves to (the target of the rules)."""
import logging
from contextlib import contextmanager


def get_logger(name: str, **options: object) -> logging.Logger:
    return logging.getLogger(name)


get_service_logger = get_logger  # the old name, kept while callers migrate


def setup_clean_logging() -> None:
    logging.basicConfig(level=logging.INFO)


def log_duration(function):
    return function


def traced(label: str):
    def decorate(function):
        return function

    return decorate


def audit(message: str) -> None:
    get_logger("audit").info(message)


def current_user() -> str:
    return "system"


@contextmanager
def flush():
    yield
