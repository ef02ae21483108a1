"""Retrieval figures: recall@3 per language, relevance floors, query latency, ingest time.

    .venv/bin/python benchmarks/bench_retrieval.py [--entries 10000] [--sweep]

* recall@3: share of evals/datasets/retrieval_dev.jsonl rows whose `faq:<faq_id>:<language>`
  is among the top 3 hits of `KnowledgeStore.search` (all kinds, default floors, the message
  text, intents and taxonomy given as the pipeline gives them) over the ingested knowledge/demo
  (target >= 0.9 per language).
* off-topic: share of OFF_TOPIC questions (nothing in the shop's knowledge answers them) that
  return no hit at all (the floor keeps them out).
* --sweep: recall and off-topic rejection per floor and kind — how DEFAULT_MIN_SCORE was chosen —
  and recall@1 per ranking weight (TRANSLATION_WEIGHT, INTENT_WEIGHT, COVER_WEIGHT).
* latency: median / p95 of `search` with a precomputed query vector and the text (as the pipeline), at
  the demo size and with synthetic extra entries (target <= 15 ms).
* ingest: cold ingest of knowledge/demo, re-ingest of the unchanged folder, ensure_ingested.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot.embeddings import Embedder, get_embedder
from copilot.answer_coverage import mark_unmatched
from copilot.classifier import IntentClassifier
from copilot.knowledge import DEFAULT_MIN_SCORE, KINDS, KnowledgeStore, is_clear_answer
from copilot.off_domain import FILE as OFF_DOMAIN_FILE
from copilot.off_domain import OffDomain
from copilot.paths import KNOWLEDGE_DIR
from copilot.settings import Settings
from copilot.taxonomy import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "knowledge" / "demo"
DEV = ROOT / "evals" / "datasets" / "retrieval_dev.jsonl"
HELD_OUT = ROOT / "evals" / "datasets" / "off_topic_heldout.yaml"
DEV_OFF_TOPIC = ROOT / "evals" / "datasets" / "off_topic_dev.yaml"

# Questions a bike shop's knowledge cannot answer; some share words with it (price, delivery, hours).
OFF_TOPIC: dict[str, list[str]] = {
    "en": ["what's the weather on Mars", "who won the football match yesterday", "recommend a good pizza recipe",
           "how do I renew my passport", "what is the capital of Australia", "tell me a joke about cats",
           "how much does a flight to Paris cost", "can you help me with my math homework"],
    "ru": ["какая погода на Марсе", "кто вчера выиграл футбольный матч", "посоветуйте рецепт пиццы",
           "как продлить паспорт", "какая столица Австралии", "расскажи анекдот про котов",
           "сколько стоит билет в Париж", "помоги с домашкой по математике"],
    "uk": ["яка погода на Марсі", "хто вчора виграв футбольний матч", "порадьте рецепт піци",
           "як продовжити паспорт", "яка столиця Австралії", "розкажи анекдот про котів",
           "скільки коштує квиток до Парижа", "допоможи з домашкою з математики"],
    "hy": ["Ինչպիսի՞ եղանակ է Մարսի վրա", "ո՞վ հաղթեց երեկվա ֆուտբոլային խաղում", "խորհուրդ տվեք պիցցայի բաղադրատոմս",
           "ինչպե՞ս երկարաձգել անձնագիրը", "որն է Ավստրալիայի մայրաքաղաքը", "պատմիր անեկդոտ կատուների մասին",
           "ինչ արժե տոմսը դեպի Փարիզ", "օգնիր մաթեմատիկայի տնային աշխատանքով"],
    "lo": ["ອາກາດຢູ່ດາວອັງຄານເປັນແນວໃດ", "ມື້ວານນີ້ໃຜຊະນະບານເຕະ", "ແນະນຳສູດເຮັດພິຊຊາແດ່",
           "ຕໍ່ອາຍຸໜັງສືຜ່ານແດນແນວໃດ", "ນະຄອນຫຼວງຂອງອົດສະຕຣາລີແມ່ນຫຍັງ", "ເລົ່າເລື່ອງຕະຫຼົກກ່ຽວກັບແມວແດ່",
           "ປີ້ຍົນໄປປາຣີລາຄາເທົ່າໃດ", "ຊ່ວຍເຮັດການບ້ານຄະນິດສາດແດ່"],
}


def ms(values: list[float]) -> str:
    v = sorted(values)
    p95 = v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
    return f"median {statistics.median(v) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (n={len(v)})"


def timed_searches(store: KnowledgeStore, tenant: str, queries: list[tuple[np.ndarray, str, str]],
                   taxonomy: Taxonomy, repeat: int = 2) -> list[float]:
    out = []
    for _ in range(repeat):
        for vec, lang, text in queries:
            t = time.perf_counter()
            store.search(vec, tenant=tenant, language=lang, k=3, text=text, taxonomy=taxonomy)
            out.append(time.perf_counter() - t)
    return out


def sweep(store: KnowledgeStore, tenant: str, dev: list[dict], dev_vecs: np.ndarray, off: list[tuple[str, np.ndarray]]) -> None:
    """Per language: FAQ recall@3 (language-filtered) and off-topic rejection per kind as the floor moves."""
    pos: dict[str, list[float]] = defaultdict(list)  # score of the right entry if in the FAQ top 3, else -1
    for row, vec in zip(dev, dev_vecs, strict=True):
        hits = store.search(vec, tenant=tenant, language=row["language"], k=3, kinds=("faq",), min_score=0.0)
        want = f"faq:{row['faq_id']}:{row['language']}"
        pos[row["language"]].append(next((h.score for h in hits if h.id == want), -1.0))
    neg: dict[tuple[str, str], list[float]] = defaultdict(list)  # (language, kind) -> best off-topic score
    for lang, vec in off:
        for kind in KINDS:
            hits = store.search(vec, tenant=tenant, language=lang, k=1, kinds=(kind,), min_score=0.0)
            neg[lang, kind].append(hits[0].score if hits else 0.0)
    for lang in sorted(pos):
        print(f"\n[{lang}] floor  faq-recall@3  off-topic rejected: faq  policy  catalogue")
        for floor in np.arange(0.82, 0.955, 0.01):
            recall = np.mean([s >= floor for s in pos[lang]])
            rej = {k: np.mean([s < floor for s in neg[lang, k]]) for k in KINDS}
            print(f"      {floor:.2f}   {recall:.3f}         {rej['faq']:.3f}   {rej['policy']:.3f}   {rej['catalogue']:.3f}")


def print_quoted_off_topic(store: KnowledgeStore, embedder: Embedder, classifier: IntentClassifier) -> None:
    """Off-topic questions that would have an FAQ entry quoted, and right answers kept, as the pipeline
    decides it: a clear match (is_clear_answer) that no off-domain exemplar outranks (copilot/off_domain.py).
    OFF_TOPIC and off_topic_dev.yaml are dev data; the held-out file never tuned anything."""
    exemplars = OffDomain.load([KNOWLEDGE_DIR / OFF_DOMAIN_FILE], embedder)
    dev = yaml.safe_load(DEV_OFF_TOPIC.read_text(encoding="utf-8"))
    held = yaml.safe_load(HELD_OUT.read_text(encoding="utf-8"))

    taxonomy = load_taxonomy(KNOWLEDGE_DIR / "taxonomy")

    def quoted(rows: list[tuple[str, str, str | None]]) -> tuple[int, int, int]:
        """(quoted as the pipeline decides, without the exemplars, without the coverage check
        (copilot/answer_coverage.py)); rows with an entry id count only that entry."""
        vecs = embedder.embed_queries([t for _, t, _ in rows])
        with_ex = without = uncovered = 0
        for (lang, text, entry), vec in zip(rows, vecs, strict=True):
            hits = store.search(vec, tenant="demo", language=lang, text=text, taxonomy=taxonomy,
                                intents=classifier.predict_vector(vec, text).probabilities())
            right = bool(hits) and hits[0].kind == "faq" and (entry is None or hits[0].id == f"faq:{entry}:{lang}")
            in_domain = bool(hits) and not exemplars.outranks(vec, hits[0].score, classifier.nearest_example(vec))
            uncovered += right and is_clear_answer(hits[0], lang) and in_domain
            mark_unmatched(hits, vector=vec, text=text, language=lang, store=store, tenant="demo",
                           taxonomy=taxonomy, embedder=embedder)
            in_domain = in_domain or (bool(hits) and bool(hits[0].matched))  # as moments._off_domain
            clear = right and is_clear_answer(hits[0], lang)
            without += clear
            with_ex += clear and in_domain
        return with_ex, without, uncovered

    for name, sets in (("dev OFF_TOPIC", OFF_TOPIC), ("dev off_topic_dev.yaml", dev["off_topic"]), ("held-out", held)):
        rows = [(lang, text, None) for lang, texts in sets.items() for text in texts]
        q, w, c = quoted(rows)
        print(f"{name}: FAQ quoted for {q}/{len(rows)} off-topic questions ({w}/{len(rows)} without the exemplars, "
              f"{c}/{len(rows)} without the coverage check)")
    rows = [(lang, x["text"], x["entry"]) for lang, xs in dev["on_topic"].items() for x in xs]
    q, w, c = quoted(rows)
    print(f"dev on_topic (off_topic_dev.yaml): right entry quoted for {q}/{len(rows)} ({w} without the exemplars, "
          f"{c} without the coverage check)")
    rows = [(r["language"], r["text"], r["faq_id"]) for r in
            (json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip())]
    q, w, c = quoted(rows)
    print(f"retrieval_dev: right entry quoted for {q}/{len(rows)} ({w} without the exemplars, {c} without the "
          "coverage check)")


def sweep_weights(store: KnowledgeStore, dev: list[dict], vecs: np.ndarray, intents: list[dict[str, float]],
                  taxonomy: Taxonomy) -> None:
    """recall@1 as the ranking weights move (how TRANSLATION_WEIGHT, INTENT_WEIGHT and COVER_WEIGHT were chosen)."""
    import copilot.knowledge.relevance as module

    chosen = (module.TRANSLATION_WEIGHT, module.INTENT_WEIGHT, module.COVER_WEIGHT)
    print("\nrecall@1 per (TRANSLATION_WEIGHT, INTENT_WEIGHT, COVER_WEIGHT):")
    for tw in (0.0, 0.25, 0.5):
        for iw in (0.0, 0.02, 0.03, 0.05, 0.08):
            for cw in (0.0, 0.05, 0.1, 0.15):
                module.TRANSLATION_WEIGHT, module.INTENT_WEIGHT, module.COVER_WEIGHT = tw, iw, cw
                ok = [bool(hits) and hits[0].id == f"faq:{r['faq_id']}:{r['language']}"
                      for r, v, p in zip(dev, vecs, intents, strict=True)
                      for hits in [store.search(v, tenant="demo", language=r["language"], k=3, text=r["text"], intents=p,
                                                taxonomy=taxonomy)]]
                print(f"  {tw:.2f} {iw:.2f} {cw:.2f}  {np.mean(ok):.3f}")
    module.TRANSLATION_WEIGHT, module.INTENT_WEIGHT, module.COVER_WEIGHT = chosen


def add_synthetic(store: KnowledgeStore, tenant: str, n: int, rng: np.random.Generator) -> float:
    """n extra FAQ entries (question + answer vectors) near the real ones; returns seconds taken."""
    col = store._collection(tenant, "faq", create=True)  # benchmark only: bypasses embedding
    base = np.asarray(col.get(include=["embeddings"])["embeddings"], dtype=np.float32)
    langs = ["en", "ru", "uk", "hy", "lo"]
    t = time.perf_counter()
    ids, vecs, metas = [], [], []
    for i in range(n):
        for role in ("question", "answer"):
            v = base[rng.integers(len(base))] + rng.normal(0, 0.03, base.shape[1]).astype(np.float32)
            vecs.append(v / np.linalg.norm(v))
            ids.append(f"{langs[i % 5]}/faq:synthetic{i}:{langs[i % 5]}#{role}")  # store's doc id format
            metas.append({"tenant": tenant, "kind": "faq", "language": langs[i % 5], "entry_id": f"faq:synthetic{i}:{langs[i % 5]}",
                          "title": f"synthetic {i}", "text": f"synthetic answer {i}", "source": "synthetic",
                          "position": 10_000 + i, "hash": "x", "role": role})
    batch = store._client.get_max_batch_size()
    for s in range(0, len(ids), batch):
        col.add(ids=ids[s : s + batch], embeddings=np.stack(vecs[s : s + batch]), metadatas=metas[s : s + batch],
                documents=[m["title"] for m in metas[s : s + batch]])
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000, help="synthetic extra entries for the latency run")
    parser.add_argument("--sweep", action="store_true", help="print recall / rejection per floor")
    args = parser.parse_args()

    embedder = get_embedder()
    embedder.embed_passages(["warm up"]), embedder.embed_queries(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        store = KnowledgeStore(Settings(data_dir=Path(tmp), chroma_url=None))
        t = time.perf_counter()
        report = store.ingest(DEMO, tenant="demo")
        cold = time.perf_counter() - t
        n_entries = len(report.added)
        t = time.perf_counter()
        again = store.ingest(DEMO, tenant="demo")
        warm = time.perf_counter() - t
        t = time.perf_counter()
        store.ensure_ingested(DEMO, tenant="demo")
        ensure = time.perf_counter() - t
        print(f"ingest knowledge/demo: {n_entries} entries, {report.embedded} vectors: cold {cold:.2f} s; "
              f"unchanged re-ingest {warm * 1000:.0f} ms ({again.embedded} embedded); ensure_ingested {ensure * 1000:.1f} ms")

        dev = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        dev_vecs = embedder.embed_queries([r["text"] for r in dev])
        # The pipeline passes the message's intent probabilities from the default taxonomy.
        taxonomy = load_taxonomy(KNOWLEDGE_DIR / "taxonomy")
        classifier = IntentClassifier.build(taxonomy, embedder, cache_dir=Path(tmp))
        intents = [classifier.predict_vector(v, r["text"]).probabilities() for v, r in zip(dev_vecs, dev, strict=True)]
        if args.sweep:
            sweep_weights(store, dev, dev_vecs, intents, taxonomy)
        per_lang: dict[str, list[bool]] = defaultdict(list)
        first: dict[str, list[bool]] = defaultdict(list)  # the top hit, the one a draft would quote
        misses = []
        for row, vec, probs in zip(dev, dev_vecs, intents, strict=True):
            # With the message text and intents, as the pipeline searches.
            hits = store.search(vec, tenant="demo", language=row["language"], k=3, text=row["text"], intents=probs,
                                taxonomy=taxonomy)
            ok = f"faq:{row['faq_id']}:{row['language']}" in [h.id for h in hits]
            per_lang[row["language"]].append(ok)
            first[row["language"]].append(bool(hits) and hits[0].id == f"faq:{row['faq_id']}:{row['language']}")
            if not ok:
                misses.append((row["language"], row["text"], row["faq_id"], [(h.id, h.score) for h in hits]))
        print(f"\nrecall@3 (default floors {DEFAULT_MIN_SCORE}):")
        for lang, oks in sorted(per_lang.items()):
            print(f"  {lang}: {np.mean(oks):.3f} ({sum(oks)}/{len(oks)})")
        print(f"  all: {np.mean([o for v in per_lang.values() for o in v]):.3f}")
        print("recall@1 (the entry a draft quotes): " + ", ".join(
            f"{lang} {np.mean(oks):.3f}" for lang, oks in sorted(first.items()))
            + f"; all {np.mean([o for v in first.values() for o in v]):.3f}")
        for m in misses[:40]:
            print("  miss", m)

        off = [(lang, vec) for lang, texts in OFF_TOPIC.items() for vec in embedder.embed_queries(texts)]
        off_texts = [(lang, text) for lang, texts in OFF_TOPIC.items() for text in texts]
        lang_of = dict((text, lang) for lang, text in off_texts)
        leaked = [(text, store.search(vec, tenant="demo", language=lang, text=text))
                  for (lang, text), (_, vec) in zip(off_texts, off, strict=True)]
        leaked = [x for x in leaked if x[1]]
        print(f"\noff-topic questions with no hit: {1 - len(leaked) / len(off):.3f} ({len(off) - len(leaked)}/{len(off)})")
        quoted = [t for t, hits in leaked if is_clear_answer(hits[0], lang_of[t])]
        print(f"off-topic questions whose top hit is clear enough to quote (is_clear_answer): "
              f"{len(quoted)}/{len(off)} {quoted}")
        print_quoted_off_topic(store, embedder, classifier)
        leaked = [(t, [(h.id, h.score) for h in hits]) for t, hits in leaked]
        for x in leaked:
            print("  leak", x)
        if args.sweep:
            sweep(store, "demo", dev, dev_vecs, off)

        queries = [(v, r["language"], r["text"]) for v, r in zip(dev_vecs, dev, strict=True)]
        timed_searches(store, "demo", queries[:10], taxonomy, repeat=1)  # warm caches
        print(f"\nsearch latency, demo size ({n_entries} entries): {ms(timed_searches(store, 'demo', queries, taxonomy))}")
        if args.entries <= 0:
            return 0
        added = add_synthetic(store, "demo", args.entries, np.random.default_rng(0))
        print(f"added {args.entries} synthetic FAQ entries ({2 * args.entries} vectors) in {added:.1f} s")
        timed_searches(store, "demo", queries[:10], taxonomy, repeat=1)
        print(f"search latency, +{args.entries} entries: {ms(timed_searches(store, 'demo', queries, taxonomy))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
