"""Speed of field extraction: median / p95 ms of extract_fields over realistic 1–3 message
conversations in en, ru, uk, hy, lo (target: median ≤ 3 ms), plus the cold first call, which
imports dateparser and loads its language data.

    .venv/bin/python benchmarks/bench_fields.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime, timezone

T0 = time.perf_counter()
import copilot  # noqa: E402,F401  (sets the offline environment first)
from copilot.catalogue import Catalogue, load_catalogue  # noqa: E402
from copilot.name_match import _stem, fold, word_matches  # noqa: E402
from copilot.fields import extract_fields  # noqa: E402
from copilot.models import Conversation  # noqa: E402
from copilot.paths import KNOWLEDGE_DIR  # noqa: E402

IMPORT_S = time.perf_counter() - T0

FALLBACK_CATALOGUE = {
    "currency": "EUR",
    "items": [
        {"id": "bike-city-3", "names": {"en": "City 3 bike", "ru": "велосипед City 3", "lo": "ລົດຖີບ City 3"},
         "aliases": ["city 3", "сити 3"], "price": 540, "attributes": {"size": ["S", "M", "L"],
                                                                     "colour": ["black", "green"]}, "stock": 4},
        {"id": "helmet-pro", "names": {"en": "Pro helmet", "ru": "шлем Pro", "uk": "шолом Pro"}, "price": 60,
         "attributes": {"size": ["M", "L"], "colour": ["black", "white"]}},
    ],
    "cities": [
        {"id": "yerevan", "names": {"en": "Yerevan", "ru": "Ереван", "uk": "Єреван", "hy": "Երևան",
                                    "lo": "ເຢເຣວານ"}, "delivery_days": 1},
        {"id": "lviv", "names": {"en": "Lviv", "ru": "Львов", "uk": "Львів"}, "delivery_days": 3},
    ],
}

CONVERSATIONS: list[tuple[str, list[str]]] = [
    ("en", ["hi where is my order #58812?? its been 2 weeks"]),
    ("en", ["hey", "need 20 City 3 bikes size M for a team event", "can i pick up tomorrow at 5"]),
    ("en", ["I'm angry, paid 540 EUR and the bike is broken", "my email is Anna.P@example.com"]),
    ("en", ["Hi I'm Anna, booking ref AB12CD, can we move it to friday 10am"]),
    ("ru", ["здравствуйте, заказ № 58812, где он?", "мой телефон 8 916 123-45-67"]),
    ("ru", ["меня зовут Анна", "хочу 2 сити 3 черный размер М, доставка в Ереване", "завтра в 5 можно?"]),
    ("ru", ["не подошёл размер, хочу вернуть", "заказ 58812 от 25 ноября"]),
    ("uk", ["мене звати Ганна, замовлення 58812 досі не прийшло"]),
    ("uk", ["доставка до Львова скільки коштує?", "20 велосипедів", "завтра о 17:00"]),
    ("hy", ["Իմ անունը Աննա է, պատվեր 58812", "վաղը ժամը 5-ին կգամ"]),
    ("hy", ["20 հատ, 540000 դրամ", "առաքում Երևանում?"]),
    ("lo", ["ຂ້ອຍຊື່ ສົມໃຈ ຄັບ", "ມື້ອື່ນ 5 ໂມງ ໄດ້ບໍ່"]),
    ("lo", ["ຄຳສັ່ງຊື້ 58812 ຍັງບໍ່ທັນມາຮອດ", "ເບີ 020 5555 1234"]),
    ("lo", ["ລົດຖີບ City 3 ສີດຳ 2 ຄັນ 500000 ກີບ"]),
]


def _conversation(texts: list[str]) -> Conversation:
    sent = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc).isoformat()
    return Conversation.model_validate({"messages": [
        {"role": "customer", "text": t, "sent_at": sent} for t in texts
    ]})


def _catalogue() -> Catalogue:
    path = KNOWLEDGE_DIR / "demo" / "catalogue.yaml"
    return load_catalogue(path) if path.is_file() else Catalogue.model_validate(FALLBACK_CATALOGUE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    catalogue = _catalogue()
    cases = [(lang, _conversation(texts)) for lang, texts in CONVERSATIONS]

    start = time.perf_counter()
    extract_fields(cases[0][1], language="en", catalogue=catalogue)
    first_plain = time.perf_counter() - start
    start = time.perf_counter()  # the first message with a month name imports dateparser
    extract_fields(_conversation(["can we do 25 November?"]), language="en", catalogue=catalogue)
    first_dateparser = time.perf_counter() - start

    print(f"import copilot.fields + catalogue: {IMPORT_S * 1000:.0f} ms")
    print(f"first call (no dateparser):        {first_plain * 1000:.1f} ms")
    print(f"first call with a month name:      {first_dateparser * 1000:.0f} ms (dateparser import + data)")
    print(f"extract_fields over {len(cases)} conversations x {args.rounds} rounds:")
    for label, cold in (("warm caches", False), ("caches cleared before each call", True)):
        timings: list[float] = []
        for _ in range(args.rounds):
            for lang, conversation in cases:
                if cold:  # the same texts repeat here; real traffic does not
                    for cached in (fold, _stem, word_matches):
                        cached.cache_clear()
                start = time.perf_counter()
                extract_fields(conversation, language=lang, catalogue=catalogue)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"  {label:32s} median {statistics.median(timings):.2f} ms   p95 {p95:.2f} ms   "
              f"max {timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
