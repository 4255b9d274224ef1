"""What the project (and beyond it) binds, read statically, never imported: where an import resolves,
the names a module binds, what functions return, class members, call signatures, import cycles."""
