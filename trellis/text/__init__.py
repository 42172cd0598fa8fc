"""Pure text utilities (no Django): words and stems, British spellings, the topic vocabulary.

Shared by profile linking, the matching engine and the linters: `normalise` (the
word pattern, folding, light stems, phrases), `spelling` (British spellings read
the American way) and `vocabulary` (the topic file and the one alias scan).
"""
