"""When one sentence is a copy of another (assistant.evidence.copies)."""

from assistant.evidence.copies import Copies, copied_report, named_words
from assistant.retrieval import Corpus
from assistant.text import words
from index.store import DocumentRecord
from index.types import Sentence


def _corpus(reports: dict[str, list[str]]) -> Corpus:
    sentences = [Sentence(f"{doc}:{i}", doc, i, 0, len(text), text)
                 for doc, texts in reports.items() for i, text in enumerate(texts)]
    records = [DocumentRecord(doc, f"{doc}.txt", "h", "txt", doc, len(texts), len(texts))
               for doc, texts in reports.items()]
    return Corpus(records, sentences)


def _sentence(corpus: Corpus, sentence_id: str) -> Sentence:
    return next(s for s in corpus.sentences if s.sentence_id == sentence_id)


ARDMORE = "The Vellmoor station is on the Ardmore line of the city metro."
ASHVALE = "The Vellmoor station is on the Ashvale line of the city metro."


def test_two_reports_of_their_own_wording_two_facts_alike_are_no_copies():
    corpus = _corpus({
        "a": [ARDMORE, "It opened in 1952 with marble pylons.", "Trains run every four minutes."],
        "b": [ASHVALE, "The hall was rebuilt after a fire.", "It serves a rail terminal."]})
    ardmore, ashvale = _sentence(corpus, "a:0"), _sentence(corpus, "b:0")
    assert not Copies(corpus)(ashvale, ardmore)
    assert not Copies(corpus)(ardmore, ashvale)


def test_a_report_copying_another_whole_with_one_name_changed_is_a_copy():
    rest = ["It opened in 1952 with marble pylons.", "Trains run every four minutes."]
    corpus = _corpus({"a": [ARDMORE, *rest], "b": [ASHVALE, *rest]})
    assert Copies(corpus)(_sentence(corpus, "b:0"), _sentence(corpus, "a:0"))


def test_a_near_copy_naming_nothing_new_is_a_copy_wherever_it_stands():
    corpus = _corpus({
        "a": ["The station is named after the nearby Keldwater rail terminal, from which "
              "trains leave for the coast."],
        "b": ["It is named after the nearby Keldwater rail terminal.", "Fares rose in May."]})
    shorter, longer = _sentence(corpus, "b:0"), _sentence(corpus, "a:0")
    assert Copies(corpus)(shorter, longer)  # its words but "it" are the longer one's
    assert Copies(corpus)(longer, longer)
    # the longer one has words the shorter lacks: not a near copy of it at all
    assert not Copies(corpus)(longer, shorter)


def test_a_sentence_names_more_by_a_capitalised_word_after_its_first_or_a_figure():
    theirs = set(words(ARDMORE))
    assert named_words(ASHVALE) - theirs == {"ashvale"}
    assert named_words("The Vellmoor station is on line 7 of the city metro.") - theirs == {"7"}
    assert not named_words("Vellmoor station is on the Ardmore line of the metro.") - theirs
    assert not named_words("It is on the Ardmore line of the city metro.") - theirs


def test_a_report_is_copied_when_most_of_the_shorter_ones_sentences_are():
    rest = ["It opened in 1952 with marble pylons.", "Trains run every four minutes."]
    corpus = _corpus({"a": [ARDMORE, *rest], "b": [ASHVALE, rest[0]],
                      "c": [ASHVALE, "The hall was rebuilt after a fire.", "Fares rose."]})
    assert copied_report(corpus, "a", "b") and copied_report(corpus, "b", "a")
    assert not copied_report(corpus, "a", "c")


def test_which_reports_copy_which_is_kept_with_the_corpus_and_no_longer():
    reports = {"a": [ARDMORE, "It opened in 1952 with marble pylons.", "Fares rose."],
               "b": [ASHVALE, "The hall was rebuilt after a fire.", "It has two exits."]}
    corpus = _corpus(reports)
    ashvale, ardmore = _sentence(corpus, "b:0"), _sentence(corpus, "a:0")
    assert not Copies(corpus)(ashvale, ardmore)
    assert corpus.derived["copies"] == {("b", "a"): False}
    assert not Copies(corpus)(ashvale, ardmore)  # read back, the same
    assert _corpus(reports).derived == {}  # a new corpus judges afresh
