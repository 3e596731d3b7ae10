"""Claims: what someone said is a claim with its speaker, cue and text, never a fact."""
import pytest

from extraction import all_relations, facts, run

CLAIMS = [
    # (sentence, speaker entity or speaker text, cue, a phrase of the claimed text)
    ("Tokayev claimed that the unrest was an attempted coup.", "Tokayev", "claim", "attempted coup"),
    ("Kazakhstan's interior ministry said nearly 8,000 people were arrested.", "Kazakhstan interior ministry",
     "say", "8,000 people were arrested"),
    ("“We understand the threat,” Putin said.", "Putin", "say", "We understand the threat"),
    ("Putin rejected the idea, saying that the troops would stay.", "Putin", "say", "the troops would stay"),
    ("According to Reuters, Israel attacked Hamas.", "Reuters", "according to", "Israel attacked Hamas"),
    ("Protests erupted in which authorities say more than 160 people have been killed.", "authorities", "say",
     "160 people have been killed"),
    ("His press secretary insisted he is in the country.", "His press secretary", "insist", "in the country"),
]


def _speaker(c):
    return c.speaker.name if c.speaker is not None else c.speaker_text


@pytest.mark.parametrize("sentence, speaker, cue, phrase", CLAIMS, ids=[c[2] + ":" + c[1] for c in CLAIMS])
def test_claim_is_found(sentence, speaker, cue, phrase):
    """Reported speech and quotations become claims with speaker, cue verb and claimed text."""
    claims = run(sentence).claims
    assert any(speaker in _speaker(c) and c.cue == cue and phrase in c.text for c in claims), \
        [(_speaker(c), c.cue, c.text) for c in claims]


def test_claimed_relations_hang_on_the_claim():
    """A relation inside reported speech points at its claim and is not a fact."""
    x = run("Boris Johnson said that Israel attacked Hamas.")
    [claim] = x.claims
    [rel] = x.relations
    assert rel.claim == claim.id and not rel.is_fact
    assert facts(x) == set()


def test_claimed_events_hang_on_the_claim():
    """An event inside reported speech (the arrest of 8,000) belongs to the claim."""
    x = run("Kazakhstan's interior ministry said nearly 8,000 people were arrested.")
    [claim] = x.claims
    [event] = x.events
    assert event.claim == claim.id and event.count == 8000


def test_passive_report_has_no_speaker():
    """"X is said to be calm" is an unattributed claim."""
    [c] = run("Almaty is said to be calm again.").claims
    assert c.speaker is None and c.speaker_text == "unattributed"


def test_claim_offsets_cover_speaker_and_text():
    """A claim's evidence span holds its speaker, its cue and its text."""
    text = "Tokayev claimed that the unrest was an attempted coup."
    [c] = run(text).claims
    assert text[c.provenance.start:c.provenance.end] == text[:-1]


def test_plain_statement_is_no_claim():
    """A sentence without a reporting verb makes no claim."""
    assert run("Tokayev arrested Masimov.").claims == ()


@pytest.mark.parametrize("sentence, speaker, phrase", [
    ("Western countries have expressed concern that Russian troops might not leave.", "Western countries",
     "Russian troops might not leave"),
    ("Putin supported Tokayev's version that foreign forces attempted a coup.", "Tokayev",
     "foreign forces attempted a coup"),
])
def test_cue_nouns(sentence, speaker, phrase):
    """A cue noun with a "that" clause is a claim of its possessor, else of its verb's subject."""
    claims = [c for c in run(sentence).claims if c.cue != "say"]
    assert any(speaker in _speaker(c) and phrase in c.text for c in claims), \
        [(_speaker(c), c.cue, c.text) for c in claims]


def test_narration_about_the_speaker_is_not_claimed():
    """"X said S as he addressed Y": the "as" clause is narration, not part of what X claimed."""
    x = run("Tokayev said the operation would end soon as he addressed a summit of the Russian-led CSTO.")
    [c] = x.claims
    assert c.text == "the operation would end soon"
    assert ("Russia", "leaderOf", "Collective Security Treaty Organization") in facts(x)


def test_narrators_descriptions_inside_reported_speech_are_facts():
    """"Real Madrid striker X will join Y, according to reports": that X plays for Real Madrid is the
    narrator's description, a fact; inside a quotation it would belong to the speaker."""
    x = run("Belarusian leader Alexander Lukashenko will resign, according to reports.")
    assert ("Alexander Lukashenko", "leaderOf", "Belarus") in facts(x)
    q = run("“Belarusian leader Alexander Lukashenko will resign,” Putin said.")
    assert ("Alexander Lukashenko", "leaderOf", "Belarus") not in facts(q)


def test_the_classifiers_pair_in_one_noun_phrase_is_a_description():
    """"Ferguson claimed that Arsenal vice-chairman David Dein had agreed": the classifier's pair inside
    one noun phrase is the narrator's description, a fact; inside a quotation it is the speaker's."""
    x = run("Ferguson had also claimed that United chief executive David Gill and Arsenal vice-chairman "
            "David Dein had agreed at boardroom level not to discuss the incident in public.")
    assert ("David Dein", "worksFor", "Arsenal") in facts(x)
    q = run("“United chief executive David Gill and Arsenal vice-chairman David Dein had agreed at boardroom "
            "level not to discuss the incident in public,” Ferguson said.")
    assert ("David Dein", "worksFor", "Arsenal") in all_relations(q)
    assert ("David Dein", "worksFor", "Arsenal") not in facts(q)
