"""The lexical view scores with its own n-gram analyzers: they must cut text exactly as the
scikit-learn vectorizers it was fitted with, and a cache written the old way still loads."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from copilot.intent_lexical import LexicalView, NgramView, fit_lexical, make_vectorizers
from copilot.paths import KNOWLEDGE_DIR
from copilot.taxonomy import load_taxonomy

TRICKY = ["", "  ", "A", "Hi!!  Where's   my\torder #A-10234?", "ОПЛАТА не прошла", "ຂ້ອຍຈະຟ້ອງ ບໍ",
          "Բարև Ձեզ, առաքում ունե՞ք", "x y", "e-mail: anna@example.com", "don't\nknow"]


@pytest.fixture(scope="module")
def examples() -> list[tuple[str, str]]:
    return load_taxonomy(KNOWLEDGE_DIR / "taxonomy").examples()


def test_the_analyzers_cut_text_as_scikit_learn_does(examples: list[tuple[str, str]]) -> None:
    texts = [t for t, _ in examples]
    for vectorizer in make_vectorizers():
        vectorizer.fit(texts)
        ours, theirs = NgramView.of(vectorizer), vectorizer.build_analyzer()
        for text in [*texts, *TRICKY]:
            assert ours.analyze(text) == theirs(text), (vectorizer.analyzer, text)


def _fitted(examples: list[tuple[str, str]]) -> tuple[LexicalView, list[str]]:
    ids = sorted({i for _, i in examples})
    texts = [t for t, _ in examples]
    labels = np.array([ids.index(i) for _, i in examples])
    view = fit_lexical(texts, labels, len(ids))
    assert view is not None
    return view, texts[::50] + TRICKY


def test_the_view_scores_as_scikit_learns_transform_would(examples: list[tuple[str, str]]) -> None:
    view, texts = _fitted(examples)
    vectorizers = make_vectorizers()
    for v in vectorizers:
        v.fit([t for t, _ in examples])
    from scipy import sparse

    x = sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()
    # sklearn normalises the two views together only through the SVM's features: per view, L2.
    margins = np.asarray(x @ view.coef) + view.intercept
    ours = np.array([view._margins(t) for t in texts])
    assert np.allclose(ours, margins, atol=1e-4)


def test_a_cache_with_pickled_vectorizers_loads_to_the_same_scores(examples: list[tuple[str, str]],
                                                                   tmp_path: Path) -> None:
    view, texts = _fitted(examples)
    vectorizers = make_vectorizers()
    for v in vectorizers:
        v.fit([t for t, _ in examples])
    legacy = tmp_path / "legacy.npz"
    np.savez(legacy, lex_vectorizers=np.frombuffer(pickle.dumps(vectorizers), np.uint8),
             lex_coef=view.coef, lex_intercept=view.intercept)
    current = tmp_path / "current.npz"
    np.savez(current, **view.to_arrays())
    with np.load(legacy) as z:
        assert LexicalView.is_legacy(z)
        old = LexicalView.from_arrays(z)
    with np.load(current) as z:
        assert not LexicalView.is_legacy(z)
        assert "lex_vectorizers" in z.files  # code before NgramView still reads what this code writes
        new = LexicalView.from_arrays(z)
    assert old is not None and new is not None
    assert np.array_equal(old.probs(texts), new.probs(texts))
    assert np.array_equal(new.probs(texts), view.probs(texts))
