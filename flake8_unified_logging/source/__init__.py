"""What one file is: its syntax, positions, scopes, edits, noqa comments and place. Knows no rule."""
