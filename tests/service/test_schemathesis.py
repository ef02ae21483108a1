"""Schemathesis against the app's own OpenAPI schema, with all its checks: no 5xx, every response as
documented, schema-valid input accepted and invalid input rejected. Bounded to fit CI: a fixed number
of examples per operation, derandomized (the same cases every run)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from copilot import Copilot
from copilot.api import create_app

MAX_EXAMPLES = 40


@pytest.fixture(scope="module")
def api_schema(offline_copilot: Copilot) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(offline_copilot))


# schemathesis' own pytest loader does not run on pytest 9: each operation's strategy is driven here.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_the_api_conforms_to_its_schema(api_schema: schemathesis.schemas.BaseSchema, mode: GenerationMode) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/suggest", "/v1/check", "/v1/rules", "/healthz"}
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not (len(operation.body) or len(operation.query)):
            continue  # nothing a GET without parameters can get wrong

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate()

        conforms()


def test_the_schema_generates_conversations_with_a_customer_message(api_schema: schemathesis.schemas.BaseSchema) -> None:
    spec = api_schema.raw_schema
    messages = spec["components"]["schemas"]["Conversation"]["properties"]["messages"]
    assert messages["contains"]["properties"]["role"] == {"const": "customer"}
    for status in ("400", "404", "413", "415", "422", "429", "500", "503"):
        response = spec["paths"]["/v1/suggest"]["post"]["responses"][status]
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}
