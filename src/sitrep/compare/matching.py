"""Pairing the items of two issues that have no ids (events, key judgments), as an analyst
pairs two timelines: identical items first, then the most similar pairs by their words.

Apart from what is compared: the pairing knows only a key, a text and a threshold per pair, and
keeps two long timelines with nothing in common from being compared pair by pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

__all__ = ["match_items", "words"]


def words(text: str) -> tuple[str, ...]:
    """The words of a text as compared: case and spacing aside."""
    return tuple(text.casefold().split())


Item = TypeVar("Item")


def match_items(
    old: Sequence[Item],
    new: Sequence[Item],
    key: Callable[[Item], tuple[object, ...]],
    text: Callable[[Item], str],
    threshold: Callable[[Item, Item], float],
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pairs (old, new) of the same item, then the old ones left over, then the new ones.

    Identical keys pair first, in order; then the most similar pairs, best first, down to the
    threshold. Pairs come back in the new brief's order."""
    pairs: dict[int, int] = {}  # new index -> old index
    waiting: dict[tuple[object, ...], list[int]] = {}
    for index, item in enumerate(old):
        waiting.setdefault(key(item), []).append(index)
    for index, item in enumerate(new):
        same = waiting.get(key(item))
        if same:
            pairs[index] = same.pop(0)
    taken = set(pairs.values())
    old_rest = [i for i in range(len(old)) if i not in taken]
    new_rest = [i for i in range(len(new)) if i not in pairs]
    old_words = {i: words(text(old[i])) for i in old_rest}
    # Which old items share words with a new one, and how many (counted as difflib's
    # quick_ratio counts them): an upper bound of the similarity, from one index of the words,
    # so that two long timelines with nothing in common are not compared pair by pair.
    by_word: dict[str, list[tuple[int, int]]] = {}
    for o, found in old_words.items():
        for word, count in Counter(found).items():
            by_word.setdefault(word, []).append((o, count))
    scored: list[tuple[float, int, int]] = []
    for n in new_rest:
        new_words = words(text(new[n]))
        shared: Counter[int] = Counter()
        for word, count in Counter(new_words).items():
            for o, old_count in by_word.get(word, ()):
                shared[o] += min(count, old_count)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new_words)
        for o, common in shared.items():
            needed = threshold(old[o], new[n])
            if 2 * common < needed * (len(old_words[o]) + len(new_words)):
                continue
            matcher.set_seq1(old_words[o])
            score = matcher.ratio()
            if score >= needed:
                scored.append((score, o, n))
    scored.sort(key=lambda found: (-found[0], found[2], found[1]))
    used_old: set[int] = set()
    for _, o, n in scored:
        if o not in used_old and n not in pairs:
            pairs[n] = o
            used_old.add(o)
    matched_old = set(pairs.values())
    return (
        [(old[pairs[n]], new[n]) for n in sorted(pairs)],
        [item for i, item in enumerate(old) if i not in matched_old],
        [item for i, item in enumerate(new) if i not in pairs],
    )
