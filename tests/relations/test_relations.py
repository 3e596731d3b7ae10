"""Relations from dependency patterns: a table of sentences and the facts they must (not) give."""
import pytest

from extraction import all_relations, facts, run

FACTS = [
    # (sentence, expected fact)
    ("Masimov was a close ally of Nursultan Nazarbayev.", ("Masimov", "allyOf", "Nursultan Nazarbayev")),
    ("Speculation was fueled after Tokayev arrested former head of Kazakhstan's security services "
     "Karim Masimov on suspicion of treason.", ("Tokayev", "arrested", "Karim Masimov")),
    ("The arrested head of Kazakhstan's security services, Karim Masimov, was a close ally of Nazarbayev.",
     ("Karim Masimov", "leaderOf", "Kazakhstan security services")),
    ("The United States sent 3,000 troops to Poland.", ("United States", "deployedTo", "Poland")),
    ("Nato deployed troops to Estonia.", ("NATO", "deployedTo", "Estonia")),
    ("Russian parachute units have deployed to Kazakhstan.", ("Russia", "deployedTo", "Kazakhstan")),
    ("Lee Harvey Oswald killed John F. Kennedy in Dallas.", ("Lee Harvey Oswald", "killed", "John F. Kennedy")),
    ("Angela Merkel, the leader of Germany, met Emmanuel Macron in Paris.", ("Angela Merkel", "leaderOf", "Germany")),
    ("German leader Olaf Scholz opposed the plan.", ("Olaf Scholz", "leaderOf", "Germany")),
    ("Steve Jobs, chief executive of Apple, lives in California.", ("Steve Jobs", "leaderOf", "Apple")),
    ("Steve Jobs, chief executive of Apple, lives in California.", ("Steve Jobs", "livesIn", "California")),
    ("Barack Obama succeeded George Bush as president of the United States.",
     ("Barack Obama", "successorOf", "George Bush")),
    ("Nazarbayev sought to manage his succession by handing over the presidency to Kassym-Jomart Tokayev.",
     ("Kassym-Jomart Tokayev", "successorOf", "Nazarbayev")),
    ("Microsoft hired Jane Doe, a former Google engineer.", ("Jane Doe", "worksFor", "Microsoft")),
    # a title before a name, the possessor parsed as the name's, not the title's
    ("Kazakhstan's president Kassym-Jomart Tokayev spoke on Monday.",
     ("Kassym-Jomart Tokayev", "leaderOf", "Kazakhstan")),
    ("And William McKinley's assassin Leon Czolgosz croons from the electric chair.",
     ("Leon Czolgosz", "killed", "William McKinley")),
    ("Sony is based in Tokyo, Japan.", ("Sony", "basedIn", "Tokyo")),
    ("Sony is based in Tokyo, Japan.", ("Tokyo", "locatedIn", "Japan")),
    ("Indian newspaper company Jagran will list its shares.", ("Jagran", "basedIn", "India")),
    ("French economist Jean Dupont said prices rose.", ("Jean Dupont", "citizenOf", "France")),
    ("Bosnia's capital, Sarajevo, is best known as the site of the assassination.",
     ("Sarajevo", "locatedIn", "Bosnia and Herzegovina")),
    ("Thousands braved the cold to see the stars in London's Leicester Square.", ("Leicester Square", "locatedIn", "London")),
    ("Jane Doe of Bethany, Conn., was shot.", ("Bethany", "locatedIn", "Connecticut")),
    ("The aircraft crashed during a flight to Khartoum from Kassala in eastern Sudan near the border.",
     ("Kassala", "locatedIn", "Sudan")),
    ("At a briefing at NRC headquarters in nearby Rockville, Md., Bernero said the cones were a concern.",
     ("Rockville", "locatedIn", "Maryland")),
    ("Harrington taught at Harvard University and the National War College.",
     ("Harrington", "worksFor", "Harvard University")),
    ("At a briefing at NRC headquarters in Rockville, Bernero said the cones were a concern.",
     ("NRC", "basedIn", "Rockville")),
    ("Deutsche Bank's head office in Frankfurt was searched on Monday.", ("Deutsche Bank", "basedIn", "Frankfurt")),
    ("In a briefing at the NRC's Rockville, Md., headquarters, Bernero spoke.", ("NRC", "basedIn", "Rockville")),
    ("Sun Hung Kai Properties, a Hong Kong construction firm, bought the land.",
     ("Sun Hung Kai Properties", "basedIn", "Hong Kong")),
    ("The Gibraltar-based holding company Group Menatep owns shares.", ("Group Menatep", "basedIn", "Gibraltar")),
    ("Michael Pachter, an analyst at Wedbush Morgan Securities, said sales rose.",
     ("Michael Pachter", "worksFor", "Wedbush Morgan Securities")),
    ("Jim Smith, a spokesman for Boeing, declined to comment.", ("Jim Smith", "spokespersonOf", "Boeing")),
    ("Troops used live ammunition in Almaty, Kazakhstan's largest city.", ("Almaty", "locatedIn", "Kazakhstan")),
    ("NATO, made up of 30 countries including France, Germany and Italy, met in Brussels.",
     ("Italy", "memberOf", "NATO")),
    ("Tokayev called on the CSTO to send troops.", ("Tokayev", "requested", "Collective Security Treaty Organization")),
    ("In 2020, Vladimir Putin came to the aid of Belarusian leader Alexander Lukashenko.",
     ("Vladimir Putin", "supports", "Alexander Lukashenko")),
    ("Leaders of the Russian-led CSTO met on Monday.", ("Russia", "leaderOf", "Collective Security Treaty Organization")),
    ("Kazakhstan's interior ministry said 8,000 people were arrested.",
     ("Kazakhstan interior ministry", "basedIn", "Kazakhstan")),
    ("Nursultan Nazarbayev, the strongman who dominated Kazakhstan for decades, resigned.",
     ("Nursultan Nazarbayev", "leaderOf", "Kazakhstan")),
    ("The Haitian Parliament declared the post vacant.", ("Haitian Parliament", "basedIn", "Haiti")),
    ("British Airways cut 500 jobs.", ("British Airways", "basedIn", "United Kingdom")),
    ("John Smith was convicted of murdering Mary Jones in 1990.", ("John Smith", "killed", "Mary Jones")),
    ("Sirhan was convicted of Kennedy's killing and is serving a life sentence.", ("Sirhan", "killed", "Kennedy")),
    ("The assassination of Rafik Hariri by Ahmed Abu Adass shocked Lebanon.",
     ("Ahmed Abu Adass", "killed", "Rafik Hariri")),
    ("John Smith admitted the murder of Mary Jones.", ("John Smith", "killed", "Mary Jones")),
    ("Lennon was shot to death in 1980 in New York by Mark David Chapman.", ("Mark David Chapman", "killed", "Lennon")),
    ("Mark Chapman shot John Lennon dead in New York.", ("Mark Chapman", "killed", "John Lennon")),
    # family and friends (kg/relations/rules/kin.py)
    ("John Smith, son of Tom Smith, lives in Leeds.", ("John Smith", "childOf", "Tom Smith")),
    ("Mr Blair and his wife, Cherie Booth, went to Rome.", ("Cherie Booth", "spouseOf", "Blair")),
    ("Rupert Murdoch's son Lachlan Murdoch runs the paper.", ("Lachlan Murdoch", "childOf", "Rupert Murdoch")),
    ("Jane Doe married John Smith in 1999.", ("Jane Doe", "spouseOf", "John Smith")),
    ("Ann Lee is married to Bob Lee.", ("Ann Lee", "spouseOf", "Bob Lee")),
    ("Bill Gates, a close friend of Warren Buffett, spoke.", ("Bill Gates", "friendOf", "Warren Buffett")),
    ("Jane Doe is the mother of Tom Doe.", ("Jane Doe", "parentOf", "Tom Doe")),
    ("Tom Jones, the brother of Ann Jones, spoke.", ("Tom Jones", "siblingOf", "Ann Jones")),
    ("John Smith, the half-brother of Tom Smith, said he was ill.", ("John Smith", "siblingOf", "Tom Smith")),
    ("Mary Cole, a cousin of Tim Cole, spoke.", ("Mary Cole", "relativeOf", "Tim Cole")),
    ("Viktor Pinchuk, son-in-law of President Leonid Kuchma, bought the mill.",
     ("Viktor Pinchuk", "relativeOf", "Leonid Kuchma")),
]


