"""``unified-logging learn``: rules read from a hand migration."""
