"""Alerts: migrated by hand in the team's first batch (this is the file before)."""
from utils.logging import get_logger, log_duration

log = get_logger(__name__)


@log_duration
def alert(message: str) -> None:
    log.warning(message)
