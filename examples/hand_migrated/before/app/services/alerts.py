"""Alerts: migrated by hand in the team's first batch (this is the file before)."""
from utils.logger_utils import get_service_logger, log_duration

log = get_service_logger(__name__)


@log_duration
def alert(message: str) -> None:
    log.warning(message)