@pytest.mark.parametrize("sentence, fact", FACTS, ids=[f"{f[1]}:{f[0]}" for _, f in FACTS])
def test_fact_is_found(sentence, fact):
    """Each pattern of the lexicon turns its sentence into the expected fact."""
    assert fact in facts(run(sentence)), sorted(all_relations(run(sentence)))


NOT_FACTS = [
    # (sentence, triple that must not be a plain fact, why)
    ("Putin did not arrest Navalny.", ("Putin", "arrested", "Navalny"), "negated"),
    ('"The BBC is allowing us access," explained Dr Doug Williams of BT, who will be NM2\'s technical project '
     "manager.", ("Doug Williams", "worksFor", "NM2"), "future, in a relative clause"),
    ("Russia may send troops to Belarus.", ("Russia", "deployedTo", "Belarus"), "hedged by a modal"),
    ("Russia plans to send troops to Belarus.", ("Russia", "deployedTo", "Belarus"), "only intended"),
    ("According to Reuters, Israel attacked Hamas.", ("Israel", "attacked", "Hamas"), "reported by Reuters"),
    ("Boris Johnson said that Israel attacked Hamas.", ("Israel", "attacked", "Hamas"), "said by Johnson"),
    ("Tokayev arrested former head of Kazakhstan's security services Karim Masimov.",
     ("Karim Masimov", "leaderOf", "Kazakhstan security services"), "a former role"),
    ("Former WorldCom chief executive Bernie Ebbers went on trial.", ("Bernie Ebbers", "leaderOf", "WorldCom"),
     "a former role"),
    ("One-time WorldCom chief executive Bernie Ebbers went on trial.", ("Bernie Ebbers", "leaderOf", "WorldCom"),
     "a former role, hyphenated"),
    ("Johnny Carson lived in Norfolk, Nebraska from the age of eight until he joined the Navy.",
     ("Johnny Carson", "livesIn", "Norfolk"), "a home of before: the simple past"),
    ("Police accused John Smith of killing Mary Jones.", ("John Smith", "killed", "Mary Jones"), "alleged"),
    ("John Smith was charged with murdering Mary Jones.", ("John Smith", "killed", "Mary Jones"), "alleged"),
    ("John Smith was acquitted of killing Mary Jones.", ("John Smith", "killed", "Mary Jones"), "acquitted"),
    ("Police arrested John Smith for the murder of Mary Jones.", ("John Smith", "killed", "Mary Jones"),
     "arrested for a deed: alleged"),
    ("John Smith was charged with the murder of Mary Jones.", ("John Smith", "killed", "Mary Jones"),
     "charged with a deed: alleged"),
    ("John Smith denied the murder of Mary Jones.", ("John Smith", "killed", "Mary Jones"), "denied"),
    ("Tom Cruise and his ex-wife Nicole Kidman met.", ("Nicole Kidman", "spouseOf", "Tom Cruise"), "a marriage over"),
    ("Ann Lee is not married to Bob Lee.", ("Ann Lee", "spouseOf", "Bob Lee"), "negated kin"),
    ("Ann Lee may marry Bob Lee.", ("Ann Lee", "spouseOf", "Bob Lee"), "hedged kin"),
]


@pytest.mark.parametrize("sentence, triple, why", NOT_FACTS, ids=[w for *_, w in NOT_FACTS])
def test_not_a_plain_fact(sentence, triple, why):
    """Negated, hedged and reported relations are kept, flagged, but never asserted as facts."""
    x = run(sentence)
    assert triple in all_relations(x), f"the relation should still be read ({why})"
    assert triple not in facts(x)


def test_a_home_of_now_is_a_fact():
    """"lives in" and "has lived in" say where a person lives now: a plain fact, unlike "lived in"."""
    for sentence in ("Johnny Carson lives in Norfolk.", "Johnny Carson has lived in Norfolk since 1990."):
        assert ("Johnny Carson", "livesIn", "Norfolk") in facts(run(sentence)), sentence


def test_negation_and_modality_are_flagged():
    """The flags say why a relation is not a fact."""
    [neg] = run("Putin did not arrest Navalny.").relations
    [may] = run("Russia may send troops to Belarus.").relations
    assert neg.negated and neg.modality is None
    assert may.modality == "may" and not may.negated


def test_relations_carry_offsets_into_the_original():
    """Every relation points at the words it was read from in the original text."""
    text = "Skip to content\n\nMasimov was a close ally of Nursultan Nazarbayev. ."
    x = run(text)
    [r] = x.relations
    assert text[r.provenance.start:r.provenance.end].startswith("Masimov was a close ally of")
    assert r.provenance.sentence.text == "Masimov was a close ally of Nursultan Nazarbayev."
    assert r.provenance.rule == "copula-noun" and 0 < r.provenance.confidence <= 1


def test_no_relation_between_non_entities():
    """Common nouns are not entities: no triple comes out of "the man arrested the thief"."""
    assert run("The man arrested the thief in the park.").relations == ()


def test_shot_alone_is_no_killing_by_rule():
    """The killing verbs "shoot", "stab", "beat" need "dead" or "to death"; "shot in the arm" gives no
    rule's relation (the CoNLL04 classifier, trained where "shot" mostly is an assassination, may still
    read one, with its own confidence)."""
    x = run("Mark Chapman shot John Lennon in the arm in New York.")
    assert not [r for r in x.relations if r.provenance.rule.startswith("verb")]
    assert [r.provenance.rule for r in run("Mark Chapman shot John Lennon dead.").relations] == ["verb:shoot"]


@pytest.mark.parametrize("sentence, expected", [
    ("Harrington died Monday night at his home in suburban Larchmont.", {("Harrington", "livesIn", "Larchmont")}),
    ("Ms. Calico disappeared near her hometown of Belen, N.M.",
     {("Calico", "livesIn", "Belen"), ("Calico", "livesIn", "New Mexico")}),
    ("Jesse Jackson easily won the caucuses in his native South Carolina.",
     {("Jesse Jackson", "livesIn", "South Carolina")}),
    ("You pass through Rolling Fork, where Muddy Waters was born, on the way.",
     {("Muddy Waters", "livesIn", "Rolling Fork")}),
    ("Elvis Presley was buried in Tupelo, his home town.", {("Elvis Presley", "livesIn", "Tupelo")}),
    ("John Smith returned home to London on Monday.", set()),          # going home says nothing of where
    ("The company moved its home to Seattle.", set()),                # not a person
])
def test_a_persons_home_is_where_the_person_lives(sentence, expected):
    """"His home in X", "her hometown of X", "his native X", "X, where Y was born" say where a person
    lives (a pronoun through its antecedent)."""
    assert {t for t in facts(run(sentence)) if t[1] == "livesIn"} == expected


def test_a_list_of_places_puts_none_in_another():
    """"Rockville, Md." is a town in its state even when parsed as a coordination; "Paris, Texas and
    London" is a list."""
    assert not [t for t in all_relations(run("He visited Paris, Texas and London.")) if t[1] == "locatedIn"]


@pytest.mark.parametrize("sentence", [
    "Green Day's American Idiot won the award.",
    "Surely it is something timeless: the tin opener, the Swiss Army Knife, the safety razor.",
])
def test_a_demonym_in_a_name_without_an_organisations_word_places_nothing(sentence):
    """A demonym opening a name says where an organisation is only when the name ends in an
    organisation's word ("Airways", "Parliament"): an album or a knife is based nowhere."""
    assert not [t for t in all_relations(run(sentence)) if t[1] == "basedIn"]


