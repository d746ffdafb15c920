"""The rules, one module per concern; importing this package registers them all in RULES."""

from sitrep.check.rules import chronology, handling, judgments, language, sourcing

__all__ = ["chronology", "handling", "judgments", "language", "sourcing"]
