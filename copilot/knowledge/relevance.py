"""How relevant a knowledge hit is: the similarity floors per kind and language, the bar for
quoting an FAQ entry as the answer, and the weights that rank entries (used by `store.search`)."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import KnowledgeHit

# Cosine-similarity floors per kind and customer language, measured on
# evals/datasets/retrieval_dev.jsonl plus off-topic questions (`benchmarks/bench_retrieval.py
# --sweep`). multilingual-e5-small packs hy and lo texts closer together, so their floors sit
# higher; FAQ questions are embedded like the customer message, so FAQ similarities run higher
# than message-to-passage ones (policies, catalogue). "*" is for an unknown language.
DEFAULT_MIN_SCORE: dict[str, dict[str, float]] = {
    "faq": {"en": 0.85, "ru": 0.86, "uk": 0.88, "hy": 0.90, "lo": 0.88, "*": 0.88},
    "policy": {"*": 0.85},
    "catalogue": {"*": 0.84},
}


def min_score_for(kind: str, language: str | None) -> float:
    floors = DEFAULT_MIN_SCORE[kind]
    return floors.get(language or "*", floors["*"])


# How far an FAQ hit must clear its language's floor, counting a fifth of its shared wording, to be
# quoted as the answer. Passing the floor is enough to be listed as knowledge, not to be asserted:
# off-topic questions ("how much is a ticket to Paris") pass it by under 0.02, most real matches by
# more, or share the customer's words. On retrieval_dev + bench_retrieval's OFF_TOPIC, drafts quoting
# an off-topic FAQ 10/40 -> 6/40, right answers quoted 77 -> 73 of 200.
QUOTE_MARGIN, QUOTE_WORDING_WEIGHT = 0.05, 0.2
# The bar for an entry that no word of the customer's points at (answer_coverage.pointing_words, everyday
# words too): the cosine alone must say it is the answer. Questions about what a business never writes about
# reach its nearest entry by a little: a salon's gift cards for "сколько стоит компьютерная диагностика"
# (clearance 0.050), its parking for "Գյումրիում մասնաճյուղ ունե՞ք" (a branch in Gyumri, 0.054), a school's
# children's groups for a boy's haircut (0.055), a guesthouse's breakfast for "what time do u close tonight"
# (0.062). The demo shop's paraphrases that no word points at clear 0.052+ ("не всю суму одразу, можна
# помісячно?" -> instalments), most 0.075+ ("bought a lock, can I give it back" -> returns). Development
# packs (wrong quotes: unanswerable / other tenants' questions) and demo sets (right entry quoted), from none:
#   0.06: 11 -> 10/60, 19 -> 17/588; retrieval_dev -1, off_topic_dev on_topic -1
#   0.07: 10/60, 14/588; retrieval_dev -1 (bench_retrieval: 160 -> 160, its ANN order moves one either way),
#         on_topic -1, off_topic_dev quoted 16 -> 15/60
#   0.08: 9/60, 13/588; retrieval_dev -3;  0.09: 9/60, 12/588, retrieval_dev -3;  0.10: retrieval_dev -5
# No right fact lost on the packs at any of them; 0.07 keeps retrieval_dev within one.
UNPOINTED_MARGIN = 0.07
# How far (in standard deviations of the tenant's other FAQ entries' scores) the best entry must stand
# out for the top one to be quoted (`standing.py`): development packs' right answers 2.2+ (one 1.45),
# the demo shop's 1.88+, unanswerable Lao questions 1.55-1.67.
STANDING_MIN = 1.8
# How far under its floor an FAQ entry the customer's rarer words name may be quoted (retrieve._named_by_words).
WORDS_REACH = 0.03
# How many of the customer's distinct words pointing at an FAQ entry (`pointers`) outweigh an off-domain exemplar
# nearer than the entry (moments.exemplar_outranks), per language; elsewhere the exemplar decides. e5 puts Lao texts
# close together whatever they say: for a Lao deposit question an Armenian chess exemplar is at 0.918, the nearest
# Lao exemplar 0.905, the deposit entry 0.904, so an exemplar's nearness says little against the customer's words in
# the entry. Held-out Lao questions answered (bench_tenants, 21 sets): 3 words 175 -> 178/246, nothing else moved;
# 2 words 183/246, but one more unanswerable question quoted and a wrong entry auto-sent ("must … before" pointing
# at the wedding entry). In the other languages, two words would have quoted five wrong entries for one right answer
# ("how long does … take" pointing at a driving course's duration).
POINTERS_OVER_EXEMPLAR: dict[str, int] = {"lo": 3}


def outweighs_exemplar(hit: KnowledgeHit, language: str | None) -> bool:
    """The customer's own words point at the entry enough to outweigh a nearer off-domain exemplar."""
    if hit.matched:  # its rarer words name the entry
        return True
    needed = POINTERS_OVER_EXEMPLAR.get(language or "")
    return needed is not None and len(set(hit.pointers or ())) >= needed


