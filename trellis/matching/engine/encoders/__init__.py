"""Profile statements to vectors, fully offline by default.

Every person has five statements' worth of vectors, one per *kind*: what they
are `working` on, what they are `curious` about, what they `offers` (can help
with), what they `wants` (are learning), and their `interest` (working on +
posts + half of what they are curious about). All kinds live in one space, so
`offers[a] . wants[b]` says how well a can teach b.

`VocabularyEncoder` reads statements phrase by phrase into features:
vocabulary topics however they are written ("k8s", "Kubernetes clusters",
"optimising cloud costs" for "cloud cost optimization"), light-stemmed words,
their word families ("scalability" and "scaling", `text.families`) and adjacent
word pairs, British spellings read as American, and acronyms the organisation
spells out somewhere ("VAP" where someone wrote "ventilator-associated
pneumonia", `text.acronyms`). Features are weighed by idf over *this organisation's* statements,
damped for what a large share of it writes, and for words of working life in
general ("strategy", "leadership", "communication"). Every word also points,
through the vocabulary's own synonyms, to the topics it belongs to ("screen
readers" -> Accessibility): these *concepts* carry paraphrases across.

Each statement then has two representations:

- a dense float32 row (`dim` wide, 128 by default): the concepts projected so
  the organisation's most used topics each keep a dimension of their own, next
  to a latent-semantic part (randomized SVD of the weighted words). For
  nearest-neighbour candidate search.
- a `Sketch`: the 16 strongest entries of the sparse words (+) concepts vector,
  as ids and weights. Its dot products are exact, with none of the cross-talk
  of squeezing 1,000+ topics into 128 dimensions; `scores` uses them.

In both, a row's direction says what a statement is about and its length (at
most 1) how specific it is: close to 1 for a statement that names something
particular, close to 0 for one made only of generic words, exactly 0 for no
text. Similarities are therefore already discounted for generic wording.

With a `MeaningLayer` (`semantic`; the default `semantic` encoder of the
`registry`), every statement is also placed by meaning with a static embedding
that ships in a pinned wheel, and scores take the larger of the word match and
the meaning match, so paraphrases the vocabulary does not list can meet.

`SentenceEmbeddingEncoder` does the same job with a sentence-embedding model
found locally (never downloaded), its directions alone.

The package, one job per module:

- `profiles`    what an encoder returns (`Profiles`, `Sketch`, `TopicSets`), the
                `Encoder` protocol, and which statement each kind is read from;
- `words`       the stop words and the generic words of working life;
- `topics`      `TopicReader` (vocabulary topics in phrases) and `word_data`;
- `sparse`      sparse-matrix helpers: row norms, top entries per row, packing;
- `vocabulary`  `VocabularyEncoder`;
- `semantic`    `StaticEmbedding` (WordLlama's table) and `MeaningLayer`;
- `sentence`    `SentenceEmbeddingEncoder`;
- `registry`    encoders by name (`TRELLIS_ENCODER`, `trellis match --encoder`).
"""

from trellis.matching.engine.encoders.profiles import KINDS, Encoder, Profiles, Sketch, TopicSets
from trellis.matching.engine.encoders.sentence import SentenceEmbeddingEncoder
from trellis.matching.engine.encoders.topics import TopicReader
from trellis.matching.engine.encoders.vocabulary import (
    DEFAULT_VOCABULARY,
    DENSE_KINDS,
    VocabularyEncoder,
)
from trellis.matching.engine.encoders.words import STOP_WORDS

__all__ = [
    "DEFAULT_VOCABULARY",
    "DENSE_KINDS",
    "KINDS",
    "STOP_WORDS",
    "Encoder",
    "Profiles",
    "SentenceEmbeddingEncoder",
    "Sketch",
    "TopicReader",
    "TopicSets",
    "VocabularyEncoder",
]
