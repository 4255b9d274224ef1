import os, logging_config as lc
from utils import logger_utils


def build(path: str) -> None:
    lc.setup_clean_logging()
    logger_utils.get_service_logger("reports").info("writing %s", os.path.basename(path))