def test_leaving_a_place_ends_no_role():
    """"Holmes left Athens as the captain of Team GB": a city was left, not the team (ninth audit, row
    34, where "the star of Team GB" now falls below the classifier's threshold); "McFadden, who quit
    Westlife" did leave the band."""
    x = run("Holmes left Athens as the captain of Team GB.")
    assert [r.modality for r in x.relations if r.object.name == "Team GB"] == [None]
    y = run("Brian McFadden, who quit Westlife last year, spoke.")
    assert [r.modality for r in y.relations if r.object.name == "Westlife"] == ["former"]


def test_a_name_after_a_relative_clause_is_not_its_subject():
    """A relative clause speaks of its antecedent, not of names coordinated after the clause."""
    x = run("Her clients included Jack Ruby, who killed Lee Harvey Oswald, and Jim Bakker.")
    assert ("Jim Bakker", "killed", "Lee Harvey Oswald") not in all_relations(x)


def test_a_relative_clause_keeps_its_antecedent():
    """The antecedent of "who" is still the subject."""
    x = run("Her clients included Jack Ruby, who killed Lee Harvey Oswald, and Jim Bakker.")
    assert ("Jack Ruby", "killed", "Lee Harvey Oswald") in facts(x)


@pytest.mark.parametrize("sentence", [
    "England coach Andy Robinson named Leicester's England centre Ollie Smith in his squad.",
    "The SEC's Boston office opened an inquiry into the company.",
    "Toyota's US sales arm reported record sales.",
    "Solidere, the company founded by Rafik Hariri, grew fast.",
    "Leicester tight-head Julian White was injured.",
])
def test_no_relation_from_misleading_patterns(sentence):
    """Seen wrong on BBC news (bench/AUDIT.md): a place standing for a team or a branch, a founder,
    a 'tight-head' give no relation of place, residence, killing or leadership."""
    bad = {"livesIn", "locatedIn", "basedIn", "killed", "leaderOf"}
    assert not [r for r in run(sentence).relations if r.predicate in bad]


@pytest.mark.parametrize("sentence", [
    "Ireland face a tough game against Spain in Madrid on Saturday.",
    "Ireland 17-12 South Africa: the hosts held on.",
    "Two of Japan's biggest financial companies plan to merge.",
    "The Invincibles won all 30 of their games, including a crushing 19-0 victory over Wales at St Helen's.",
    "Ethiopia's Tirunesh Dibaba set a new world record in winning the women's 5,000m.",
])
def test_no_place_relation_from_teams_scores_or_plural_descriptions(sentence):
    """Seen wrong in the second BBC audit: teams read as places, a plural read as one company."""
    assert not [r for r in run(sentence).relations if r.predicate in ("locatedIn", "basedIn", "livesIn")]


def test_a_demonym_used_as_a_noun_is_no_country():
    """"The Scot won the race": a person, not Scotland; "Scottish runners" still names Scotland."""
    x = run("The Scot won the race in Paris.")
    assert not any(e.name == "Scotland" for e in x.entities)


@pytest.mark.parametrize("sentence, triple, modality", [
    ("EMI senior vice president Ted Cohen said sales fell.", ("Ted Cohen", "worksFor", "EMI"), None),
    ("Ford financial chief John Doe spoke.", ("John Doe", "worksFor", "Ford"), None),
    ("Brian McFadden, who quit Westlife last year, released a record.", ("Brian McFadden", "worksFor", "Westlife"),
     "former"),
    ("Nick Hazel, Yahoo's head of consumer services in the UK, thinks so.", ("Nick Hazel", "worksFor", "Yahoo"),
     None),                                      # the head of a department works for the company
    ("As a telecoms company, BT is moving to a content distribution strategy, Andrew Burke, chief of BT's new "
     "Entertainment unit told the IPTV World Forum.",
     ("Andrew Burke", "worksFor", "BT Group"), None),  # the chief of a unit works for the company
    ("Steve Cram, a former Olympian and now a BBC pundit, said so.", ("Steve Cram", "worksFor", "BBC"),
     None),                                      # "former" goes with its own noun, not the next one
    ("Sensitive information leaked, said Andrew Pearson, European boss of Workshare which commissioned the "
     "research.", ("Andrew Pearson", "worksFor", "Workshare"), None),        # a regional boss (eleventh audit)
    ("Nissan's UK chief executive John Smith said sales rose.", ("John Smith", "worksFor", "Nissan"), None),
])
def test_subordinate_and_past_roles(sentence, triple, modality):
    """A vice president, a financial chief, a regional boss or the head of a department works for the
    company but does not lead it; a band one quit is a former one (third and fourth BBC audits)."""
    x = run(sentence)
    found = [r for r in x.relations if (r.subject.name, r.predicate, r.object.name) == triple]
    assert found and found[0].modality == modality, [(r.subject.name, r.predicate, r.object.name, r.modality)
                                                     for r in x.relations]
    assert not [r for r in x.relations if r.predicate == "leaderOf"]


@pytest.mark.parametrize("sentence, modality", [
    ("Nortel's head Frank Dunn and two other executives were fired in January last year.", "former"),
    ("Vodafone chief executive Frank Dunn resigned in March.", "former"),
    ("Vodafone chief executive Frank Dunn stepped down on Monday.", "former"),
    ("Vodafone chief executive Frank Dunn left the company in March.", "former"),
    ("Nortel's head Frank Dunn will resign in January.", None),         # yet to come
    ("Nortel's head Frank Dunn fired two other executives.", None),     # he fired, he was not fired
    ("Vodafone chief executive Frank Dunn left the meeting early.", None),   # a meeting is no post
    ("Vodafone chief executive Frank Dunn stepped up his campaign.", None),
])
def test_a_holder_who_leaves_held_the_role_before(sentence, modality):
    """A role's holder who resigns, steps down, leaves his post or is fired in the same clause held it
    before: the relation is "former", no fact (tenth BBC audit); not when he will resign or fires others."""
    x = run(sentence)
    found = [r for r in x.relations if r.subject.name == "Frank Dunn" and r.object.name in ("Nortel", "Vodafone")]
    assert found and all(r.modality == modality for r in found), \
        [(r.subject.name, r.predicate, r.object.name, r.modality) for r in x.relations]


@pytest.mark.parametrize("sentence, triple, modality", [
    ("Nissan chairman Carlos Ghosn is to succeed Louis Schweitzer.", ("Carlos Ghosn", "successorOf", "Louis Schweitzer"),
     "future"),
    ("Pompey coach Kevin Bond is poised to join Redknapp, who will be Saints' third boss of the season.",
     ("Redknapp", "leaderOf", "Saints"), "future"),
    ("Carlos Ghosn succeeded Louis Schweitzer.", ("Carlos Ghosn", "successorOf", "Louis Schweitzer"), None),
    # the classifier's pairs: the verb's modality is its subject's, not the post its object holds now
    ("Nissan chairman Carlos Ghosn is to succeed Mr Schweitzer at the head of Renault later this year.",
     ("Carlos Ghosn", "worksFor", "Renault"), "future"),
    ("Nissan chairman Carlos Ghosn is to succeed Mr Schweitzer at the head of Renault later this year.",
     ("Schweitzer", "worksFor", "Renault"), None),
    ("Pompey coach Kevin Bond is poised to join Redknapp, who is Saints' third boss of the season.",
     ("Redknapp", "leaderOf", "Saints"), None),
])
def test_what_will_be_is_no_fact(sentence, triple, modality):
    """"is to succeed", "will be the boss": a relation yet to hold is kept as "future", no fact
    (thirteenth BBC audit, rows 12 and 33); the one the verb's object holds now stays a fact."""
    found = [r for r in run(sentence).relations if (r.subject.name, r.predicate, r.object.name) == triple]
    assert found and found[0].modality == modality and found[0].is_fact == (modality is None)


