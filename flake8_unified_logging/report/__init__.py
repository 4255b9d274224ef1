"""``unified-logging report``: migration progress, counted by the engine."""
