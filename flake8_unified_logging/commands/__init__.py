"""Runs over files: the per-file workers of ``fix``, ``check`` and ``diff``, processes, git, shims."""
