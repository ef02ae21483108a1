"""Language detection: accuracy on the labelled dev texts, and what a first detection costs a process.

    python benchmarks/bench_language.py [--show-errors]

Texts and labels: intents_default_dev.jsonl and retrieval_dev.jsonl (`language` per row), the
off-topic dev and held-out sets (grouped by language), every customer message of the tenant dev
packs (language tag), the romanised packs (ru/uk/hy typed in Latin letters), the multi-turn dev set (`expect.language`, through `conversation_language`
as the pipeline runs it), plus a few messages in Latin-script languages we have no templates for
(they must not come out as English: a tenant hands those off). Printed: accuracy per source and
per language, how each answer was reached (script, ru/uk vote, English words, lingua), and the
wall/CPU time of a fresh process's first English and Russian detection (what a CLI call pays).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

import copilot  # noqa: F401  (offline environment first)
from copilot.conversation_language import conversation_language
from copilot.language import detect_language

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "evals" / "datasets"
LANGS = ("en", "ru", "uk", "hy", "lo")
# Written for this benchmark: Latin-script languages without templates in the default library.
OTHER_LATIN = {
    "de": ["Guten Tag, wie viel kostet der Flughafentransfer für zwei Personen?",
           "Wann ist meine Bestellung da? Ich warte schon eine Woche",
           # typed without umlauts, as in chats: words of romanised Russian or Armenian too ("der", "mit")
           "ist der helm wasserdicht?", "kann ich mit karte zahlen?", "kommt der kurier heute?",
           "habt ihr am sonntag offen?"],
    "fr": ["Bonjour, où est ma commande ? J'attends depuis une semaine",
           "Est-ce que vous livrez à Lyon ?", "vous etes ouverts dimanche ?"],
    "es": ["Hola, ¿cuánto cuesta el envío a Madrid?", "Quiero devolver la bicicleta, no me queda bien"],
    "it": ["Buongiorno, quando arriva il mio ordine?", "Vorrei cambiare la taglia del casco"],
    "pt": ["Olá, quanto custa a entrega para Lisboa?", "Quero trocar o tamanho, por favor"],
    "pl": ["Dzień dobry, gdzie jest moje zamówienie?", "Ile kosztuje dostawa do Krakowa?"],
    "nl": ["Hallo, waar blijft mijn bestelling? Ik wacht al een week", "Hoeveel kost de levering?"],
    "tr": ["Merhaba, siparişim nerede? Bir haftadır bekliyorum", "Kargo ücreti ne kadar?"],
}


def labelled_texts() -> dict[str, list[tuple[str, str]]]:
    """Source name -> [(text, language)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name in ("intents_default_dev.jsonl", "retrieval_dev.jsonl"):
        rows = [json.loads(line) for line in (DATASETS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        out[name] = [(r["text"], r["language"]) for r in rows]
    for name in ("off_topic_dev.yaml", "off_topic_heldout.yaml"):
        data = yaml.safe_load((DATASETS / name).read_text(encoding="utf-8"))
        groups = [data["off_topic"], data["on_topic"]] if "off_topic" in data else [data]
        out[name] = [(t if isinstance(t, str) else t["text"], lang) for g in groups for lang, ts in g.items() for t in ts]
    packs = []
    for path in sorted((DATASETS / "tenant_packs").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            lang = next(t for t in case["tags"] if t in LANGS)
            packs += [(m["text"], lang) for m in case["conversation"]["messages"] if m["role"] == "customer"]
    out["tenant_packs"] = packs
    # Russian, Ukrainian and Armenian typed in Latin letters (copilot.romanised), tagged with the language to reply in
    out["romanised_packs"] = [(case["conversation"]["messages"][-1]["text"], case["tags"][1])
                              for path in sorted((DATASETS / "romanised_packs").glob("*.yaml"))
                              for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    out["other Latin (bench)"] = [(t, lang) for lang, ts in OTHER_LATIN.items() for t in ts]
    return out


def multi_turn() -> list[tuple[list[str], str]]:
    rows = []
    for path in sorted((DATASETS / "multiturn").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts = [m["text"] for m in case["conversation"]["messages"] if m["role"] == "customer"]
            rows.append((texts, case["expect"]["language"]))
    return rows


_FIRST_CALL = """
import resource, time
t = time.perf_counter()
from copilot.language import detect_language
g = detect_language({text!r})
r = resource.getrusage(resource.RUSAGE_SELF)
print(f"{{time.perf_counter() - t:.3f}} {{r.ru_utime + r.ru_stime:.3f}} {{g.code}} {{g.method}}")
"""


def first_call(text: str, runs: int = 3) -> str:
    walls, cpus, said = [], [], ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _FIRST_CALL.format(text=text)], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
        said = f"{out[2]} by {out[3]}"
    return f"wall median {sorted(walls)[runs // 2]:.2f} s, process CPU median {sorted(cpus)[runs // 2]:.2f} s ({said})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    opts = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    per_lang: dict[str, list[bool]] = defaultdict(list)
    methods: Counter[str] = Counter()
    total = right = 0
    for source, rows in labelled_texts().items():
        ok = 0
        for text, lang in rows:
            guess = detect_language(text)
            hit = guess is not None and guess.code == lang
            ok += hit
            per_lang[lang].append(hit)
            methods[guess.method if guess else "none"] += 1
            if not hit and opts.show_errors:
                print(f"  [{source}] {lang} -> {guess}: {text}")
        total, right = total + len(rows), right + ok
        print(f"{source:<28} {ok}/{len(rows)} = {ok / len(rows):.3f}")
    conversations = multi_turn()
    ok = 0
    for texts, lang in conversations:
        guess = conversation_language(None, texts)
        ok += guess.code == lang
        if guess.code != lang and opts.show_errors:
            print(f"  [multiturn] {lang} -> {guess}: {texts}")
    print(f"{'multiturn (conversations)':<28} {ok}/{len(conversations)} = {ok / len(conversations):.3f}")
    print(f"all single texts {right}/{total} = {right / total:.4f}; per language: "
          + ", ".join(f"{lang} {sum(v)}/{len(v)}" for lang, v in sorted(per_lang.items())))
    print("decided by: " + ", ".join(f"{m} {n}" for m, n in methods.most_common()))
    print(f"first detection in a fresh process, English: {first_call('I want my money back for order A-10234')}")
    print(f"first detection in a fresh process, Russian: {first_call('где мой заказ? жду уже неделю')}")


if __name__ == "__main__":
    main()
