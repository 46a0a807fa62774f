"""Is decoded text plausibly text? Garbage is refused with a reason rather than stored.

Decoding never fails on its own (every byte is *some* character in Windows-1252), so
random bytes, UTF-32 read as UTF-16 or a wrong code page would be stored as "text".
The checks here look at what came out:

* NUL and other control characters (tab, line and page breaks aside);
* replacement characters (bytes the codec could not read) and private-use or
  unassigned code points;
* the share of letters, digits and white space (prose in any script is mostly these);
* in an 8-bit code page, whether non-ASCII characters sit inside words as letters
  do ("Müller") rather than as symbols ("M³ller").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

#: characters looked at (a sample from the start, the middle and the end of longer text)
SAMPLE_CHARS = 65_536
MAX_CONTROL_SHARE = 0.001
MAX_REPLACED_SHARE = 0.01
MAX_ODD_SHARE = 0.01
MIN_WORDLIKE_SHARE = 0.5
#: adjacent cased letters going lower -> upper ("xQ"): rare in prose, common in random text
MAX_CASE_FLIPS = 0.15
MIN_CASE_PAIRS = 8
#: tokens (between spaces) that must look like a word or a number
MIN_WORD_SHARE = 0.5
TINY_CHARS = 32
LONGEST_WORD = 40
#: characters U+XX00 among those above U+00FF: about 1 in 256 in real text, most in a misaligned decode
MAX_ROUND_SHARE = 0.2
_SEPARATORS = re.compile(r"[,;|<>=/\"\\()\[\]{}]")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>.,;:!?*_#|/\\-–—=+~`^%$&@"
#: in an 8-bit code page, the share of non-ASCII characters that must be letters
MIN_CODE_PAGE_LETTERS = 0.8
#: quotes, dashes and spaces: as usual in a code page as letters are
_NEUTRAL = frozenset({"Pi", "Pf", "Pd", "Zs"})
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1c\x1d\x1e\x85")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    middle = len(text) // 2
    return text[:third] + text[middle - third // 2 : middle + third // 2] + text[-third:]


def judge(text: str, code_page: str | None = None) -> Verdict:
    """Whether ``text`` reads as text; otherwise the reason, in words.

    ``code_page`` names the 8-bit code page the text was decoded with, if any: then
    its non-ASCII characters must mostly be letters (else the code page is wrong).
    """
    sample = _sample(text)
    if not sample.strip():
        return Verdict(False, "no text (only white space)")
    total = len(sample)
    cats = Counter(unicodedata.category(ch) for ch in sample)
    nul = sample.count("\x00")
    if nul:
        return Verdict(False, f"decodes to text with NUL characters ({nul} in {total}): binary or a wrong encoding")
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > total * MAX_CONTROL_SHARE:
        return Verdict(False, f"decodes to text with {controls} control characters in {total}: binary or garbage")
    replaced = sample.count("\ufffd")
    if replaced > max(2, total * MAX_REPLACED_SHARE):
        return Verdict(False, f"{replaced} of {total} characters could not be decoded: binary or a wrong encoding")
    odd = cats["Co"] + cats["Cn"] + cats["Cs"]
    if odd > max(2, total * MAX_ODD_SHARE):
        return Verdict(False, f"decodes to {odd} private-use or unassigned characters in {total}: not text")
    wordlike = sum(n for cat, n in cats.items() if cat[0] in "LNZ" or cat == "Mn" or cat == "Mc")
    wordlike += sum(1 for ch in sample if ch in _ALLOWED_CONTROLS)
    if wordlike < total * MIN_WORDLIKE_SHARE:
        share = 100 * (total - wordlike) // total
        return Verdict(False, f"{share}% of the characters are symbols or punctuation: garbage, not prose")
    words, tokens = _word_shapes(sample)
    tiny = len(sample.strip()) < TINY_CHARS  # too little to judge by shares: every token must be a word
    if tokens and (words < tokens * MIN_WORD_SHARE or (tiny and words < tokens)):
        return Verdict(False, f"only {words} of {tokens} tokens look like words or numbers: garbage, not text")
    wide = [ch for ch in sample if ord(ch) > 0xFF]
    round_ = sum(1 for ch in wide if ord(ch) & 0xFF == 0)
    if round_ >= 4 and round_ > len(wide) * MAX_ROUND_SHARE:
        return Verdict(
            False,
            f"{round_} of {len(wide)} characters are of the form U+XX00: UTF-16 or UTF-32 read with the wrong "
            "byte order or width",
        )
    pairs, flips = _case_flips(sample)
    if pairs >= MIN_CASE_PAIRS and flips > pairs * MAX_CASE_FLIPS:
        reason = f"letters switch case inside words {flips} times in {pairs}: random characters, not prose"
        return Verdict(False, reason)
    if code_page is not None:
        score = letter_score(sample)
        if score < MIN_CODE_PAGE_LETTERS:
            return Verdict(
                False,
                f"read as {code_page}, {100 - int(100 * score)}% of the non-ASCII characters are symbols: "
                "an implausible code page or binary data",
            )
    return Verdict(True)


def _word_shapes(text: str) -> tuple[int, int]:
    """Tokens that look like a word or a number, and tokens that are not pure punctuation."""
    words = tokens = 0
    for raw in _SEPARATORS.sub(" ", text).split():
        token = raw.strip(_EDGE_PUNCT)
        if not token:
            continue  # markup, a dash, a table rule
        inner = "".join(ch for ch in token if unicodedata.category(ch)[0] != "P")
        if not inner:
            continue
        tokens += 1
        if len(inner) > LONGEST_WORD and (inner.lower() != inner or inner.upper() != inner):
            continue  # 40 letters of a cased script without a space: not a word
        if inner.isalpha() or inner.isdigit() or (inner.isalnum() and len(inner) <= 12):
            words += 1
    return words, tokens


def _case_flips(text: str) -> tuple[int, int]:
    """Pairs of adjacent cased letters, and how many go from lower to upper case."""
    pairs = flips = 0
    prev = ""
    for ch in text:
        if prev and (prev.islower() or prev.isupper()) and (ch.islower() or ch.isupper()):
            pairs += 1
            flips += prev.islower() and ch.isupper()
        prev = ch
    return pairs, flips


def letter_score(text: str) -> float:
    """The share of non-ASCII characters that are letters (1.0 when there are none).

    "Müller" read as Latin-1 scores 1.0; the same bytes read as cp775 ("M³ller") 0.0.
    """
    odd = [ch for ch in _sample(text) if ord(ch) > 127 and unicodedata.category(ch) not in _NEUTRAL]
    if not odd:
        return 1.0
    return sum(1 for ch in odd if unicodedata.category(ch)[0] in "LM") / len(odd)
