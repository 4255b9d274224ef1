from utils.logger_utils import get_service_logger  # noqa: ULG001  (kept until the shim is removed)
from utils.logger_utils_v2 import something_else