def names_entry(words: Iterable[str]) -> bool:
    """Whether the customer's distinct words (`matched`) name an entry: one of three letters or more ("ໄທ",
    Thai, names no topic)."""
    return any(len(w) >= 3 for w in words)


def is_clear_answer(hit: KnowledgeHit, language: str | None) -> bool:
    """Whether a hit may be quoted as the answer: none whose `unmatched` words the customer's message turns on;
    an FAQ entry only when close enough (other kinds: their floor is the bar)."""
    if hit.unmatched:  # the customer's central words are not in it (copilot/answer_coverage.py)
        return False
    if hit.kind != "faq":
        return True
    margin = hit.score - min_score_for("faq", language)
    if margin < 0:  # under the floor, reached by the customer's rarer words alone (retrieve._named_by_words)
        return names_entry(hit.matched) and margin >= -WORDS_REACH
    if hit.standing is not None and hit.standing < STANDING_MIN:  # the message lands in a crowd (standing.py)
        return False
    if hit.matched:  # it names what was asked: the floor is enough (answer_coverage.py)
        return True
    clear = clearance(hit, language)
    if hit.pointers is not None and not hit.pointers:  # no word of the customer's points at it
        return clear >= UNPOINTED_MARGIN
    return clear >= QUOTE_MARGIN


def clearance(hit: KnowledgeHit, language: str | None) -> float:
    """How far the hit clears its kind's floor in the language, counting a fifth of its shared wording
    (an FAQ entry is quoted from QUOTE_MARGIN up)."""
    return hit.score - min_score_for(hit.kind, language) + QUOTE_WORDING_WEIGHT * (hit.wording or 0.0)


# Weight of the best cross-language match of an entry when ranking: e5 maps translations close
# together, so five languages' variants vote instead of one's.
TRANSLATION_WEIGHT = 0.5
# Weight of the probability that the message has the intent an FAQ entry was written for (its
# `intent`). Both weights from `bench_retrieval.py --sweep`: recall@1 0.82 with neither, 0.835
# with translations, 0.845-0.855 with both (1-3 questions in 200: modest, not noise-free).
INTENT_WEIGHT = 0.05

# Weight of the rarity-weighted share of the message's words an FAQ entry holds anywhere (question
# variants, answer, title, tags; `words.TenantWords.coverage`, rarity over the entries and the intent
# examples) when ranking, given the tenant's taxonomy. The cosine often prefers a neighbour that shares
# the question's frame ("can I … at the Kyiv store" → the address entry), while the customer's rarer
# words ("collect … myself", "помесячно", "google pay") are in the answering entry. Recall@1 on
# retrieval_dev as the pipeline searches (benchmarks/bench_retrieval.py) 170 → 176/200 at 0.07–0.1
# (0.03: 171, 0.06: 174, 0.15: 175, 0.2: 172); off_topic_dev's 40 hard paraphrases 20 → 17/40; off-topic top hits
# unchanged. At 0.1 "what's the phone number of whoever ordered VN-10999?" (adversarial privacy case)
# ranks the shop's contacts entry first: 0.07 keeps the order entry there.
# Tenant dev packs (bench_tenants.py), see the commit message. Questions-only coverage gained less.
COVER_WEIGHT = 0.07
