try:
    from ...utils.logger_utils import get_service_logger
except ImportError:  # pragma: no cover
    from logging import getLogger as get_service_logger

if False:  # TYPE_CHECKING
    from utils.logger_utils import ServiceLogger

log = get_service_logger("api")
