"""Language of a message by script, with Simplified vs Traditional told apart by OpenCC's tables."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from ..taxonomy import Language
from .text import t2s_changed

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u0e80-\u0eff\u10a0-\u10ff]"
)
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")
_NON_ENGLISH_LATIN = re.compile(r"[\u00c0-\u024f]")

# Written Cantonese: these only occur in Hong Kong style (Traditional) chat.
_CANTONESE = frozenset("嘅咗哋嚟喺冇唔啲咁嘢乜嗰睇畀俾揾搵攞咩佢嘥啱呢㗎喎囉")

# Common English function words: enough of them marks Latin-script text as English.
_ENGLISH_WORDS = frozenset(
    """a an the i you he she it we they me my your our their is are was were be been am do does did
    done have has had not no to of in on at for from with by and or but if so this that these those
    what when where why how who which can could will would should shall may might must please thanks
    thank hi hello hey ok okay yes yeah just still again order refund there here get got want need
    help sorry any anyone some been being about after before now today yesterday tomorrow than then
    too very really all one two three lol omg pls plz u ur im dont cant wont didnt isnt its""".split()
)


# Function words of the other Latin-script languages customers write in (Spanish, Portuguese,
# French, German, Italian, Indonesian/Malay, Vietnamese written without its marks), none of them
# an English word (the Portuguese "no" is one, so "registrar no procon" still leans English): a message with more of these than English ones is not English even when it
# has no accented letter ("vou registrar no procon se nao resolverem").
_FOREIGN_WORDS = frozenset(
    """que el la los las del por para pero como esta este estoy muy hace tengo quiero ya mi mis
    com nao uma um os meu minha voce vou isso esse essa foi tem ser mas pelo pela
    je vous nous est les des une pour avec mais pas sur dans mon ma mes votre suis ai et
    und der das ist nicht ich sie mit auf ein eine mein meine wir ihr bitte habe haben noch
    il che non per sono questo questa della mio mia ho
    yang dan saya tidak ini itu dengan untuk ada sudah belum kami anda tolong sama
    toi khong cua va la duoc cho cac mot nhung
    não você está é já também então très déjà été für über können può più è""".split()
)


@lru_cache(maxsize=1)
def _han_variants() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters, read off OpenCC's own conversion tables."""
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    # One character a line stops OpenCC from converting multi-character phrases.
    column = "\n".join(chars)
    trad = frozenset(c for c in t2s_changed() if "\u4e00" <= c <= "\u9fff")
    # Simplified-only: every Traditional standard (generic, Taiwan, Hong Kong) writes it otherwise;
    # 群 or 着, which Taiwan keeps as is, decide nothing.
    simp = frozenset(chars)
    for config in ("s2t", "s2tw", "s2hk"):
        converted = opencc.OpenCC(config).convert(column).split("\n")
        simp &= frozenset(c for c, t in zip(chars, converted, strict=True) if t != c)
    # A few characters are both (they map differently each way); they decide nothing.
    both = trad & simp
    return trad - both, simp - both


@lru_cache(maxsize=1)
def _variant_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of Traditional-only (plus written Cantonese) and Simplified-only characters.

    One regex scan in C counts votes far faster than a Python loop over the characters.
    """
    trad_only, simp_only = _han_variants()
    trad = "".join(sorted(trad_only | _CANTONESE))
    simp = "".join(sorted(simp_only - _CANTONESE))
    return re.compile(f"[{re.escape(trad)}]"), re.compile(f"[{re.escape(simp)}]")


def detect_language(text: str) -> tuple[Language, float]:
    """Language label and a confidence for sanitized text."""
    # ASCII text (about a third of messages) holds no Han, kana, Hangul, other script or accent:
    # its scans for them are skipped.
    plain = text.isascii()
    han: list[str] = [] if plain else _HAN.findall(text)
    latin_words = _LATIN_WORD.findall(text)
    if not plain and (_KANA.search(text) or _HANGUL.search(text)):
        return "other", 0.95
    if han and len(han) >= max(2, len(latin_words) // 2):
        trad_re, simp_re = _variant_patterns()
        # Cantonese characters count as Traditional votes (the trad pattern includes them).
        trad_votes = len(trad_re.findall(text))
        n_simp = len(simp_re.findall(text))
        if trad_votes > n_simp:
            return "zh-Hant", min(0.99, 0.6 + 0.1 * (trad_votes - n_simp))
        if n_simp > trad_votes:
            return "zh-Hans", min(0.99, 0.6 + 0.1 * (n_simp - trad_votes))
        # No variant-specific character: both scripts write it the same; Simplified is the majority.
        return "zh-Hans", 0.55
    if (
        not plain
        and _OTHER_SCRIPT.search(text)
        and len(_OTHER_SCRIPT.findall(text)) > len("".join(latin_words)) // 2
    ):
        return "other", 0.9
    if latin_words:
        lowered = [w.lower() for w in latin_words]
        english = sum(1 for w in lowered if w in _ENGLISH_WORDS)
        foreign = sum(1 for w in lowered if w in _FOREIGN_WORDS)
        accented = 0 if plain else len(_NON_ENGLISH_LATIN.findall(text))
        if accented >= 2 and english <= len(lowered) // 3:
            return "other", 0.8
        if foreign >= 2 and foreign > english:
            return "other", 0.75
        if english >= 1 or len(lowered) <= 2:
            share = english / len(lowered)
            return "en", min(0.99, 0.6 + share)
        return "other", 0.6
    if han:
        return "zh-Hans", 0.5
    return "other", 0.5
