"""Typed field extraction: order ids, contacts, dates and times, money, names, quantities, return
reasons and catalogue references, from what the customer wrote (docs/knowledge.md "Field names")."""

from .extract import ExtractedFields, extract_fields, extract_from_text, identified_by, missing_fields
from .when import warm_up

__all__ = ["ExtractedFields", "extract_fields", "extract_from_text", "identified_by", "missing_fields", "warm_up"]
