import itertools
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from trellis.text.normalise import fold, split_phrases, stem, stems, tokens


def test_tokens_keep_their_offsets_in_the_original_text():
    text = "Upgrading k8s clusters, on-call"
    for token in tokens(text):
        assert text[token.start : token.end] == token.raw


def test_plurals_and_verb_forms_share_a_stem():
    assert stems("data pipelines") == stems("data pipeline")
    assert stem("upgrading") == stem("upgrades") == stem("upgrade")


def test_cplusplus_and_csharp_are_words_of_their_own():
    assert [t.raw for t in tokens("C++ and C# not C")] == ["C++", "and", "C#", "not", "C"]


def test_accents_and_case_are_folded():
    assert fold("Café ÉTUDES") == "cafe etudes"


def _fold_the_long_way(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_folding_plain_ascii_takes_a_shortcut_to_the_same_result(text):
    assert fold(text) == _fold_the_long_way(text)


def test_phrases_split_on_commas_semicolons_and_new_lines():
    assert split_phrases("Kubernetes upgrades; on-call,\nincident reviews, ") == [
        "Kubernetes upgrades",
        "on-call",
        "incident reviews",
    ]


@given(st.text())
def test_tokenising_any_text_never_fails_and_offsets_are_ordered(text):
    found = tokens(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[t.start : t.end] == t.raw for t in found)


def test_tags_split_on_commas_and_semicolons_and_keep_the_first_spelling():
    from trellis.text.normalise import split_tags

    assert split_tags("Physics, design ;  open   source,DESIGN,,") == [
        "Physics",
        "design",
        "open source",
    ]
