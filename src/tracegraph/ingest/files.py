"""Finding and opening input files without letting one of them hang or stop a batch.

* Folders are walked in name order (file names compared as bytes, so a name that
  is not UTF-8 sorts and reads like any other); hidden files and folders are skipped.
* Only regular files are read. FIFOs, sockets and devices (``/dev/zero``,
  ``/dev/urandom``) are refused with a reason, checked on the opened descriptor
  (opened non-blocking), so a file swapped for a FIFO after the walk cannot hang us.
* A symbolic link found in a folder is followed only when it points inside one of
  the given roots, or when ``follow_symlinks`` is set; a loop or a dangling link
  is refused with a reason. A path given by name is taken as the user meant it.
* The name shown for an input (its ``uri``) is always valid text: bytes that are not
  UTF-8 appear as ``\\xNN``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tracegraph.errors import InputError

#: the biggest file read at all; bigger ones are refused (text files are streamed up to it)
MAX_FILE_BYTES = 4 << 30


def display(path: Path | str) -> str:
    """A path as text that can be printed and stored: undecodable bytes become ``\\xNN``."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


@dataclass
class Found:
    """The files to read, and the paths refused on the way with their reasons."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    #: links not followed because they lead outside the given roots (not an error)
    outside: list[tuple[Path, str]] = field(default_factory=list)


def _inside(target: str, roots: Sequence[str]) -> bool:
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def scan(paths: Sequence[Path | str], follow_symlinks: bool = False) -> Found:
    """Walk the given files and folders; see the module docstring for what is refused."""
    found = Found()
    roots = [os.path.realpath(p) for p in paths]
    visited: set[tuple[int, int]] = set()
    for item in paths:
        path = Path(item)
        try:
            info = path.stat()
        except OSError as exc:
            if path.is_symlink():
                found.refused.append((path, _link_problem(exc)))
            else:
                found.files.append(path)  # reported as missing when it is read
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, roots, follow_symlinks, visited, found)
        else:
            found.files.append(path)
    return found


def _link_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop; not followed"
    if exc.errno == errno.ENOENT:
        return "a symbolic link to nothing (its target does not exist)"
    return f"a symbolic link that cannot be followed ({exc.strerror or exc})"


def _walk(folder: Path, roots: list[str], follow: bool, visited: set[tuple[int, int]], found: Found) -> None:
    try:
        info = folder.stat()
    except OSError as exc:
        found.refused.append((folder, f"cannot read the folder ({exc.strerror or exc})"))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        return  # reached again through a link: already walked
    visited.add(key)
    try:
        with os.scandir(os.fsencode(folder)) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.refused.append((folder, f"cannot list the folder ({exc.strerror or exc})"))
        return
    for entry in entries:
        if entry.name.startswith(b"."):
            continue
        path = folder / os.fsdecode(entry.name)
        if entry.is_symlink():
            try:
                target_info = path.stat()
            except OSError as exc:
                found.refused.append((path, _link_problem(exc)))
                continue
            target = os.path.realpath(path)
            if not follow and not _inside(target, roots):
                reason = f"a symbolic link to {display(target)}, outside the given folders; not followed"
                found.outside.append((path, reason + " (use --follow-symlinks)"))
                continue
            if stat.S_ISDIR(target_info.st_mode):
                _walk(path, roots, follow, visited, found)
            else:
                found.files.append(path)
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            _walk(path, roots, follow, visited, found)
        else:
            found.files.append(path)


@contextmanager
def open_regular(path: Path, uri: str) -> Iterator[tuple[BinaryIO, int]]:
    """Open a regular file for reading (never blocking on a FIFO); yields the handle and its size.

    Anything else (a FIFO, a device, a socket, a folder) raises :class:`InputError`
    with what it is, so ``/dev/zero`` or a named pipe never hang a run.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as exc:
        raise InputError("the file does not exist (or disappeared before it was read)", subject=uri) from exc
    except PermissionError as exc:
        raise InputError("permission denied", subject=uri) from exc
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file", subject=uri) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("a symbolic link loop; not followed", subject=uri) from exc
        raise InputError(f"cannot open the file ({exc.strerror or exc})", subject=uri) from exc
    try:
        info = os.fstat(fd)
        what = kind_of(info.st_mode)
        if what is not None:
            reason = "is a folder, not a file" if what == "a folder" else f"is {what}, not a regular file; skipped"
            raise InputError(reason, subject=uri)
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"the file is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}; split it first",
                subject=uri,
            )
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, info.st_size


def read_bounded(handle: BinaryIO, size: int, uri: str) -> bytes:
    """The whole file, and never more than its size said (a file that grows is cut there)."""
    data = handle.read(size)
    if len(data) < size:
        raise InputError("the file shrank while it was read", subject=uri)
    return data
