"""The message-hygiene rulebook as code: every rule of RULEBOOK §2 (H1–H14) and §3 (M1–M9),
judged on a draft given the conversation.

    report = check_draft(text, ctx)          # one RuleCheck per rule, in rulebook order
    text = revise_draft(text, report, ctx)   # deterministic repair of what can be repaired
    describe_rules()                         # served by GET /v1/rules
"""

from .check import check_draft
from .registry import RuleContext, RuleInfo, RuleJudge, describe_rules
from .revise import revise_draft

__all__ = ["RuleJudge", "RuleContext", "RuleInfo", "check_draft", "revise_draft", "describe_rules"]
