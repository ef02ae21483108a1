import pytest
from pydantic import ValidationError

from copilot.models import Conversation, RuleCheck, Suggestion


def _errors(data: dict) -> set[str]:
    with pytest.raises(ValidationError) as exc:
        Conversation.model_validate(data)
    return {".".join(str(p) for p in e["loc"]) for e in exc.value.errors()}


def test_a_plain_dict_of_the_documented_shape_is_a_conversation() -> None:
    conv = Conversation.model_validate({
        "messages": [{"role": "customer", "text": "hi", "sent_at": "2026-11-24T10:00:00Z"},
                     {"role": "agent", "text": "Hello! How can I help?"},
                     {"role": "customer", "text": "where is my order"}],
        "channel": "whatsapp", "customer": {"name": "Anna", "vip": True, "language": "en"}, "tenant": "shop-1"})
    assert conv.last_customer_message.text == "where is my order"
    assert [m.role for m in conv.customer_messages] == ["customer", "customer"]
    assert conv.customer.vip is True


def test_an_empty_conversation_names_the_messages_field() -> None:
    assert "messages" in _errors({"messages": []})


def test_an_unknown_channel_names_the_channel_field() -> None:
    assert "channel" in _errors({"messages": [{"role": "customer", "text": "hi"}], "channel": "fax"})


def test_a_conversation_without_a_customer_message_is_rejected() -> None:
    with pytest.raises(ValidationError, match="role 'customer'"):
        Conversation.model_validate({"messages": [{"role": "agent", "text": "hello"}]})


def test_blank_text_and_unknown_keys_are_rejected() -> None:
    assert "messages.0.text" in _errors({"messages": [{"role": "customer", "text": "   "}]})
    assert "messages.0.emoji" in _errors({"messages": [{"role": "customer", "text": "hi", "emoji": "x"}]})


def test_a_tenant_id_must_be_a_safe_name() -> None:
    assert "tenant" in _errors({"messages": [{"role": "customer", "text": "hi"}], "tenant": "../etc"})


def test_a_judge_error_is_not_a_failed_check() -> None:
    check = RuleCheck(rule="H9", status="error", passed=True, detail="judge timed out")
    assert check.passed and check.status == "error"


def test_the_suggestion_schema_names_the_contract_fields() -> None:
    props = Suggestion.model_json_schema()["properties"]
    assert {"intent", "language", "fields", "missing_fields", "knowledge", "draft", "hygiene", "decision",
            "follow_ups", "trace"} <= set(props)


def test_a_short_turn_is_read_with_the_customers_turn_before_it() -> None:
    conv = Conversation.model_validate({"messages": [
        {"role": "customer", "text": "where is my order?"}, {"role": "bot", "text": "Could you send the number?"},
        {"role": "customer", "text": "A-10234"}]})
    assert conv.query_text == "where is my order?\nA-10234"
    assert conv.has_our_reply


def test_a_first_message_is_its_own_query_and_has_no_reply_of_ours() -> None:
    conv = Conversation.model_validate({"messages": [{"role": "customer", "text": "do you deliver to Kutaisi?"}]})
    assert conv.query_text == "do you deliver to Kutaisi?"
    assert not conv.has_our_reply


def test_the_trace_declares_every_field_it_carries() -> None:
    from copilot.models import Trace

    with pytest.raises(ValidationError):
        Trace.model_validate({"undeclared": 1})
    assert {"tenant", "language_method", "llm_calls", "prompt_versions"} <= set(Trace.model_json_schema()["properties"])
