"""Words of a message in any script: Lao (and Thai) are written without spaces between words.

Counting words by spaces reads a whole Lao sentence as one word. Lao text is segmented with
LaoNLP's dictionary tokenizer (Thai with PyThaiNLP, which LaoNLP depends on); other scripts split
on letters and digits. The tokenizers are imported on the first unspaced text (~0.5 s once).
"""

from __future__ import annotations

import re
from functools import lru_cache

_LAO = re.compile(r"[\u0E80-\u0EFF]")
_THAI = re.compile(r"[\u0E00-\u0E7F]")
# Lao and Thai vowel and tone marks are not \w: keep them in the run they belong to.
_WORD = re.compile(r"(?:[^\W_]|[\u0E00-\u0EFF])+(?:['’][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text``: letters/digits runs, unspaced scripts split by a dictionary tokenizer."""
    out: list[str] = []
    for run in _WORD.findall(text):
        if _LAO.search(run):
            from laonlp.tokenize import word_tokenize as lao_words

            out += [w for w in lao_words(run) if w.strip()]
        elif _THAI.search(run):
            from pythainlp.tokenize import word_tokenize as thai_words

            out += [w for w in thai_words(run) if w.strip()]
        else:
            out.append(run)
    return tuple(out)


def word_count(text: str) -> int:
    return len(words(text))
