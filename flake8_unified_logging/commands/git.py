"""What git knows: tracked files, lines changed since a ref, and past commits read without a checkout."""
from __future__ import annotations

import os
import re
import subprocess
from _collections_abc import Iterable, Iterator
from datetime import date, timedelta

from ..files import SOURCE_SUFFIXES, read_limit, too_large
from ..records import Record

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """git is missing, this is not a work tree, or git refused; the message says which."""


class Commit(Record):
    """A commit: its committer date (``YYYY-MM-DD``, the committer's time zone) and time (seconds since the epoch)."""

    __slots__ = ()
    sha: str
    date: str
    subject: str
    time: int

    def __new__(cls, sha: str, date: str, subject: str, time: int = 0) -> Commit:
        return tuple.__new__(cls, (sha, date, subject, time))


# git runs no command the repository configures (a file-system monitor) and fetches no missing object (a partial
# clone's lazy fetch): reading a repository never runs or downloads anything.
_SAFE = ["-c", "core.fsmonitor=false"]


def _git(args: list[str], cwd: str = ".", stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_NO_LAZY_FETCH": "1"}
    try:
        result = subprocess.run(["git", *_SAFE, *args], cwd=cwd, input=stdin, capture_output=True, env=env)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[0]}" if message else f"git {args[0]} failed")
    return result.stdout


def in_work_tree(cwd: str = ".") -> bool:
    try:
        return _git(["rev-parse", "--is-inside-work-tree"], cwd).strip() == b"true"
    except GitError:
        return False


def top_level(cwd: str = ".") -> str:
    """The work tree's top folder."""
    return os.fsdecode(_git(["rev-parse", "--show-toplevel"], cwd)).strip()


def work_tree_sources(cwd: str = ".") -> list[str]:
    """Python files below ``cwd``, tracked or not, relative to it; ignored files left out (as ``.gitignore``
    says), and files a sparse checkout left out too: what ``check .`` would read."""
    return _listed(cwd, ["--", *(f"*{s}" for s in SOURCE_SUFFIXES)])


def work_tree_files(cwd: str = ".") -> list[str]:
    """Every file below ``cwd``, of any kind, tracked or not; ignored and sparse-checkout-skipped files left out."""
    return _listed(cwd, [])


def _listed(cwd: str, pathspec: list[str]) -> list[str]:
    """``git ls-files`` of the work tree, without the entries a sparse checkout left out: the skip-worktree bit
    (tag ``S``) on a file that is not there."""
    listed = _git(["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", *pathspec], cwd)
    found = []
    for entry in os.fsdecode(listed).split("\0"):
        tag, _, path = entry.partition(" ")
        where = os.path.join(cwd, path) if cwd != "." else path
        if path and (tag != "S" or os.path.lexists(where)):
            found.append(where)
    return found


def resolve_commit(ref: str, cwd: str = ".") -> str:
    """The full id of the commit ``ref`` names; git is given only that id afterwards, never the text typed."""
    try:
        sha = os.fsdecode(_git(["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"], cwd)).strip()
    except GitError as error:
        raise GitError(f"--base {ref!r} is not a commit here ({error})") from None
    if not re.fullmatch(r"[0-9a-f]{40,64}", sha):
        raise GitError(f"--base {ref!r} is not a commit here (git rev-parse: {sha!r})")
    return sha


def changed_lines(base: str, cwd: str = ".") -> dict[str, frozenset[int] | None]:
    """Lines added or changed since ``base``, by path relative to ``cwd``; None for a whole new file.

    The names come from ``-z`` output, never from the patch's headers (which quote unusual names); both listings
    have one entry per file, in the same order.
    """
    sha = resolve_commit(base, cwd)
    options = ["-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--relative", sha, "--"]
    names = [p for p in os.fsdecode(_git(["diff", "-z", "--name-only", *options], cwd)).split("\0") if p]
    diff = os.fsdecode(_git(["diff", *options], cwd))
    sections = ("\n" + diff).split("\ndiff --git ")[1:]
    if len(sections) != len(names):
        raise GitError(f"git diff listed {len(names)} files and {len(sections)} patches")
    changed: dict[str, frozenset[int] | None] = {}
    for name, section in zip(names, sections):
        lines: set[int] = set()
        for hunk in _HUNK.finditer(section):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
        changed[os.path.normpath(name)] = frozenset(lines)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--"], cwd)
    for path in os.fsdecode(untracked).split("\0"):
        if path:
            changed[os.path.normpath(path)] = None
    return changed