def test_a_demonyms_chief_of_a_field_leads_the_field_not_the_country():
    """"Russian tennis chief Shamil Tarpishchev" is Russian and leads Russian tennis, not Russia
    (thirteenth BBC audit, row 36); "Russian President Vladimir Putin" and "Dutch prime minister Wim
    Kok" lead their countries."""
    assert facts(run("Kuznetsova's naming was condemned by Russian tennis chief Shamil Tarpishchev.")) == {
        ("Shamil Tarpishchev", "citizenOf", "Russia")}
    assert ("Vladimir Putin", "leaderOf", "Russia") in facts(run("Russian President Vladimir Putin spoke."))
    assert ("Wim Kok", "leaderOf", "Netherlands") in facts(run("Dutch prime minister Wim Kok spoke."))


def test_a_countrys_chief_of_a_field_leads_the_field_not_the_country():
    """"Brazil's airport authority chief Carlos Wilson" leads Brazil's airport authority: no relation to
    Brazil by that title; "Britain's prime minister Tony Blair" leads Britain."""
    assert not facts(run("Brazil's airport authority chief Carlos Wilson had claimed the government would act."))
    assert ("Tony Blair", "leaderOf", "United Kingdom") in facts(run("Britain's prime minister Tony Blair spoke."))


@pytest.mark.parametrize("sentence, expected", [
    ("Andrew Hall of Miami, Fla., confirmed that Warner is trying to settle.",
     {("Andrew Hall", "livesIn", "Miami"), ("Andrew Hall", "livesIn", "Florida")}),
    ("Marie Ferraro, 50, of Bethany, Conn., was shot to death Thursday.",
     {("Marie Ferraro", "livesIn", "Bethany"), ("Marie Ferraro", "livesIn", "Connecticut")}),
    ("Derwinski, a Republican from Chicago who served 24 years in Congress, denied it.",
     {("Derwinski", "livesIn", "Chicago")}),
    # a relational noun in between is the noun rules' to read; a team is no place
    ("Tony Blair, the prime minister of Britain, said so.", set()),
    ("Steve Jones from the Dragons is likely to be drafted in.", set()),
])
def test_a_person_of_or_from_a_place_lives_there(sentence, expected):
    """"X of <place>", "X, 50, of <place>", "X, a Republican from <place>": X lives in the place."""
    x = run(sentence)
    assert {t for t in facts(x) if t[1] == "livesIn"} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("BANGKOK, Thailand (AP) _ A man was arrested on Monday.",
     {("Associated Press", "reportedFrom", "Bangkok"), ("Associated Press", "reportedFrom", "Thailand")}),
    ("Moscow March 5 (ITAR-TASS) -- Moscow newspapers concentrate on the speeches.", {("TASS", "reportedFrom", "Moscow")}),
    # places and an organisation in a plain sentence are no dateline
    ("In Washington, the General Accounting Office (GAO) says Israel may be wrong.", set()),
    ("London and Paris (France) agreed with the EU on Monday.", set()),
])
def test_a_dateline_says_where_the_agency_reported_from(sentence, expected):
    """A sentence that opens with places (and a date) and then an organisation is a dateline."""
    assert {t for t in facts(run(sentence)) if t[1] == "reportedFrom"} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("DAYTON, Ohio (AP) _ A man was arrested on Monday.", {("DAYTON", "locatedIn", "Ohio")}),
    ("KARBALA, Iraq (AP)", {("KARBALA", "locatedIn", "Iraq")}),
    ("GRAND RAPIDS, Mich. (AP) _ The wreck was found.", {("GRAND RAPIDS", "locatedIn", "Michigan")}),
    ("Paris, London (AP) _ Talks went on.", set()),           # two cities: neither is in the other
])
def test_a_datelines_town_is_in_its_state(sentence, expected):
    """In a dateline, a town followed by its state or country is located in it."""
    assert {t for t in facts(run(sentence)) if t[1] == "locatedIn"} == expected


@pytest.mark.parametrize("sentence, expected", [
    ('"We played for hours," said Atlanta businessman Neil Estes.', {("Neil Estes", "livesIn", "Atlanta")}),
    ("Robert C. Corduwener, a Netherlands businessman, bought a 51 percent share.",
     {("Robert C. Corduwener", "citizenOf", "Netherlands")}),
    ("French actress Audrey Tautou will play the female lead.", {("Audrey Tautou", "citizenOf", "France")}),
    # a team is no place; an organisation's description is no person's
    ("England coach Andy Robinson named his team.", set()),
    ("This will not come as news to Parry, a lifelong Liverpool supporter.", set()),
    ("Australian airline Qantas could transfer as many as 7,000 jobs.", set()),
])
def test_a_place_qualifying_a_persons_description(sentence, expected):
    """"Atlanta businessman X" lives in Atlanta; "French actress X" is a citizen of France."""
    got = {t for t in facts(run(sentence)) if t[1] in ("livesIn", "citizenOf")}
    assert got == expected


@pytest.mark.parametrize("sentence", [
    "Scotland have also made two changes, Simon Webster replacing Simon Danielli on the wing and Simon Taylor returning.",
    "Ben Kay replaces Steve Borthwick in the side for Saturday's game.",
])
def test_a_change_in_a_line_up_is_no_succession(sentence):
    """"X replacing Y on the wing": a player for another in one match, not a successor in an office."""
    assert not [t for t in facts(run(sentence)) if t[1] == "successorOf"]


