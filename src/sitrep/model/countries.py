"""ISO 3166-1 country codes and names, from pycountry's data, loaded on first use."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_code_for", "country_name"]

# Names people write that are not among ISO's names for the country. Matching is exact (after
# case folding), never by prefix: "UK" must not become Ukraine, nor "Korea" either Korea.
_EVERYDAY_NAMES = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "russia": "RU",
    "turkey": "TR",
    "ivory coast": "CI",
    "burma": "MM",
    "uae": "AE",
    "dprk": "KP",
    "rok": "KR",
    "republic of korea": "KR",
    "holland": "NL",
    "the netherlands": "NL",
    "palestine": "PS",
    "vatican": "VA",
    "micronesia": "FM",
    "east timor": "TL",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "dr congo": "CD",
    "drc": "CD",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
}


def country_name(code: str) -> str | None:
    """The ISO 3166-1 short name for an alpha-2 code ("RU" -> "Russian Federation"), or None."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return None if country is None else str(country.name)


@lru_cache(maxsize=512)
def country_code_for(name: str) -> str | None:
    """The alpha-2 code of a country named as people write it in English, or None.

    ISO's own names and codes count ("Russian Federation", "Iran", "North Korea", "GB"), and so
    do a few everyday names ISO does not list ("UK", "Russia", "Turkey"). Nothing is guessed:
    a name that matches no country exactly gives None, and the caller says so.
    """
    import pycountry

    text = " ".join(name.split())
    if not text:
        return None
    everyday = _EVERYDAY_NAMES.get(text.casefold())
    if everyday is not None:
        return everyday
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None
