"""The factuality grader against the fake OpenAI-compatible server, and its agreement with human labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.evals.factuality import FactualityGrader, agreement, factuality_score
from copilot.evals.metrics import aggregate
from copilot.evals.results import CaseRun
from copilot.models import KnowledgeHit
from copilot.settings import Settings
from eval_builders import make_case, make_suggestion
from fake_server import FakeLLMServer

DELIVERY = KnowledgeHit(id="faq:delivery:en", title="Delivery", text="Delivery to Lviv takes 2-3 days and costs 5 EUR.",
                        score=0.9, source="demo/faq.yaml")
RETURNS = KnowledgeHit(id="policy:returns:en", title="Returns", text="Unused items can be returned within 14 days.",
                       score=0.5, source="demo/returns.md", kind="policy")
GROUNDED = {"claims": [{"claim": "Delivery to Lviv takes 2-3 days", "supported": True, "source": "faq:delivery:en"}],
            "verdict": "grounded", "reason": "All claims are in the knowledge."}
INVENTED = {"claims": [{"claim": "Delivery to Lviv takes 2-3 days", "supported": True, "source": "faq:delivery:en"},
                       {"claim": "Delivery is free", "supported": False, "source": None}],
            "verdict": "ungrounded", "reason": "Free delivery is not in the knowledge."}



def _grader(server: FakeLLMServer, tmp_path: Path) -> FactualityGrader:
    return FactualityGrader(Settings(model="openai/fake-grader", api_base=server.url, api_key="sk-fake", retries=0,
                                     timeout_s=5.0, data_dir=tmp_path, llm_cache=False))


def _suggestion(draft: str):
    return make_suggestion(draft=draft, citations=["faq:delivery:en"], knowledge=[DELIVERY, RETURNS])


def test_an_unsupported_claim_fails_and_only_the_cited_knowledge_is_shown(fake_llm: FakeLLMServer,
                                                                          tmp_path: Path) -> None:
    fake_llm.enqueue_json(INVENTED)
    [score] = factuality_score(_grader(fake_llm, tmp_path), make_case(),
                               _suggestion("Delivery to Lviv takes 2-3 days and is free. Shall I order?"))
    assert score.status == "fail" and score.value == 0.5 and "Delivery is free" in score.reason
    sent = fake_llm.requests[0].messages[-1]["content"]
    assert "[faq:delivery:en]" in sent and "policy:returns:en" not in sent   # graded against what it cites


def test_a_grader_outage_or_a_self_contradiction_is_an_error_never_a_fail(fake_llm: FakeLLMServer,
                                                                          tmp_path: Path) -> None:
    fake_llm.enqueue_error(500, "overloaded")
    fake_llm.enqueue_json({**INVENTED, "verdict": "grounded"})
    grader = _grader(fake_llm, tmp_path)
    outage = grader(make_case(), _suggestion("Delivery takes 2-3 days."))
    contradiction = grader(make_case(), _suggestion("Delivery takes 2-3 days."))
    assert outage.status == "error" and "grader unavailable" in outage.reason
    assert contradiction.status == "error" and "listed 1 unsupported" in contradiction.reason


def test_agreement_with_a_labelled_sample_is_reported(fake_llm: FakeLLMServer, tmp_path: Path) -> None:
    # Four labelled cases; the grader agrees with the human on three (it misses one invented fact).
    labelled = [("ok-1", "pass", GROUNDED), ("bad-1", "fail", INVENTED), ("ok-2", "pass", GROUNDED),
                ("bad-2", "fail", GROUNDED)]
    grader = _grader(fake_llm, tmp_path)
    runs = []
    for cid, label, reply in labelled:
        fake_llm.enqueue_json(reply)
        case = make_case(cid).model_copy(update={"labels": {"factuality": label}})
        suggestion = _suggestion("Delivery to Lviv takes 2-3 days.")
        runs.append(CaseRun(case=case, suggestion=suggestion, scores=factuality_score(grader, case, suggestion)))
    m = aggregate(runs)
    assert m["agreement.factuality"] == 0.75 and m["agreement.factuality.n"] == 4
    assert m["agreement.factuality.kappa"] == pytest.approx(0.5)      # 0.75 observed vs 0.5 by chance
    assert m["factuality.pass_rate"] == 0.75


def test_agreement_when_both_sides_say_one_class_only() -> None:
    assert agreement([("pass", "pass")] * 3) == {"rate": 1.0, "kappa": 1.0, "n": 3.0}
    assert agreement([]) == {"rate": None, "kappa": None, "n": 0.0}
