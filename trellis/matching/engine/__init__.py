"""The matching engine: a pure library (numpy/scipy, no Django).

Fed by the web app through a selector, or by `trellis match` from JSON Lines.
One job per module:

- `people`       Person records, the JSONL contract, reporting chains.
- `encoders/`    statements -> vectors (offline vocabulary + TF-IDF/LSA by default).
- `candidates`   near-linear candidate pairs (approximate top-k neighbours).
- `scores`       teach / shared / mutual / diversity and the weighted score.
- `constraints`  pairs that may never be suggested, and what a list of pairs breaks.
- `assignment/`  capacity-fair, coverage-first b-matching with an upper bound.
- `explain`      a sentence or two a member can read.
- `metrics`      a round's figures, and the yardsticks any list of pairs is measured with.
- `pipeline`     rounds and on-demand recommendations, end to end.
- `baselines`    random, hierarchy and TF-IDF-greedy pairing, to measure a round against.
- `review`       what a finished round needs before review: addressed explanations,
                 the baselines beside it.
- `fit`          how well people fit an initiative.
- `helpers`      who can help with someone's needs or a loose text, from what they offer
                 and the help they have given.
- `synthetic`    a synthetic organisation (and the truth behind it) for benches and tests.
"""
