"""Stage 3: Document to annotations (geography, topics, entities, quotes)."""
