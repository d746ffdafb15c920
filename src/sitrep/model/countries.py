"""ISO 3166-1 country codes and names, from pycountry's data, loaded on first use."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_code_for", "country_name"]


def country_name(code: str) -> str | None:
    """The ISO 3166-1 short name for an alpha-2 code ("RU" -> "Russian Federation"), or None."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return None if country is None else str(country.name)


@lru_cache(maxsize=512)
def country_code_for(name: str) -> str | None:
    """The alpha-2 code of a country named as people write it ("Russia" -> "RU"), or None.

    An exact match on any of ISO's names or codes wins; otherwise a fuzzy match counts only when
    the country's name starts with the text, so "Russia" finds RU but "Korea" finds nothing
    rather than guessing between two countries.
    """
    import pycountry

    text = name.strip()
    if not text:
        return None
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return None
    starting = [c for c in matches if str(c.name).lower().startswith(text.lower())]
    return str(starting[0].alpha_2) if len(starting) == 1 else None
