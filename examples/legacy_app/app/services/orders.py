"""Order service."""
from utils.logger_utils import get_service_logger, log_duration as timed

logger = get_service_logger(__name__)


@timed
def place(order_id: int) -> None:
    logger.info("placing %s", order_id)
