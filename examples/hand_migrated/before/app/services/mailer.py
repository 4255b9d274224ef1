"""The mailer service, on loguru's global logger."""
import os

from loguru import logger


def run() -> None:
    logger.info(os.getpid())
