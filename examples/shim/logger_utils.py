"""Compatibility shim: utils.logger_utils moved to utils.logging.

Import from there instead. This module can go once no file imports it
(see `unified-logging report`).
"""
import warnings

from utils.logging import (
    audit,
    current_user,
    get_logger as get_service_logger,
    log_duration,
    traced,
)

__all__ = [
    "audit",
    "current_user",
    "get_service_logger",
    "log_duration",
    "traced",
]

warnings.warn(
    "utils.logger_utils is deprecated: "
    "import from utils.logging instead",
    DeprecationWarning,
    stacklevel=2,
)
