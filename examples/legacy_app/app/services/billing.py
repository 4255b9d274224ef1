import utils.logger_utils
from utils.logger_utils import (
    get_service_logger,  # the service-wide logger
    log_duration,
)

logger = utils.logger_utils.get_service_logger(__name__)


def charge(amount: float) -> None:
    utils.logger_utils.audit(f"charge {amount} by {utils.logger_utils.current_user()}")