def recent_commits(count: int | None, cwd: str = ".", since: str | None = None) -> list[Commit]:
    """The last ``count`` commits of the current branch (first parents; all with None), oldest first; with
    ``since`` (``YYYY-MM-DD``), those dated on or after that day, read back until the first older one."""
    limit = [f"-n{count}"] if count is not None else []
    if since is not None:  # git's own bound, a day early on every side of a time zone; the exact one below
        limit.append(f"--since={date.fromisoformat(since) - timedelta(days=2)}")
    log = _git(["log", "--first-parent", *limit, "--format=%H%x00%cs%x00%ct%x00%s%x00"], cwd)
    fields = os.fsdecode(log).split("\0")
    commits = []
    for i in range(0, len(fields) - 3, 4):
        sha, day, seconds, subject = fields[i].strip(), fields[i + 1], fields[i + 2], fields[i + 3]
        if not _valid_day(day) or not re.fullmatch(r"-?\d+", seconds):
            raise GitError(f"git log: commit {sha[:12]} has no valid committer date ({day!r})")
        commit = Commit(sha, day, subject, int(seconds))
        if since is not None and commit.date < since:
            break
        commits.append(commit)
    return commits[::-1]


def _valid_day(day: str) -> bool:
    try:
        return len(day) == 10 and bool(date.fromisoformat(day))
    except ValueError:
        return False


def tree_sources(sha: str, cwd: str = ".") -> list[tuple[str, str]]:
    """``(path, blob)`` of every Python file and ``__init__.py`` in a commit (paths from the top)."""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", sha], cwd)
    found = []
    for entry in os.fsdecode(listing).split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        if len(meta.split()) != 3:
            raise GitError(f"git ls-tree: cannot read the listing of {sha[:12]}")
        mode, kind, blob = meta.split()
        if kind == "blob" and mode != "120000" and path.endswith(SOURCE_SUFFIXES):
            found.append((path, blob))
    return found


def changed_pairs(old: str, new: str, cwd: str = ".") -> list[tuple[str, str]]:
    """``(path before, path after)`` of the Python files changed between two commits, renamed files followed as
    ``git diff -M`` follows them (paths from the top); a file deleted or added has "" on its missing side."""
    listing = _git(["diff", "-z", "--name-status", "-M", "--no-ext-diff", old, new, "--"], cwd)
    fields = os.fsdecode(listing).split("\0")
    pairs, at = [], 0
    while at < len(fields) and fields[at]:
        status = fields[at]
        if status[0] in "RC":
            before, after, at = fields[at + 1], fields[at + 2], at + 3
        else:
            before = after = fields[at + 1]
            at += 2
        if status[0] in "RMAD" and after.endswith(SOURCE_SUFFIXES):
            pairs.append((before if status[0] != "A" else "", after if status[0] != "D" else ""))
    return pairs


def read_blobs(blobs: Iterable[str], cwd: str = ".") -> Iterator[tuple[str, bytes | str]]:
    """The contents of blobs, read in one ``git cat-file --batch``, or why one is not read: its size, asked first
    (``--batch-check``), is over the run's limit. A missing or damaged object is a GitError."""
    wanted = list(blobs)
    if not wanted:
        return
    sizes = _blob_sizes(wanted, cwd)
    limit = read_limit()
    small = [blob for blob in wanted if sizes[blob] <= limit]
    output = _git(["cat-file", "--batch"], cwd, stdin="".join(f"{b}\n" for b in small).encode()) if small else b""
    at = 0
    read = {}
    for blob in small:
        header_end = output.find(b"\n", at)
        header = output[at:header_end].split()
        if header_end < 0 or len(header) != 3 or not header[2].isdigit() or int(header[2]) != sizes[blob]:
            raise GitError(f"git cat-file: object {blob} could not be read")
        read[blob] = output[header_end + 1 : header_end + 1 + sizes[blob]]
        at = header_end + 1 + sizes[blob] + 1
    for blob in wanted:
        yield blob, read.get(blob, too_large(sizes[blob], limit))


def _blob_sizes(blobs: list[str], cwd: str) -> dict[str, int]:
    listing = _git(["cat-file", "--batch-check"], cwd, stdin="".join(f"{b}\n" for b in blobs).encode())
    sizes = {}
    for blob, line in zip(blobs, os.fsdecode(listing).splitlines() + [""] * len(blobs)):
        fields = line.split()
        if len(fields) != 3 or fields[1] != "blob" or not fields[2].isdigit():
            raise GitError(f"git cat-file: object {blob} is missing or not a file's contents")
        sizes[blob] = int(fields[2])
    return sizes


def uncommitted(path: str) -> bool:
    """Whether git lacks ``path``'s content as it is: changed, staged, untracked or ignored."""
    folder, name = os.path.split(os.path.abspath(path))
    return bool(_git(["status", "--porcelain", "--ignored", "--", name], folder).strip())