@pytest.mark.parametrize("sentence, triple, expected", [
    # an indefinite description is one of many: no entity, no relation
    ("Yukos had filed for bankruptcy protection in a US court.", ("United States court", "basedIn", "United States"), False),
    ("The Australian government is in talks with Qantas.", ("Australia government", "basedIn", "Australia"), True),
    # a header in a match is no leadership
    ("Didier Drogba came on for Chelsea. Drogba almost headed Chelsea in front two minutes into extra-time but "
     "the striker saw the ball rebound off the post.", ("Didier Drogba", "leaderOf", "Chelsea"), False),
    # fixtures are no places in places
    ("Republic of Ireland v France; Cyprus v Switzerland; Faroe Islands v Israel.",
     ("Ireland", "locatedIn", "Switzerland"), False),
    # an envoy "of" a country and a country's minister are its citizens, not residents or members
    ('The chairman of the working party, Ambassador Stefan Johannesson of Iceland, warned of more work.',
     ("Stefan Johannesson", "citizenOf", "Iceland"), True),
    ("Indian oil minister Mani Shankar Aiyar discussed the plans during a trip to Moscow.",
     ("Mani Shankar Aiyar", "memberOf", "India"), False),
    # people work for organisations: the place after "for" is what the job is about
    ('"Closures are a key factor behind today\'s economic crisis in the West Bank," said Nigel Roberts, World Bank '
     "country director for the West Bank and Gaza. Nearly half of all Palestinians live below the poverty line.",
     ("Nigel Roberts", "worksFor", "West Bank"), False),
    # a continent's adjective is no nationality
    ("European cross-country champion Hayley Yelling completed a hat-trick of wins in Cardiff.",
     ("Hayley Yelling", "citizenOf", "Europe"), False),
    # a person is not "based" somewhere: she lives there (a word alone after "X-based" is a firm's name,
    # unless the article names a person ending in it)
    ("Andrea Levy is on the shortlist. Bookmaker William Hill has placed London-based Levy's novel as the 6/4 "
     "favourite to win.", ("Andrea Levy", "livesIn", "London"), True),
    # "X, Japan's number three operator" describes a company, no town in a country
    ("Mr Morrow will succeed Shiro Tsuda as president of Vodafone KK, Japan's number three mobile operator, "
     "in April.", ("Vodafone KK", "locatedIn", "Japan"), False),
    ("Grant Thornton is still being permitted to sue, as are Consob, Italy's stock market regulator, and "
     "Parmalat's new managers.", ("Consob", "locatedIn", "Italy"), False),
    # a firm's facility is where a branch is, not its seat
    ("This was achieved during internal testing at IBM's production facility in Rochester, Minnesota, though.",
     ("IBM", "basedIn", "Rochester"), False),
    # a country's name for its team: a manager leads the team; the team plays in a town
    ("The news leaves Wales boss John Toshack short in defence for his first game in charge.",
     ("John Toshack", "leaderOf", "Wales"), False),
    ("A bruising 55-3 defeat followed for Wales in Hamilton in 2003 as Hansen built towards the World Cup.",
     ("Wales", "locatedIn", "Hamilton"), False),
    # seventh audit: a team plays in a town; a country is a job's scope; a singer is a band's member;
    # "the Italian firm" is no firm named after it; a run is an event
    ("Kewell misses out on international duty, with Australia facing South Africa in Durban on Wednesday.",
     ("Australia", "locatedIn", "Durban"), False),
    ('"We know that customers want it," said Robert Quinn, Game\'s UK sales director.',
     ("Robert Quinn", "worksFor", "United Kingdom"), False),
    ("Bez is favourite to win the show, while Blazin' Squad singer Kenzie is second at 2/1.",
     ("Kenzie", "memberOf", "Blazin' Squad"), True),
    ("At the time, it gave the Italian firm the right to sell the remaining stake to GM.",
     ("General Motors", "basedIn", "Italy"), False),
    # "the Italian firm" is the nearest firm the gazetteer does not place in another country
    ("Fiat will meet car giant General Motors (GM) on Tuesday to agree the future of the Italian firm's "
     "auto group.", ("General Motors", "basedIn", "Italy"), False),
    ("Fiat will meet car giant General Motors (GM) on Tuesday to agree the future of the Italian firm's "
     "auto group.", ("Fiat", "basedIn", "Italy"), True),
    ("O'Sullivan will also take part in the Bupa Great Ireland Run on 9 April in Dublin.",
     ("Sonia O'Sullivan", "worksFor", "Bupa Great Ireland Run"), False),
    # the classifier on a firm's arm in a continent, on a list with semicolons, on an event
    ('"We can only guess," said Rory Armes, studio general manager for video game giant Electronic Arts in Europe.',
     ("Electronic Arts", "basedIn", "Europe"), False),
    ("- Tim Dams, Screen International: Film - Million Dollar Baby; director - Clint Eastwood; actor - Jamie Foxx.",
     ("Clint Eastwood", "worksFor", "Screen International"), False),
    ("But he believes the European Indoors in Madrid represent a chance for the 26-year-old.",
     ("European Indoors", "basedIn", "Madrid"), False),
    ('"Prices are unreasonable," said Wang Yan, an official from the Beijing Municipal Commission for '
     "Development and Reform quoted in the state-run China Daily.", ("Wang Yan", "worksFor", "China Daily"), False),
    # teams: a "home tie" says nothing of where anyone lives; a team plays at a ground; a known city
    # lies in no lesser place ("Chelsea host Birmingham, Tottenham travel to West Brom")
    ("Oldham's reward for beating Manchester City is a home tie with Bolton, while Yeovil will be away to Charlton.",
     ("Bolton", "livesIn", "Manchester City"), False),
    ("Brentford boss Martin Allen remained cautious despite his side's favourable draw - a home tie with either "
     "Hartlepool or Boston.", ("Martin Allen", "livesIn", "Boston"), False),
    ("- Rovers face another replay against Championship side Cardiff at Ewood Park. Rovers replay Cardiff at "
     "Ewood Park on Tuesday.", ("Cardiff", "locatedIn", "Ewood Park"), False),
    ("Chelsea host Birmingham, Tottenham travel to West Brom and Arsenal will entertain Championship side Wolves.",
     ("Birmingham", "locatedIn", "Tottenham"), False),
    # what an organisation owns is not where it is; a law is no organisation
    ('"The prime minister has given instructions," he told the BBC\'s Network Africa programme.',
     ("BBC", "basedIn", "Network Africa"), False),
    ('"Germany\'s Securities Trading Act says that if BaFin finds such clues, it has to act," he said.',
     ("Securities Trading Act", "basedIn", "Germany"), False),
    # a country lies in no other country; two names with only a comma between them are a list, unless
    # the second is a place the gazetteer knows ("Camden Market, London") or the first is more than a
    # bare word
    ("Argentina, Venezuela in oil deal", ("Argentina", "locatedIn", "Venezuela"), False),
    ("Luton, Preston, Queens Park Rangers and other clubs used to have plastic pitches during the 1980s.",
     ("Luton", "locatedIn", "Preston"), False),
    ("He stayed at the Plaza Hotel, New York.", ("Plaza Hotel", "locatedIn", "New York"), True),
    # thirteenth audit: a county's court is no judge's home; a technology and "the State" are no entities
    ("In the ruling handed down this week by Santa Clara County Superior Court Judge James Kleinberg, Apple "
     "can now get records.", ("James Kleinberg", "livesIn", "Santa Clara County"), False),
    ("Broadband in the UK growing fast", ("Broadband", "locatedIn", "United Kingdom"), False),
    ("Planning Minister Julio De Vido has offered State help but not for free.",
     ("Julio De Vido", "worksFor", "State"), False),
    # a continent or an ocean lies in nothing
    ("Madagascar is an island nation in the Indian Ocean off the eastern coast of Africa.",
     ("Indian Ocean", "locatedIn", "Africa"), False),
    # eighth audit: a portfolio is no organisation; no one is a member of a person; a killer's
    # nationality is no victim; the US lies in no state; a title defended is not supported; a change
    # "in the second row" is a line-up's
    ('"The administration is committed to a viable national airline," said Finance Minister Omar Davies.',
     ("Omar Davies", "memberOf", "Finance"), False),
    ("The issue of warnings on games was raised on Sunday by Trade and Industry Secretary Patricia Hewitt.",
     ("Patricia Hewitt", "worksFor", "Trade and Industry"), False),
    ("This week Colin Powell, US Secretary of State was visiting the West Bank to stress US support.",
     ("Colin Powell", "worksFor", "State"), False),
    ("Factory Workers Union secretary general Billy Macaefa said the strike would go on.",
     ("Billy Macaefa", "worksFor", "Factory Workers Union"), True),            # a union, no portfolio
    ("Devon singer Joss Stone and rock band Muse won coveted Brit awards during the event's 25th anniversary.",
     ("Joss Stone", "memberOf", "Devon"), False),
    ("The band's name was inspired by Linda Kasabian - the getaway driver of US serial killer Charles Manson.",
     ("Charles Manson", "killed", "United States"), False),
    ("A study of the United States at war in the past 50 years has picked up one of the main awards at the "
     "2005 Sundance Film Festival in Utah, in the US.", ("United States", "locatedIn", "Utah"), False),
    ("Kelly Holmes will also run in the Grand Prix in Birmingham in February and may defend her indoor AAA 800m title "
     "in Sheffield earlier that month.", ("Kelly Holmes", "supports", "AAA"), False),
    ("They make just one change, with Tim Collier replacing Phil Murphy in the second row.",
     ("Tim Collier", "successorOf", "Phil Murphy"), False),
    ("Jef Raskin, head of the team behind the first Macintosh computer, has died.",
     ("Jef Raskin", "worksFor", "Macintosh"), False),                  # a name of a thing made
    # a title alone is no organisation; a nickname is no role; a tour is no seat
    ('Writing his Christmas message in the Northern Echo, the Bishop said: "Conspiracy theories are fun."',
     ("Bishop", "basedIn", "Northern Echo"), False),
    ("Ellen Simonetti, known as Queen of the Sky, wrote an account of her life in the sky.",
     ("Ellen Simonetti", "leaderOf", "Sky"), False),
    ("The Lions leave for New Zealand on 24 May, with the first Test against the All Blacks on 25 June.",
     ("Lions", "basedIn", "New Zealand"), False),
    ("Nazarbayev retained considerable power as chairman of the Security Council.",    # a role held "as"
     ("Nazarbayev", "leaderOf", "Security Council"), True),
    # ninth audit: a country in brackets after a player in a results list is whom she plays for
    ("Fabiola Zuluaga (Colombia)", ("Fabiola Zuluaga", "basedIn", "Colombia"), False),
    # an envoy to an organisation serves the country that sends him
    ('Assad Omar, Afghanistan\'s envoy to the United Nations in Geneva, said accession would contribute to '
     '"regional prosperity and global security".', ("Assad Omar", "worksFor", "United Nations"), False),
    # eleventh audit: an honorary mayor leads nothing
    ("Hollywood's honorary mayor, Johnny Grant, said he was pleased.", ("Johnny Grant", "leaderOf", "Hollywood"),
     False),
    # tenth audit: a results list, a seeding in brackets after each name, is no place in a place
    ("Argentina (4), South Africa (5), Kenya, Tunisia, Russia, Uruguay.", ("Argentina", "locatedIn", "South Africa"),
     False),
    # a band or a film written before another person's role is that person's
    ("Film director Ken Loach, fashion designer Hussein Chalayan and former Blur guitarist Graham Coxon have all "
     "designed postcards for the sale.", ("Ken Loach", "worksFor", "Blur"), False),
    ("Film director Ken Loach, fashion designer Hussein Chalayan and former Blur guitarist Graham Coxon have all "
     "designed postcards for the sale.", ("Graham Coxon", "memberOf", "Blur"), True),
    ("Most experts predict the twice-nominated Jamie Foxx will win best actor for his portrayal of singer Ray "
     "Charles, while Vera Drake star Imelda Staunton looks likely to lose out.",
     ("Ray Charles", "worksFor", "Vera Drake"), False),
    # a series or a band before an actor's or a singer's role is no hometown, a town is
    ("Model Caprice and Holby City actor Jeremy Edwards have both left the Celebrity Big Brother house.",
     ("Jeremy Edwards", "livesIn", "Holby City"), False),
    ("Nirvana frontman Kurt Cobain died in 1994.", ("Kurt Cobain", "livesIn", "Nirvana"), False),
    ("The spilled fuel covered an area two miles long, said Whitefish City Attorney Tom Muri.",
     ("Tom Muri", "livesIn", "Whitefish City"), True),
    # tenth audit: a national team's player and an event's demonym give no home and no nationality
    ("They started with Wales international colleague John Hartson and Chris Sutton dropping into midfield.",
     ("John Hartson", "livesIn", "Wales"), False),
    ("Australian Open champion Williams survived an early scare.", ("Williams", "citizenOf", "Australia"), False),
    ("British actress Jane Smith won.", ("Jane Smith", "citizenOf", "United Kingdom"), True),
    # below the classifier's threshold of 0.8 (0.74 and 0.75 at 0.7): of 17 such BBC rows, 4 were right
    ("Telewest customers in Bristol and NTL viewers in Glasgow will be the first to test the new service.",
     ("NTL", "basedIn", "Glasgow"), False),
    ("The comments came as Viktor Yushchenko prepared to head to Brussels to meet with US President George W Bush "
     "and other North Atlantic Treaty Organisation (Nato) leaders.", ("George W Bush", "worksFor", "NATO"), False),
    # twelfth audit: "X accused Y of Z" says Y is accused of Z; the accuser is accused of nothing
    ("After the match, Keane accused Vieira of starting the row.", ("Keane", "accusedOf", "Vieira"), False),
    # ... a hyphenated pair of countries qualifies no body's seat; a place "at" is an institution's
    ("The pace accelerated, said the report for the US-China Economic and Security Review Commission.",
     ("China commission", "basedIn", "China"), False),
    ("Kazakhstan's interior ministry said 8,000 people were arrested.",
     ("Kazakhstan interior ministry", "basedIn", "Kazakhstan"), True),
    ('"We assume a robot exists," said Professor Kerstin Dautenhahn, project leader at Hertfordshire.',
     ("Kerstin Dautenhahn", "leaderOf", "Hertfordshire"), False),
    ("Jane Doe, project leader at Microsoft, said so.", ("Jane Doe", "worksFor", "Microsoft"), True),
    # fourteenth audit: a team dominates a match, a person a country; a partner in business is no ally;
    # a title's adjective alone is no organisation
    ('Vargas lauded the manner in which "Spain dominated England with order and quality".',
     ("Spain", "leaderOf", "England"), False),
    ("Kazakhstan has been dominated by its president Nursultan Nazarbayev.",
     ("Nursultan Nazarbayev", "leaderOf", "Kazakhstan"), True),
    ("Gibson and his Icon Productions partner Bruce Davey said they would not be campaigning.",
     ("Bruce Davey", "allyOf", "Gibson"), False),
    ("Maurice Greene, Scott's training partner, won.", ("Maurice Greene", "allyOf", "Scott"), True),
    # ... and a hyphenated word of the list, which the tokenizer splits, says so too
    ("Maurice Greene, Scott's long-standing partner, won.", ("Maurice Greene", "allyOf", "Scott"), True),
    ("They insulted current Supreme Leader Ayatollah Ali Khamenei.", ("Ali Khamenei", "leaderOf", "Supreme"), False),
    # a club named after its town is no home; a demonym still gives the nationality
    ("Liverpool legend Phil Thompson has pleaded with Steven Gerrard to stay.",
     ("Phil Thompson", "livesIn", "Liverpool"), False),
    ("Rush was appointed after the departure of former Liverpool team-mate Mark Wright, who guided Chester.",
     ("Mark Wright", "livesIn", "Liverpool"), False),
    ("Brazilian soccer legend Pele said so.", ("Pele", "citizenOf", "Brazil"), True),
    ("Club director Terry Brady has been banned.", ("Terry Brady", "worksFor", "Club"), False),
    # fifteenth audit: a name cut at "of the" leaves "Future", which is no organisation
    ("New sections added to this year's festival include Cinema of the Future and Cinema of the World.",
     ("Cinema", "worksFor", "Future"), False),
    # firms the NER calls places or people are the gazetteer's companies: no one lives in them
    ("Ard Jan Vetham, Capgemini's principal consultant on RFID, said the survey showed it.",
     ("Jan Vetham", "livesIn", "Capgemini"), False),
    ("Ard Jan Vetham, Capgemini's principal consultant on RFID, said the survey showed it.",
     ("Jan Vetham", "worksFor", "Capgemini"), True),
    ("Ericsson of Sweden are backing DMB.", ("Ericsson", "livesIn", "Sweden"), False),
    # a co-founder "of" a firm the NER calls a place does not live there
    ('"It is a big step," said Kathy Rittweger, co-founder of Blinkx.', ("Kathy Rittweger", "livesIn", "Blinkx"),
     False),
    ("Hazel Gilbert, 23, an information manager from Newcastle, said so.", ("Hazel Gilbert", "livesIn", "Newcastle"),
     True),
    # sixteenth audit: an apposition after another role's noun is that role's holder
    ("Russian news agencies reported that India's petroleum minister Mr Aiyar and Russian energy minister Viktor "
     "Khristenko would discuss the future of Yugansk.", ("Viktor Khristenko", "citizenOf", "India"), False),
    ("Russian news agencies reported that India's petroleum minister Mr Aiyar and Russian energy minister Viktor "
     "Khristenko would discuss the future of Yugansk.", ("Viktor Khristenko", "citizenOf", "Russia"), True),
    ("EBay president and chief executive Meg Whitman said so.", ("Meg Whitman", "leaderOf", "eBay"), True),
    # ... a writing partner is no ally, a radio station no citizen, a film's title and a Grand Slam no places
    ("Ricky Gervais and his writing partner Stephen Merchant are refining the scripts.",
     ("Stephen Merchant", "allyOf", "Ricky Gervais"), False),
    ('Madrid midfielder Guti told private Spanish radio station Cadena Ser: "I have never seen this before."',
     ("Cadena Ser", "citizenOf", "Spain"), False),
    ("It is up against Eternal Sunshine of the Spotless Mind, Finding Neverland and British film Vera Drake.",
     ("Eternal Sunshine", "basedIn", "Spotless Mind"), False),
    ("Jonathan Ross will be very happy if Kate Winslet wins for Eternal Sunshine of the Spotless Mind.",
     ("Kate Winslet", "worksFor", "Eternal Sunshine of the Spotless Mind"), False),
    ("England were rampant 42-6 victors in claiming the Grand Slam at Lansdowne Road.",
     ("Grand Slam", "locatedIn", "Lansdowne Road"), False),
    # a firm the gazetteer places in another country has an office in the town, not its seat
    ('"Much patchier than thought," said Paul Sheard, economist at Lehman Brothers in Tokyo.',
     ("Lehman Brothers", "basedIn", "Tokyo"), False),
    ('"It is a front," said Oleg Maximov, an analyst at Troika Dialog in Moscow.',
     ("Troika Dialog", "basedIn", "Moscow"), True),
    # an organisation in a relative clause about one person is no other person's
    ("Kelly Holmes, former hurdler Alan Pascoe and former sprinter Frankie Fredericks - who is now an IOC "
     "member - all wanted to know why.", ("Kelly Holmes", "memberOf", "International Olympic Committee"), False),
    ("Kelly Holmes, former hurdler Alan Pascoe and former sprinter Frankie Fredericks - who is now an IOC "
     "member - all wanted to know why.", ("Frankie Fredericks", "memberOf", "International Olympic Committee"),
     True),
    ("Arsenal boss Arsene Wenger, who was fined in December for accusing Manchester United striker Ruud van "
     "Nistelrooy of cheating, believes the punishment was too lenient.",
     ("Ruud van Nistelrooy", "worksFor", "Manchester United"), True),
    # a participle after "by" is an adjective, however parsed; the firm in apposition is a firm
    ("Shares in Solidere, the Lebanese company founded by assassinated former prime minister Rafik Hariri, "
     "fell 15% in renewed trading in Beirut.", ("Solidere", "killed", "Rafik Hariri"), False),
    ("Shares in Solidere, the Lebanese company founded by assassinated former prime minister Rafik Hariri, "
     "fell 15% in renewed trading in Beirut.", ("Solidere", "basedIn", "Lebanon"), True),
    # seventeenth audit: a name the gazetteer writes with its "'s" keeps it; a partner from a country is
    # no ally of it; a list of countries is no place in another; a name's other name is not its employer;
    # a head "in Europe" leads a branch; a conference and a film are no firms with seats
    ("McDonald's boss Bell dies aged 44.", ("Bell", "leaderOf", "McDonald's"), True),
    ('"They should seize the moment," Mr Prettejohn, Lloyd\'s chief executive said.',
     ("Prettejohn", "worksFor", "Lloyd's of London"), True),
    ("On the New York Stock Exchange, shares in Ireland-based Elan lost 70% while US partner Biogen Idec shed 43%.",
     ("Biogen Idec", "allyOf", "United States"), False),
    ("New Zealand (1), Scotland (8), Tonga, Ireland, Korea, USA.", ("Scotland", "locatedIn", "United States"), False),
    ("CENTR, the Council of European National Top Level Domain Registries, agrees.",
     ("CENTR", "worksFor", "Council of European National Top Level Domain Registries"), False),
    ("Gerhard Florin, head of EA in Europe, said gamers should expect titles that blur the line.",
     ("Gerhard Florin", "leaderOf", "EA"), False),
    ("Gerhard Florin, head of EA in Europe, said gamers should expect titles that blur the line.",
     ("Gerhard Florin", "worksFor", "EA"), True),
    ("At the mobile phone conference 3GSM in Cannes last month Samsung demonstrated a phone.",
     ("3GSM", "basedIn", "Cannes"), False),
    ("The festival will also see the screening of Underexposure, one of Iraq's first features to emerge since "
     "the toppling of Saddam Hussein.", ("Underexposure", "basedIn", "Iraq"), False),
    # ... a portfolio before "Commissioner" and a title after an organisation's name are no employers
    ("Monetary Affairs Commissioner Joaquin Almunia said that it was a matter for next week.",
     ("Joaquin Almunia", "worksFor", "Monetary Affairs"), False),
    ('Tim Crawford, Group Economist at Halifax, said: "The value grows."', ("Tim Crawford", "worksFor",
                                                                          "Group Economist"), False),
    ("The two Telegraph titles employ 521 journalists. Telegraph executive Murdoch MacLennan said so.",
     ("Murdoch MacLennan", "worksFor", "Telegraph"), True),
    # eighteenth audit: the speaker works for no body his quotation names; an adjective and a demonym
    # are no organisation; an "and" between two institutions' names parts them
    ('"Whilst the completion of the sale of the US Gaming Division remains subject to a number of conditions, '
     'we believe this is positive," said Wembley chairman Claes Hultman.',
     ("Claes Hultman", "worksFor", "US Gaming Division"), False),
    ('"Whilst the completion of the sale of the US Gaming Division remains subject to a number of conditions, '
     'we believe this is positive," said Wembley chairman Claes Hultman.', ("Claes Hultman", "leaderOf", "Wembley"),
     True),
    ('Antonio "LA" Reid, chairman of The Island Def Jam Music Group, said: "I can think of no-one better."',
     ("Reid", "leaderOf", "Island Def Jam Music Group"), True),
    ("Legendary Dutch boss Michels dies", ("Michels", "worksFor", "Legendary Dutch"), False),
    ("The research team, from New York State Department of Health and State University of New York in Albany, "
     "said so.", ("State University of New York", "basedIn", "Albany"), True),
    ("The research team, from New York State Department of Health and State University of New York in Albany, "
     "said so.", ("New York State Department of Health and State University of New York", "basedIn", "Albany"),
     False),
    # eighteenth audit: a partner is an ally only in sport or politics, not in life
    ("The film also deals with the loss of Michael's partner Anselmo Feleppa in 1993.",
     ("Anselmo Feleppa", "allyOf", "Michael"), False),
    ("Contepomi broke through before feeding his midfield partner Aramburu to sprint in.",
     ("Aramburu", "allyOf", "Contepomi"), True),
    ('"Russia is Ukraine\'s eternal strategic partner," Mr Yushchenko said.', ("Russia", "allyOf", "Ukraine"), True),
    # nineteenth audit: a firm the gazetteer knows with the lowercase word after it; a place that ends a
    # person's name in the doc is his surname; a team's colleagues do not live in its province
    ('"We\'re surprised that the Ifo index has taken such a knock," said DZ bank economist Bernd Weidensteiner.',
     ("Bernd Weidensteiner", "worksFor", "DZ Bank"), True),
    ('"Without this deal May would have been washed up," said Kurt Barnard, president of Barnard\'s Retail '
     'Consulting Group.', ("Retail Consulting Group", "basedIn", "Barnard"), False),
    ("Campbell is joined by Ulster colleagues Roger Wilson and Ronan McCormack.",
     ("Roger Wilson", "livesIn", "Northern Ireland"), False),
    # a reading of 70 relations (seed 3033, no audit seed): a town has a mayor, no president; a known
    # body's acronym opens a portfolio; an institution's name cut at "and" is joined
    ('Edu said: "I\'ve heard that the Madrid president Florentino Perez is interested."',
     ("Florentino Perez", "leaderOf", "Madrid"), False),
    ("London mayor Ken Livingstone said so.", ("Ken Livingstone", "leaderOf", "London"), True),
    ("The EU and US have agreed to begin talks, EU Trade Commissioner Peter Mandelson has announced.",
     ("Peter Mandelson", "worksFor", "EU Trade"), False),
    ("The dollar's slide halted after US Treasury Secretary John Snow said a strong dollar was in America's interest.",
     ("John Snow", "worksFor", "US Treasury"), True),
    ('"IPods are mainstream," said Lee Rainie, director of the Pew Internet and American Life Project.',
     ("Lee Rainie", "worksFor", "Pew Internet and American Life Project"), True),
    ("Chelsea's John Terry is out, leaving coach Sven-Goran Eriksson with a problem.",
     ("John Terry", "worksFor", "Sven-Goran Eriksson"), False),
    # ... and a name the NER ran on past a spaced dash ("the European Union - the US population")
    ("In contrast to Japan - and of course the European Union - the US population is expected to increase.",
     ("European Union - the", "basedIn", "United States"), False),
])
def test_audited_rows(sentence, triple, expected):
    """Rows of the fourth and fifth audits (bench/AUDIT-4.md, AUDIT-5.md) that the rules now read right."""
    assert (triple in all_relations(run(sentence))) is expected, all_relations(run(sentence))


