"""The embedder: normalised vectors, one embedding per text, and the thread choice for single texts."""

from __future__ import annotations

import numpy as np

from copilot.embeddings import ThreadChooser, get_embedder


def test_queries_are_unit_vectors_and_a_text_embeds_the_same_alone_or_in_a_batch() -> None:
    embedder = get_embedder()
    texts = ["where is my order?", "где мой заказ?", "ສິນຄ້າຂອງຂ້ອຍຢູ່ໃສ"]
    batch = embedder.backend.embed_queries(texts)  # type: ignore[attr-defined]
    alone = np.stack([embedder.backend.embed_queries([t])[0] for t in texts])  # type: ignore[attr-defined]
    assert batch.shape == (3, embedder.dim)
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-4)
    # One thread or two must not change the vector (the chooser switches between them).
    assert np.allclose(batch, alone, atol=1e-4)


def test_the_chooser_measures_each_mode_once_then_keeps_the_faster() -> None:
    chooser = ThreadChooser(2)
    assert chooser.choose() == 1  # before any measurement, each mode is tried once
    chooser.record(1, 0.015, 10)
    assert chooser.choose() == 2
    chooser.record(2, 0.008, 10)
    picks = [chooser.choose() for _ in range(ThreadChooser.PROBE_EVERY - 3)]
    assert set(picks) == {2}


def test_the_chooser_falls_back_to_one_thread_when_two_get_slow_and_probes_again() -> None:
    chooser = ThreadChooser(2)
    chooser.record(1, 0.015, 10)
    chooser.record(2, 0.008, 10)
    # Another process takes the second core: two threads now wait for it at every layer.
    for _ in range(20):
        chooser.record(2, 0.030, 10)
    picks = [chooser.choose() for _ in range(2 * ThreadChooser.PROBE_EVERY)]
    assert picks.count(1) == len(picks) - 2
    assert picks.count(2) == 2  # re-tried every PROBE_EVERY calls, in case the load went away
