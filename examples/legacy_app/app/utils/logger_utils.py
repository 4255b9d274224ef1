"""Legacy logging helpers (kept as a shim while callers migrate)."""
from utils.logging import *  # noqa: F401,F403
