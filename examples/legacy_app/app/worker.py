import logging_config

logging_config.setup_clean_logging()


def run(utils):
    # `utils` is a parameter here, not the package: left alone
    return utils.logger_utils.flush()
