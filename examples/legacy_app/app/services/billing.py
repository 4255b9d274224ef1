import utils.logger_utils
from utils.logger_utils import (
    get_service_logger,  # the service-wide logger
    log_duration,
)

logger = utils.logger_utils.get_service_logger(__name__)


def charge(amount: float) -> None:
    utils.logger_utils.audit(f"charge {amount} by {utils.logger_utils.current_user()}")


@utils.logger_utils.traced("refund")  # a decorator: renamed with the import
def refund(amount: float) -> None:
    import utils  # another import of the same package: its uses are renamed too

    utils.logger_utils.audit(f"refund {amount}")
