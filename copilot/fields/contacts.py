"""Email (email-validator) and phone (phonenumbers, E.164) in a customer message."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from .text import MessageText

# Where a phone written without +country is most likely from, by the customer's language.
PHONE_REGIONS: dict[str, tuple[str, ...]] = {
    "ru": ("RU",), "uk": ("UA",), "hy": ("AM",), "lo": ("LA",), "en": ("US", "GB"),
}
_ALL_REGIONS = ("AM", "RU", "UA", "LA", "US", "GB")
# Words that announce a phone number: then a number valid in any of our markets is taken, e.g.
# an Armenian mobile written in an English message.
_PHONE_WORDS = re.compile(
    r"(?i:phone|tel|mobile|cell|call|whatsapp|viber|number|телефон|тел|номер|моб|звон|дзвон|"
    r"հեռախոս|զանգ|համար)|ເບີ|ໂທ"
)
# A message that is only a number written like a phone (+…, 0…, or 10+ digits) is one.
_BARE_PHONE = re.compile(r"^\s*(?:\+|0|(?:\D*\d){10})[\d\s()+-]*$")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\d")


def find_email(msg: MessageText) -> tuple[str, int, int] | None:
    """Last valid address in the message, lower-cased (no deliverability check: offline, H10)."""
    found = None
    for m in _EMAIL.finditer(msg.free):
        candidate = m.group().strip(".'")
        try:
            normalised = validate_email(candidate, check_deliverability=False).normalized
        except EmailNotValidError:
            continue
        # Providers treat the local part case-insensitively; one spelling keeps the CRM key stable.
        found = (normalised.lower(), m.start(), m.start() + len(candidate))
    return found


def find_phone(msg: MessageText, language: str) -> tuple[str, int, int] | None:
    """Last valid phone number, E.164. Claimed spans (order ids, prices) are already blanked."""
    text = msg.free
    if len(_DIGITS.findall(text)) < 7:  # no phone is shorter; skips the matcher for most messages
        return None
    found = None
    regions = PHONE_REGIONS.get(language, ("US", "GB"))
    if _PHONE_WORDS.search(text) or _BARE_PHONE.match(text):
        regions += tuple(r for r in _ALL_REGIONS if r not in regions)
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if found is None or match.start > found[1]:
                found = (e164, match.start, match.end)
        if found:
            break
    return found
