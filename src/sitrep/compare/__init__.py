"""What changed between two issues of a brief: events, key judgments and sources.

`diff_briefs(old, new)` compares two briefs and returns `BriefChanges`; `sitrep diff` prints it
and `render --changes-since` turns it into a box in the document (resolve/changes.py).

Events have no ids, so they are matched as an analyst would pair two issues' timelines:
1. an event with the same day and the same words (spacing and case aside) is the same event;
2. of the rest, the most similar pairs (word-level similarity, difflib) are the same event
   edited: at least `SAME_DAY_SIMILARITY` of the words alike when the day is the same,
   `OTHER_DAY_SIMILARITY` when the day moved too (a re-dated event keeps its words);
3. what is left over was removed (old) or added (new).
Key judgments are matched the same way on their text alone, and sources by their id.

The package: the typed result (`changes`), the pairing of two lists of items (`matching`), the
comparison itself (`diff`) and `sitrep diff`'s text report (`report`). Every name is importable
from here.
"""

from __future__ import annotations

from sitrep.compare.changes import (
    BriefChanges,
    EventChange,
    EventItem,
    JudgmentChange,
    JudgmentItem,
    SourceItem,
)
from sitrep.compare.diff import JUDGMENT_SIMILARITY as JUDGMENT_SIMILARITY
from sitrep.compare.diff import OTHER_DAY_SIMILARITY, SAME_DAY_SIMILARITY, diff_briefs
from sitrep.compare.report import changes_text

__all__ = [
    "OTHER_DAY_SIMILARITY",
    "SAME_DAY_SIMILARITY",
    "BriefChanges",
    "EventChange",
    "EventItem",
    "JudgmentChange",
    "JudgmentItem",
    "SourceItem",
    "changes_text",
    "diff_briefs",
]
