"""H10 unkeepable promises: a refund, compensation, a discount, a delivery date or a legal position the
business's knowledge does not grant blocks the draft, in every language; a conversation that must go
to a person blocks a draft that settles it instead of handing it off."""

from __future__ import annotations

import pytest

from copilot.models import KnowledgeHit
from copilot.rules import check_draft

from .context import make_ctx

REFUND_POLICY = KnowledgeHit(
    id="policy:faulty:en", title="Faulty bikes", kind="policy", score=0.9, source="demo/policies/faulty.md",
    text="A bike with a manufacturing defect reported within 14 days: we will refund you in full, or repair it.")

# (language, draft that settles, customer message that needs a person)
SETTLING = [
    ("en", "Sure! Refund approved, you'll get your money today.",
     "I want my money back for this broken bike, or I will call my lawyer."),
    ("en", "We'll compensate you with a 50 EUR voucher for the trouble.", "This is unacceptable, I want a refund!"),
    ("en", "Don't worry, we'll give you a discount on the next bike.", "I want my money back, the bike is broken."),
    ("en", "Legally you are entitled to nothing more, we are not liable.", "My lawyer will contact you."),
    ("ru", "Конечно! Возврат одобрен, деньги вернутся сегодня.", "Верните деньги за сломанный велосипед, иначе пойду к юристу."),
    ("ru", "Мы компенсируем вам неудобства ваучером.", "Хочу вернуть деньги, велосипед сломан."),
    ("ru", "По закону вы имеете право только на ремонт.", "Я подам иск, если не вернёте деньги."),
    ("uk", "Звичайно! Повернення схвалено, гроші повернуться сьогодні.", "Поверніть гроші за зламаний велосипед, бо звернуся до юриста."),
    ("uk", "Ми зробимо знижку на наступне замовлення.", "Поверніть мені гроші, велосипед зламаний."),
    ("hy", "Իհարկե, գումարը կվերադարձնենք այսօր։", "Վերադարձրեք գումարս, հակառակ դեպքում փաստաբանի կդիմեմ։"),
    ("hy", "Վաղը կստանաք նոր հեծանիվը։", "Փաստաբանս կկապվի Ձեզ հետ։"),
    ("hy", "Անհարմարության համար կփոխհատուցենք։", "Վերադարձրեք գումարս, հակառակ դեպքում փաստաբանի կդիմեմ։"),
    ("lo", "ແນ່ນອນ ພວກເຮົາຈະຄືນເງິນໃຫ້ທ່ານມື້ນີ້", "ຂ້ອຍຕ້ອງການເງິນຄືນ ບໍ່ດັ່ງນັ້ນຈະຟ້ອງສານ"),
    ("lo", "ພວກເຮົາຈະຊົດເຊີຍໃຫ້ທ່ານ", "ຂ້ອຍຈະຫາທະນາຍຄວາມ"),
    ("lo", "ໄດ້ເລີຍ ອະນຸມັດຄືນເງິນແລ້ວ ຈະໄດ້ຮັບເງິນມື້ນີ້", "ຂໍເງິນຄືນ ບໍ່ດັ່ງນັ້ນຈະຟ້ອງສານ"),
    # a legal position, negated or not, is one only a person may take
    ("en", "To be clear, you have no legal grounds here: scratches are a normal risk.", "My lawyer will contact you."),
    ("ru", "Скажу сразу: юридических оснований для иска у вас нет.", "Я подам иск, если не вернёте деньги."),
    ("uk", "Юридичних підстав для позову у вас немає, гарантія на це не поширюється.",
     "Поверніть гроші за зламаний велосипед, бо звернуся до юриста."),
    ("hy", "Դատի տալու իրավական հիմքեր չունեք։", "Վերադարձրեք գումարս, հակառակ դեպքում փաստաբանի կդիմեմ։"),
    ("lo", "ທ່ານບໍ່ມີເຫດຜົນທາງກົດໝາຍທີ່ຈະຟ້ອງໄດ້", "ຂ້ອຍຕ້ອງການເງິນຄືນ ບໍ່ດັ່ງນັ້ນຈະຟ້ອງສານ"),
    ("ru", "В качестве извинения дарим вам скидку 20% на следующую покупку.", "Хочу вернуть деньги, велосипед сломан."),
    ("uk", "Повернення коштів схвалено — гроші надійдуть на вашу картку сьогодні.",
     "Поверніть гроші за зламаний велосипед, бо звернуся до юриста."),
]

# The same kinds of promise where nothing needs a person: still unbacked by the knowledge.
UNBACKED = [
    ("en", "Your order will arrive tomorrow, no problem."),
    ("en", "I can give you a discount for you as a regular customer."),
    ("ru", "Доставим завтра, не переживайте."),
    ("ru", "Сделаем скидку, раз вы наш постоянный клиент."),
    ("uk", "Доставимо завтра, не хвилюйтеся."),
    ("hy", "Վաղը կառաքենք, մի անհանգստացեք։"),
    ("lo", "ພວກເຮົາຈະສົ່ງຮອດມື້ອື່ນ"),
    ("en", "We'll refund you today."),
    # the customer's condition does not hedge the promise
    ("en", "If you order today, it will arrive in Tbilisi tomorrow morning for sure."),
    ("ru", "Оформим сегодня — и завтра утром велосипед точно будет у вас."),
    ("hy", "Պատվիրեք հիմա, և վաղը առավոտյան հեծանիվը Ձեզ մոտ կլինի։"),
]

