"""The queue service, on loguru's global logger."""
import os

from utils.logging import get_logger
logger = get_logger("queue")


def run() -> None:
    logger.info(os.getpid())
