import utils.logger_utils

if utils is None:  # pragma: no cover
    utils = object()  # rebinding the package: no safe automatic rewrite (ULG004)
