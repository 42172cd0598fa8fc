"""Word families: one key for the words derived from one root, whatever the ending.

"migration", "migrate" and "migrating" are one family; so are "scalability",
"scalable" and "scaling", or "durable" and "durability". `family` reads the
Porter2 (Snowball) stem of the American spelling, which already folds inflection
and the regular derivational endings (-ation, -ize, -ness, -ment), and then
strips what Porter2 keeps: the remaining derivational suffixes (-able, -ity,
-ance, -ant, -or, -ist, -al, -ic) and the stem alternations of Latin and Greek
roots that English inherited in pairs ("reduce" / "reduction", "describe" /
"description", "retain" / "retention", "analyse" / "analytic").

The rules are about endings, never about particular words, so they apply to any
trade's vocabulary. Like every derivational stemmer they sometimes join words of
different meaning ("general" / "generation"); callers therefore count a family
*next to* the word's own light stem, never instead of it, so words written the
same way still agree more than words of one family.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_PORTER2 = snowballstemmer.stemmer("english")
MIN_ROOT = 3  # a family key is never shorter than this

# Applied to the Porter2 stem, repeatedly, in this order, while the rest keeps
# MIN_ROOT letters. (suffix, replacement).
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("abil", ""),  # maintainability -> maintain (Porter2 leaves "abil" + "iti")
    ("ibil", ""),
    ("iti", ""),  # sterility -> steril
    ("abl", ""),  # scalable -> scal, durable -> dur
    ("ibl", ""),
    ("anc", ""),  # compliance -> compli
    ("enc", ""),
    ("ant", ""),  # compliant -> compli
    ("ent", ""),
    ("ari", ""),  # budgetary -> budget
    ("or", ""),  # inspector -> inspect, supervisor -> supervis
    ("er", ""),  # welder -> weld, prescriber -> prescrib
    ("ist", ""),  # analyst -> analys
    ("ism", ""),
    ("al", ""),  # analytical -> analytic
    ("ic", ""),  # analytic -> analyt
    ("at", ""),  # automat(ic) -> autom, like automation
    ("iz", ""),  # organiz(ation) -> organ, like organize
)
# Root alternations, applied once after the suffixes: (ending, replacement).
_ALTERNATIONS: tuple[tuple[str, str], ...] = (
    ("script", "scrib"),  # description / describe
    ("sumpt", "sum"),  # consumption / consume
    ("duct", "duc"),  # production / produce
    ("tent", "tain"),  # retention / retain
    ("ten", "tain"),  # maintenance (mainten) / maintain
    ("cis", "cid"),  # decision / decide
    ("ysi", "yz"),  # analysis / analyze
    ("yst", "yz"),  # analyst / analyze
    ("ys", "yz"),  # analys(ing) / analyze
    ("yt", "yz"),  # analytics / analyze
    ("ifi", "if"),  # certify (certifi) / certification (certif)
    ("ili", "il"),  # reconciliation (reconcili) / reconcile
    ("is", ""),  # supervision (supervis) / supervise (supervize -> superv)
    ("e", ""),  # scale / scal(able)
)


def _strip_suffixes(root: str) -> str:
    changed = True
    while changed:
        changed = False
        for suffix, replacement in _SUFFIXES:
            if root.endswith(suffix) and len(root) - len(suffix) >= MIN_ROOT:
                root = root[: -len(suffix)] + replacement
                changed = True
                break
    return root


def _alternate(root: str) -> str:
    for ending, replacement in _ALTERNATIONS:
        if root.endswith(ending) and len(root) - len(ending) + len(replacement) >= MIN_ROOT:
            return root[: -len(ending)] + replacement
    return root


@lru_cache(maxsize=200_000)
def family(word: str) -> str:
    """The family key of one folded, American-spelled word ("scalability" -> "scal").

    Words shorter than four letters, and anything not purely alphabetic (versions,
    product names with digits), are their own family.
    """
    if len(word) < 4 or not word.isalpha():
        return word
    return _alternate(_strip_suffixes(_alternate(_PORTER2.stemWord(word))))