def test_a_name_stops_at_a_spaced_dash():
    """A name the NER ran on past a dash and into the sentence's lowercase words is cut at the dash."""
    x = run("In contrast to Japan - and of course the European Union - the US population is expected to increase.")
    assert "European Union" in {e.name for e in x.entities}
    assert not any("-" in e.name for e in x.entities)


@pytest.mark.parametrize("sentence, triple", [
    ("Bass player Nicky Wire will join Phil Jupitus on his morning show on Monday.",
     ("Nicky Wire", "memberOf", "Phil Jupitus")),
    ("President Bush is to send his toughest budget proposals to date to the US Congress.",
     ("Bush", "deployedTo", "United States Congress")),
    ("Lagat settled for silver behind El Guerrouj in Athens.", ("Lagat", "livesIn", "Athens")),
])
def test_a_triple_must_fit_its_propertys_classes(sentence, triple):
    """A rule's triple whose subject or object is not of the classes the ontology gives its property
    is dropped: nobody is a member of a person, troops go to places, an organisation lives nowhere."""
    assert triple not in all_relations(run(sentence)), all_relations(run(sentence))


@pytest.mark.parametrize("sentence, triple, expected", [
    ("Moya led Spain to victory over the USA.", ("Moya", "leaderOf", "Spain"), False),
    ("Robinson leads England against Australia at Twickenham.", ("Robinson", "leaderOf", "England"), False),
    ("Smith leads the Labour Party.", ("Smith", "leaderOf", "Labour Party"), True),
    ("Bernard Lagat settled for silver in Athens.", ("Bernard Lagat", "livesIn", "Athens"), False),
    ("Smith settled in Boston in 1990.", ("Smith", "livesIn", "Boston"), True),
    ("Maloney replaced the injured Sutton at half time and marked his first competitive appearance.",
     ("Maloney", "successorOf", "Sutton"), False),
    ("Wilkinson made his debut against Ireland when he came off the bench to replace Paul Grayson.",
     ("Wilkinson", "successorOf", "Paul Grayson"), False),
    ("Sergio Marchionne has replaced Herbert Demel as chief executive of Fiat Auto.",
     ("Sergio Marchionne", "successorOf", "Herbert Demel"), True),
    ("Thomas was replaced at half-time by Williams as his side turned around a 15-6 deficit in Paris.",
     ("Williams", "successorOf", "Thomas"), False),
    # a question asked is no request; "calling time on" a team is leaving it
    ('During cross examination, Reid Weingarten asked David Myers if he ever knew Bernie Ebbers "make an '
     'accounting decision?".', ("Reid Weingarten", "requested", "David Myers"), False),
    ('Reid Weingarten asked Scott Sullivan: "Did you ever tell him?"', ("Reid Weingarten", "requested",
                                                                     "Scott Sullivan"), False),
    ("George Clooney urged Bill O'Reilly to co-present the TV special, adding in a letter: \"We're not playing "
     "games here, we're trying to save lives.\"", ("George Clooney", "requested", "Bill O'Reilly"), True),
    ("The US has asked the World Trade Organisation to rule.", ("United States", "requested",
                                                                 "World Trade Organization"), True),
    ("Lawrence Dallaglio, who called time on England earlier this season, said so.",
     ("Lawrence Dallaglio", "requested", "England"), False),
    ("Alex Ferguson has called on the Football Association to act.",
     ("Alex Ferguson", "requested", "Football Association"), True),
])
def test_a_verbs_other_sense_is_no_relation(sentence, triple, expected):
    """A captain who "leads England against Australia" or "to victory" leads a team, not a country;
    "settled for silver" is no home; a substitution in a match is no succession. The same verbs
    otherwise keep their relation."""
    assert (triple in all_relations(run(sentence))) is expected, all_relations(run(sentence))


