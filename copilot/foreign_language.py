"""A customer who writes in a language the business has no templates for (German to a Yerevan salon).

Offline we can only write what our templates say, so a person answers (`E-language`, policy.py).
In LLM mode the model is asked to answer in the customer's language, with the template draft as an
example of content only, and the draft is checked against *that* language (H12): an English reply
to a German message is a failure, not a pass. If the model gives no usable answer, the offline
result stands and a person answers, as offline. Follow-ups are written from templates, so none
are planned in a language we have none for.
"""

from __future__ import annotations

from dataclasses import replace

from .language import LanguageGuess
from .models import Draft
from .reasons import UNSUPPORTED_LANGUAGE
from .understand import Understanding


def model_language(u: Understanding) -> str:
    """The language the model writes in: the customer's, even without templates in it."""
    return u.asked_language if u.unsupported_language and u.asked_language else u.language.code


def language_note(u: Understanding) -> list[str]:
    """An instruction for the model when the template draft is in another language than the customer's."""
    if not (u.unsupported_language and u.asked_language):
        return []
    return [f"The customer writes in {u.asked_language!r}; the business has no templates in it, so the template "
            f"draft is in another language. Use it for its content only and write your whole reply in "
            f"{u.asked_language!r}."]


def written_in_customers_language(u: Understanding, draft: Draft) -> tuple[Understanding, Draft]:
    """After the model answered: the reply's language is the customer's, so H12 checks that one."""
    if not (u.unsupported_language and u.asked_language):
        return u, draft
    language = LanguageGuess(u.asked_language, u.language.confidence, f"model-in-{u.asked_language}")
    return replace(u, language=language), draft.model_copy(update={"language": u.asked_language})


def without_model(u: Understanding, reasons: list[str]) -> list[str]:
    """No model answer (offline mode, or the model failed): a person answers a language without templates."""
    if u.unsupported_language and UNSUPPORTED_LANGUAGE not in reasons:
        return [*reasons, UNSUPPORTED_LANGUAGE]
    return reasons


def without_templates(u: Understanding) -> bool:
    """The model wrote the reply in a language we have no templates for: nothing template-made
    (follow-ups, a topic-change header) can go with it."""
    return u.language.method.startswith("model-in-")
