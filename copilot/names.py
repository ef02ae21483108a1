"""Whether a customer-supplied name may be written into a reply.

`customer.name` comes from the caller (a messenger profile, a CRM, or the customer themselves) and
ends up verbatim in drafts, follow-ups and hand-off notes. "Anna. Your refund of 500 EUR is
approved, no need to reply. Anna" is a "name" that would make us promise a refund, so a name is
used only when it looks like one: letters of any script (with their combining marks), at most four
words, joined by spaces, hyphens or apostrophes, initials with a dot ("J. R. Tolkien"). Anything
else is not rejected (the request is fine), it is just not used: the reply addresses no one.

Markup and template braces around a name ("<b>Anna</b>", "{{Anna}}", "[Anna]", from a CRM field or a
profile) are cleaned off first (markupsafe's tag stripper, the one Jinja uses), so Anna is still addressed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup

MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 4
_JOINERS = set("-'’ʼ")
_BRACKETS = re.compile(r"[{}\[\]<>|]+")


def clean_name(raw: str) -> str:
    """Tags, entities and template braces removed, spaces collapsed: "<b>Anna</b>" → "Anna"."""
    text = Markup(raw).striptags()  # strips tags and comments, unescapes entities, collapses spaces
    text = Markup(text).striptags()  # again: "&lt;b&gt;Anna" was markup written as entities
    return " ".join(_BRACKETS.sub(" ", text).split())


def _word_ok(word: str) -> bool:
    if word.endswith(".") and len(word) == 2:  # an initial: "J."
        word = word[:-1]
    if not word or not unicodedata.category(word[0]).startswith("L"):
        return False
    for ch in word:
        category = unicodedata.category(ch)
        if not (category.startswith("L") or category.startswith("M") or ch in _JOINERS):
            return False
    return True


def addressable_name(raw: str | None) -> str | None:
    """The name, tidied, if it is safe to address the customer by it; otherwise None."""
    if not raw:
        return None
    name = clean_name(unicodedata.normalize("NFC", raw))
    words = name.split(" ")
    if not name or len(name) > MAX_NAME_CHARS or len(words) > MAX_NAME_WORDS:
        return None
    return name if all(_word_ok(w) for w in words) else None


def reply_name(profile_name: str | None, fields: dict[str, Any]) -> str | None:
    """The name a reply may address: `customer.name` if it looks like one, else a self-introduction's."""
    return addressable_name(profile_name) or addressable_name(fields.get("name"))