@pytest.mark.parametrize("sentence, triple", [
    ("Justin Green, spokesman for organisers MCD Promoters, said tickets were sold.",
     ("Justin Green", "spokespersonOf", "MCD Promoters")),
    ("Richey Edwards, guitarist and lyricist for The Manic Street Preachers, disappeared in 1995.",
     ("Richey Edwards", "memberOf", "Manic Street Preachers")),
    ("Collecting his band's award at the Cannes ceremony, U2 frontman Bono said in French: \"I'm not from "
     "this country.\"", ("Bono", "memberOf", "U2")),
    ("David Cummings, head of UK equities for Standard Life Investments, said he believed it.",
     ("David Cummings", "worksFor", "Standard Life Investments")),
])
def test_a_role_noun_names_the_property(sentence, triple):
    """A band member is a member and a spokesperson speaks for the organisation, whichever reads the
    pair (the classifier's Work_For covers all three); the head of a desk works for the firm."""
    assert triple in all_relations(run(sentence)), all_relations(run(sentence))


def test_taking_a_role_in_the_future_is_no_fact():
    """"X will succeed Y as president of Z": X leads Z in the future, not now."""
    x = run("Mr Morrow will succeed Shiro Tsuda as president of Vodafone KK, Japan's number three mobile operator.")
    found = [r for r in x.relations if r.predicate == "leaderOf" and r.object.name == "Vodafone KK"]
    assert found and all(r.modality == "future" for r in found)



