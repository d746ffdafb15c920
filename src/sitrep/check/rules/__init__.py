"""The rules, one module per concern; importing this package registers them all in RULES."""

from sitrep.check.rules import chronology, drafts, handling, judgments, language, sourcing

__all__ = ["chronology", "drafts", "handling", "judgments", "language", "sourcing"]
