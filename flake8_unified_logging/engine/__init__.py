"""The engine: one file's text and rules in, findings with their exact edits out
(match -> plan -> check -> findings)."""
