"""Deterministic identifiers: the same raw fields always give the same id."""

from __future__ import annotations

import hashlib


def make_id(prefix: str, *parts: object) -> str:
    """Hash the fewest raw fields that identify a thing, behind a readable prefix.

    >>> make_id("doc", "a", 1) == make_id("doc", "a", 1)
    True
    """
    digest = hashlib.sha1()
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\x1f")
    return f"{prefix}-{digest.hexdigest()[:20]}"


def content_hash(data: bytes) -> str:
    """SHA-256 of raw bytes, used to skip unchanged inputs."""
    return hashlib.sha256(data).hexdigest()


def text_hash(text: str) -> str:
    """SHA-256 of text in UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
