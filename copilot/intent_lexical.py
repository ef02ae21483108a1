"""The intent classifier's lexical view: TF-IDF character and word n-grams with a linear SVM.

Exact wordings ("top up", "PIN", "card arrival") that e5 smooths over decide some close intents;
character n-grams need no tokeniser (hy, lo). See the classifier's docstring for what it adds.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import softmax

LEXICAL_TAU = 0.1  # softness of the SVM margins (they sit roughly in [-1, 1])
_SVM_C = 0.5


@dataclass(frozen=True)
class LexicalView:
    """TF-IDF character and word n-grams with one linear SVM over both."""

    vectorizers: tuple  # (char TfidfVectorizer, word TfidfVectorizer), fitted
    coef: np.ndarray  # (n_features, k) float32
    intercept: np.ndarray  # (k,)

    def probs(self, texts: list[str]) -> np.ndarray:
        margins = np.array([self._margins(t) for t in texts], np.float32).reshape(len(texts), -1)
        return softmax(margins / LEXICAL_TAU, axis=-1)

    @cached_property
    def _views(self) -> list[tuple]:
        """(analyzer, vocabulary, idf, first coef row) per vectorizer.

        sklearn's transform spends ~0.8 ms a message validating input; scoring one message needs
        only its analyzer, vocabulary and idf (same features: sublinear tf x idf, L2 per view).
        """
        views, offset = [], 0
        for v in self.vectorizers:
            views.append((v.build_analyzer(), v.vocabulary_, v.idf_.astype(np.float32), offset))
            offset += len(v.vocabulary_)
        return views

    def _margins(self, text: str) -> np.ndarray:
        out = self.intercept.astype(np.float32).copy()
        for analyze, vocab, idf, offset in self._views:
            counts = Counter(j for j in map(vocab.get, analyze(text)) if j is not None)
            if not counts:
                continue
            cols = np.fromiter(counts.keys(), np.int64, len(counts))
            weights = (1.0 + np.log(np.fromiter(counts.values(), np.float32, len(counts)))) * idf[cols]
            weights /= np.linalg.norm(weights)
            out += weights @ self.coef[cols + offset]
        return out

    def to_arrays(self) -> dict[str, np.ndarray]:
        # The fitted vectorizers (vocabularies, idf) go in as pickled bytes: the file is our own cache
        # entry, written by this process's code version, never user input.
        blob = np.frombuffer(pickle.dumps(self.vectorizers, protocol=pickle.HIGHEST_PROTOCOL), np.uint8)
        return {"lex_vectorizers": blob, "lex_coef": self.coef, "lex_intercept": self.intercept}

    @classmethod
    def from_arrays(cls, z: Any) -> LexicalView | None:
        if "lex_vectorizers" not in z.files:
            return None
        return cls(pickle.loads(z["lex_vectorizers"].tobytes()), z["lex_coef"], z["lex_intercept"])


def fit_lexical(texts: list[str], labels: np.ndarray, n_classes: int) -> LexicalView | None:
    """Fit on the examples; None when there is nothing per class to learn from."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # import cost only when fitting
    from sklearn.svm import LinearSVC

    if len(np.unique(labels)) < n_classes or n_classes < 2:
        return None  # an intent without examples (or a single intent): no per-class margin to learn
    vectorizers = (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32,
                        token_pattern=r"(?u)\b\w+\b"),
    )
    try:
        x = sparse.hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    except ValueError:  # no n-gram at all (examples of digits or punctuation only)
        return None
    svm = LinearSVC(C=_SVM_C, class_weight="balanced").fit(x, labels)
    coef, intercept = svm.coef_, svm.intercept_
    if n_classes == 2:  # binary LinearSVC keeps one margin; spell out both classes
        coef, intercept = np.vstack([-coef, coef]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    return LexicalView(vectorizers, np.ascontiguousarray(coef.T, np.float32), intercept.astype(np.float32))
