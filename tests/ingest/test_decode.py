"""Bytes to text: the bad encodings and non-text inputs of the issue list."""

from __future__ import annotations

import pytest

from tracegraph.errors import InputError
from tracegraph.ingest.decode import decode, detect


def test_empty_input_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="empty"):
        decode(b"", "empty.txt")
    with pytest.raises(InputError, match="only whitespace"):
        decode(b" \n\n\t ", "blank.txt")


def test_binary_junk_with_a_text_name_is_refused() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(InputError, match="binary data") as caught:
        decode(junk, "photo.txt")
    assert str(caught.value).startswith("photo.txt: ")


def test_utf8_is_read_as_utf8() -> None:
    text, enc = decode("Ines Varga said “yes” – twice".encode(), "a.txt")
    assert text == "Ines Varga said “yes” – twice"
    assert enc.label == "utf-8"


def test_windows_1252_text_is_read_with_its_quotes() -> None:
    raw = "The firm’s director said “no comment” – again, at the café.".encode("cp1252")
    text, enc = decode(raw * 3, "cp.txt")
    assert "firm’s director said “no comment” – again, at the café." in text
    assert enc.name == "cp1252"


def test_invalid_utf8_keeps_the_good_text_and_says_so() -> None:
    raw = "Quarrow Trading’s drums – forty of them – arrived in Lorvik.\n".encode() * 5
    broken = raw[:50] + b"\xff\xfe" + raw[50:]
    text, enc = decode(broken, "broken.txt")
    assert "Quarrow Trading’s drums" in text
    assert "\ufffd" in text
    assert enc.label == "utf-8 (invalid bytes replaced)"


def test_a_character_cut_at_the_end_of_a_sample_is_still_utf8() -> None:
    sample = "drums – forty".encode()[:-8]
    assert detect(sample + "é".encode()[:1], "big.txt", complete=False).name == "utf-8"


def test_utf16_with_a_bom_is_read() -> None:
    raw = "\ufeffBelmont Logistics".encode("utf-16-le")
    raw = b"\xff\xfe" + "Belmont Logistics".encode("utf-16-le")
    text, _ = decode(raw, "u16.txt")
    assert text.strip("\ufeff") == "Belmont Logistics"
