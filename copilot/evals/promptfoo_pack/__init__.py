"""Files copied next to an exported promptfoo config: the provider and the assertion pack."""
