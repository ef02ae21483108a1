"""LLM mode: one client boundary (litellm + instructor), versioned prompts, token budgets.

Importing this package is cheap: litellm is imported only when an LLMClient is built.
"""

from .budget import count_tokens, fit_knowledge, trim_conversation
from .client import CallRecord, LLMClient
from .drafter import Candidate, DraftInput, LLMDraft, LLMDrafter
from .rule_judge import LLMRuleJudge
from .prompts import Prompt, load_prompt

__all__ = [
    "CallRecord",
    "Candidate",
    "DraftInput",
    "LLMClient",
    "LLMDraft",
    "LLMDrafter",
    "LLMRuleJudge",
    "Prompt",
    "count_tokens",
    "fit_knowledge",
    "load_prompt",
    "trim_conversation",
]
