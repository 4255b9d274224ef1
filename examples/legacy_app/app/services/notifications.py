"""Notifications, still on loguru's global logger."""
import smtplib
from loguru import logger

from app.services.orders import place

logger.info("notifications loaded")


def notify(order_id: int) -> None:
    logger.info("notify {}", order_id)
    place(order_id)
    smtplib.SMTP("localhost")
