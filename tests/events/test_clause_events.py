"""Events for every clause with an actor: class from the taxonomy, roles, groups, amounts, modality.
Sentences written for these tests (general patterns of news English)."""
import pytest

from extraction import run

Role = tuple[str, str]  # (role, the entity's name or "group:<kind>")


def _roles(e) -> set[Role]:
    out = set()
    for a in e.arguments:
        if a.entity is not None:
            out.add((a.role, a.entity.name))
        elif a.group is not None:
            out.add((a.role, f"group:{a.group.kind}"))
    return out


EVENTS = [
    # (sentence, class, roles it must have, roles it must not have)
    ("Microsoft bought Skype for $8.5bn.", "Acquire", {("agent", "Microsoft"), ("patient", "Skype")}, set()),
    ("Riot police arrested 30 protesters in Paris.", "Arrest",
     {("agent", "group:police"), ("patient", "group:protesters")}, set()),
    ("Peter Mandelson was charged with fraud.", "Charge", {("patient", "Peter Mandelson")},
     {("agent", "Peter Mandelson")}),
    ("The rebels attacked an army base near Kabul.", "Attack", {("agent", "group:rebels")}, set()),
    ("Google hired Jane Doe from Yahoo.", "Hire", {("agent", "Google"), ("patient", "Jane Doe")}, set()),
    ("The Labour Party won 12 seats.", "Win", {("agent", "Labour Party")}, set()),
    ("Tony Blair met George Bush in Washington.", "Meeting", {("agent", "Tony Blair"), ("patient", "George Bush")},
     set()),
    ("John Smith stepped down as chairman of Acme.", "Resign", {("agent", "John Smith")}, set()),
    ("Vodafone sold its stake to Verizon.", "Sell", {("agent", "Vodafone"), ("recipient", "Verizon")}, set()),
]


@pytest.mark.parametrize("sentence, etype, has, lacks", EVENTS, ids=[e[0][:32] for e in EVENTS])
def test_event_class_and_roles(sentence, etype, has, lacks):
    events = [e for e in run(sentence).events if e.etype == etype]
    assert len(events) == 1, [(e.etype, e.label) for e in run(sentence).events]
    roles = _roles(events[0])
    assert has <= roles and not (lacks & roles), roles


def test_a_verb_of_no_class_keeps_the_generic_class_and_its_lemma():
    [e] = run("Bill Gates praised Steve Jobs.").events
    assert e.etype in ("Event", "Support")
    [e] = [e for e in run("Elton John serenaded Madonna.").events]
    assert (e.etype, e.lemma) == ("Event", "serenade")
    assert _roles(e) == {("agent", "Elton John"), ("patient", "Madonna")}


@pytest.mark.parametrize("sentence, lemma, role, phrase", [
    ("Intel published its annual report on Monday.", "publish", "patient", "its annual report"),
    ("Gordon Brown announced a review of the tax system.", "announce", "patient", "review of the tax system"),
    ("Vodafone sold the shares to Verizon in May.", "sell", "patient", "shares"),
])
def test_a_role_no_entity_fills_keeps_its_words_as_a_phrase(sentence, lemma, role, phrase):
    """What an actor did something to, when it is no entity, is kept: its words without the
    preposition and determiner before them (the RDF stage makes a nkg:PhraseMention of them)."""
    [e] = [e for e in run(sentence).events if e.lemma == lemma]
    assert (role, phrase) in {(a.role, a.phrase) for a in e.arguments}, [(a.role, a.phrase) for a in e.arguments]


def test_a_pronoun_or_an_entity_in_a_role_is_no_phrase():
    [e] = [e for e in run("Tony Blair met them in London.").events if e.lemma == "meet"]
    assert all(a.phrase is None for a in e.arguments if a.role in ("agent", "patient")), e.arguments


def test_no_event_without_an_actor():
    assert [e.lemma for e in run("The weather improved.").events] == []


def test_amounts_keep_unit_and_scale():
    [e] = [e for e in run("Microsoft bought Skype for $8.5bn.").events if e.etype == "Acquire"]
    assert [(a.value, a.unit) for a in e.amounts] == [(8_500_000_000, "USD")]
    [e] = [e for e in run("BP paid £28.7m to Shell.").events if e.etype == "Pay"]
    assert [(a.value, a.unit) for a in e.amounts] == [(28_700_000, "GBP")]


def test_groups_are_one_node_per_document_and_referent():
    x = run("Police arrested two men. Later police released them.")
    keys = {a.group.key for e in x.events for a in e.arguments if a.group is not None and a.group.kind == "police"}
    assert keys == {"police/police"}


@pytest.mark.parametrize("sentence, negated, modality", [
    ("Acme did not buy Widgets Inc.", True, None),
    ("Acme may buy Widgets Inc.", False, "possible"),
    ("Acme plans to buy Widgets Inc.", False, "planned"),
    ("John Smith will appear in court.", False, "planned"),
    ("Acme bought Widgets Inc.", False, None),
    ("Acme failed to buy Widgets Inc.", True, None),
    ("Acme reportedly bought Widgets Inc.", False, "possible"),
])
def test_modality_is_flagged(sentence, negated, modality):
    [e] = [e for e in run(sentence).events if e.lemma in ("buy", "appear")]
    assert (e.negated, e.modality, e.asserted) == (negated, modality, not negated and modality is None)


def test_an_event_inside_a_claim_is_not_asserted():
    [e] = [e for e in run("Police said John Smith attacked Peter Jones.").events if e.etype == "Attack"]
    assert e.claim is not None and not e.asserted


@pytest.mark.parametrize("sentence, lemma", [
    ("Mary Smith spent her life in Leeds.", "spend"),          # no payment
    ("Nike clashed with Vogue magazine.", "clash"),             # no violence
    ("John Smith was talking about Microsoft.", "talk"),        # speech, no consultation
    ("Shell lost $5m in Nigeria.", "lose"),                      # money lost, no defeat
])
def test_a_verb_of_another_sense_keeps_no_class(sentence, lemma):
    assert [e.etype for e in run(sentence).events if e.lemma == lemma] in ([], ["Event"])


def test_an_argument_ends_before_a_clause_of_its_own():
    [e] = [e for e in run("Acme bought the firm, which makes shoes, for $5m.").events if e.etype == "Acquire"]
    assert [a.text for a in e.arguments if a.role == "patient"] == ["the firm"]


@pytest.mark.parametrize("sentence", [
    "The Polar Express, starring Tom Hanks, opened in December.",
    "Acme owns 6.7% of Widgets Inc.",
    "Acme failed to win the contract.",
])
def test_verbs_that_describe_or_deny_make_no_event_of_their_own(sentence):
    assert not [e for e in run(sentence).events if e.lemma in ("star", "fail", "own")]
