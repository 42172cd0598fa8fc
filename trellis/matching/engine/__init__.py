"""The matching engine: a pure library (numpy/scipy, no Django).

Fed by the web app through a selector, or by `trellis match` from JSON Lines.
Stages, each in its own module:

- `people`      Person records, the JSONL contract, reporting chains.
- `encoders`    statements -> vectors (offline vocabulary + TF-IDF/LSA by default).
- `candidates`  near-linear candidate pairs (approximate top-k neighbours).
- `scores`      teach / shared / mutual / diversity and the weighted score.
- `constraints` pairs that may never be suggested.
- `assignment`  capacity-fair, coverage-first b-matching with an upper bound.
- `explain`     a sentence or two a member can read.
- `pipeline`    rounds and on-demand recommendations, end to end.
"""