def test_a_narrators_description_stays_a_fact_in_a_reported_sentence():
    """"French actress X will play the lead, it has been reported": what is reported is the casting; that
    X is French is the narrator's own description."""
    x = run("French actress Audrey Tautou, star of hit film Amelie, will play the female lead in the film, "
            "it has been reported.")
    assert ("Audrey Tautou", "citizenOf", "France") in facts(x)


def test_the_classifier_asks_only_about_pairs_whose_types_have_a_label():
    """A model that says Work_For to every pair makes "Bill Gates works for Microsoft", but never
    "Microsoft works for Bill Gates" nor "Bill Gates works for Steve Ballmer": Work_For relates a
    person to an organisation, and no CoNLL04 label relates an organisation to a person, so those
    pairs are not even scored."""
    from kg.relations.classify import RelationClassifier, label_of_types
    from kg.extract import Extractor
    from kg.io.read import make_document

    always = RelationClassifier(["NONE", "Work_For"], {"bias": 0}, [[0.0], [9.0]], [0.0, 0.0], threshold=0.5)
    text = "Bill Gates said Microsoft would work with Steve Ballmer."
    x = Extractor(classifier=always).extract(make_document(text, "t"))
    assert {(r.subject.name, r.predicate, r.object.name) for r in x.relations} == {
        ("Bill Gates", "worksFor", "Microsoft"), ("Steve Ballmer", "worksFor", "Microsoft")}
    assert ("Org", "Peop") not in label_of_types() and label_of_types()[("Peop", "Org")] == "Work_For"