# What a good draft says instead: a person takes over, by a time, no outcome promised.
HANDING_OFF = [
    ("en", "I'm sorry about the bike. I've passed your refund request to our manager, who will reply here by 16:00.",
     "I want my money back for this broken bike, or I will call my lawyer."),
    ("en", "I've passed your compensation request to our manager, who will reply here by 16:00.",
     "This is unacceptable, I want compensation or I call my lawyer."),
    ("ru", "Передала ваш запрос на компенсацию менеджеру, он ответит здесь до 16:00.",
     "Требую компенсацию, иначе пойду в суд."),
    ("ru", "Сожалею о поломке. Передала ваш запрос менеджеру, он ответит здесь до 16:00.",
     "Верните деньги за сломанный велосипед, иначе пойду к юристу."),
    ("uk", "Шкода, що так сталося. Передала ваш запит менеджеру, він відповість тут до 16:00.",
     "Поверніть гроші за зламаний велосипед, бо звернуся до юриста."),
    ("hy", "Ցավում եմ։ Ձեր հարցումը փոխանցել եմ մենեջերին, նա կպատասխանի այստեղ մինչև 16:00։",
     "Վերադարձրեք գումարս, հակառակ դեպքում փաստաբանի կդիմեմ։"),
    ("lo", "ຂໍອະໄພ ພວກເຮົາໄດ້ສົ່ງຄຳຮ້ອງຂອງທ່ານໃຫ້ຜູ້ຈັດການແລ້ວ ຈະຕອບກັບທີ່ນີ້ກ່ອນ 16:00",
     "ຂ້ອຍຕ້ອງການເງິນຄືນ ບໍ່ດັ່ງນັ້ນຈະຟ້ອງສານ"),
]


# Hedged or refused: no promise, nothing to block.
HEDGED = [
    ("en", "I'll check whether we can refund you and reply here by 16:00."),
    ("en", "Unfortunately we can't refund you for a used bike, but a colleague will reply by 16:00."),
    ("ru", "Я уточню, сможем ли вернуть вам деньги, и отвечу до 16:00."),
    ("uk", "Я перевірю, чи повернемо вам гроші, і відповім до 16:00."),
    ("hy", "Կստուգեմ, արդյոք գումարը կվերադարձնենք, և կպատասխանեմ մինչև 16:00։"),
    ("lo", "ພວກເຮົາຈະກວດສອບວ່າສາມາດຄືນເງິນໃຫ້ໄດ້ຫຼືບໍ່ ແລະ ຕອບກັບກ່ອນ 16:00"),
]


def _h10(draft: str, **ctx):
    report = check_draft(draft, make_ctx(**ctx))
    return report, next(c for c in report.checks if c.rule == "H10")


@pytest.mark.parametrize(("lang", "draft", "says"), SETTLING, ids=[f"{x[0]}-{x[1][:24]}" for x in SETTLING])
def test_a_draft_that_settles_what_a_person_must_decide_is_blocked_with_span_and_fix(lang: str, draft: str,
                                                                                      says: str) -> None:
    report, h10 = _h10(draft, language=lang, escalate=True, says=says)
    assert h10.status == "fail" and h10.severity == "block", h10.detail
    assert not report.passed
    assert h10.span is not None and h10.span.end > h10.span.start
    assert draft[h10.span.start:h10.span.end].strip(), "the span points at the promising words"
    assert h10.fix and "colleague" in h10.fix


@pytest.mark.parametrize(("lang", "draft"), UNBACKED, ids=[f"{x[0]}-{x[1][:24]}" for x in UNBACKED])
def test_a_promise_the_knowledge_does_not_grant_is_blocked(lang: str, draft: str) -> None:
    report, h10 = _h10(draft, language=lang)
    assert h10.status == "fail" and h10.severity == "block", h10.detail
    assert h10.span is not None


@pytest.mark.parametrize(("lang", "draft", "says"), HANDING_OFF, ids=[x[0] for x in HANDING_OFF])
def test_a_hand_off_that_promises_no_outcome_passes(lang: str, draft: str, says: str) -> None:
    _, h10 = _h10(draft, language=lang, escalate=True, says=says, allowed=["16:00"])
    assert h10.status == "pass", h10.detail


@pytest.mark.parametrize(("lang", "draft"), HEDGED, ids=[f"{x[0]}-{x[1][:24]}" for x in HEDGED])
def test_a_hedged_or_refused_settlement_is_no_promise(lang: str, draft: str) -> None:
    _, h10 = _h10(draft, language=lang, escalate=True, says=SETTLING[0][2], allowed=["16:00"])
    assert h10.status == "pass", h10.detail


def test_a_refund_the_business_policy_grants_passes_when_no_person_is_needed() -> None:
    _, h10 = _h10("A defect reported within 14 days: we will refund you in full, or repair it.",
                  knowledge=[REFUND_POLICY], says="is there a refund if the bike has a defect?")
    assert h10.status == "pass", h10.detail


def test_the_same_refund_is_blocked_when_the_customer_demands_it_with_a_lawyer() -> None:
    _, h10 = _h10("A defect reported within 14 days: we will refund you in full.", knowledge=[REFUND_POLICY],
                  escalate=True, says="Refund me now or my lawyer will sue you.")
    assert h10.status == "fail"
    assert "needs a person" in h10.detail
