"""British spellings read the American way: one rule set for the encoder and the linters.

The matching engine reads every word through `american` (so "optimising" meets
"optimization"); the intro linter compares a message's words with the things two
people share through it; the observation linter recognises "organised" as a word
it knows. The endings -ise, -our, -tre, -yse and a doubled l cover most words;
the table holds those no ending rule reaches.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words no ending rule reaches, or that a rule would get wrong.
_SPELLING_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "dialogue": "dialog",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "judgement": "judgment",
    "ageing": "aging",
    "grey": "gray",
    "theatre": "theater",
    "fibre": "fiber",
    "metre": "meter",
    "litre": "liter",
    "learnt": "learned",
    "whilst": "while",
    "amongst": "among",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "sceptical": "skeptical",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "towards": "toward",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "paralyse": "paralyze",
    "catalyse": "catalyze",
}
_DOUBLE_L = re.compile(r"^(model|label|travel|cancel|signal|fuel|level|counsel|channel|tunnel)l")
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations|ational)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|al|ally|ite|ites|able|ful|hood|less)?$")
_TRE = re.compile(r"(?<=[a-z]{2}[^aeiou])(t|b)re(s|d)?$")  # centre, sabre
_VOWEL_TRE = re.compile(r"(?<=[a-z]{2}[aeiou])tre(s)?$")  # microtitre
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing)$")  # catalysed, analyses


@lru_cache(maxsize=100_000)
def american(word: str) -> str:
    """One folded word with a British spelling rewritten the American way.

    Applied to every word alike, so an odd rewrite ("advise" -> "advize") is
    harmless: both sides of any comparison are rewritten the same way.
    """
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    word = _DOUBLE_L.sub(r"\1", word)
    word = _ISE.sub(r"iz\1", word)
    word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    word = _TRE.sub(lambda m: m.group(1) + "er" + (m.group(2) or ""), word)
    word = _VOWEL_TRE.sub(lambda m: "ter" + (m.group(1) or ""), word)
    return _YSE.sub(r"yz\1", word)
