"""The extractor: a Document in, an Extraction out.

read -> clean -> parse -> mentions -> coreference -> relations, claims, events; this module runs the
stages in that order and turns token positions into character offsets in the original text.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from kg import __version__
from kg.claims import FoundClaim, find_claims
from kg.relations.classify import RelationClassifier
from kg.relations.encoder import Combined, EncoderModel
from kg.io.clean import CleanText, clean
from kg.io.document import ReadProblem
from kg.entities.coref import Resolution, resolve
from kg.entities.index import EntityIndex
from kg.events import verbs as event_verbs
from kg.events.find import FoundArg, FoundClauseEvent, find_clause_events, place_of
from kg.lexicon.gazetteer import Gazetteer
from kg.ids import digest
from kg.entities.mentions import find_mentions
from kg.nlp.names import NUMERIC
from kg.model import (RELATION_MODELS, Argument, Claim, Group, Document, Entity, Event, Extraction, Mention, Position, Provenance, Relation, Sentence,
                      Value)
from kg.nlp.pipeline import load_nlp, parse
from kg.relations.find import find_relations
from kg.relations.found import Found
from kg.relations.positions import FoundPosition, find_positions
from kg.relations.positions import name_of as position_name
from kg.relations.registry import confidence, is_descriptive
from kg.nlp.syntax import one_noun_phrase

EXTRACTOR = f"newskg {__version__}"
# NER labels of literals, not entities: reported as an extraction's values
VALUE_LABELS = {*NUMERIC, "NORP", "LANGUAGE"}


class _Offsets:
    """Token positions of one parsed doc -> character offsets in the original text."""

    def __init__(self, sdoc: Doc, cleaned: CleanText):
        self.sdoc, self.cleaned = sdoc, cleaned
        self.sentences: list[Sentence] = []
        self.sentence_of_token: list[int] = [0] * len(sdoc)
        for sent in sdoc.sents:
            text = sent.text.strip()
            if not text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = sent.start_char + lead
            o_start, o_end = cleaned.original_span(start, start + len(text))
            for t in range(sent.start, sent.end):
                self.sentence_of_token[t] = len(self.sentences)
            self.sentences.append(Sentence(len(self.sentences), text, o_start, o_end))

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Original character span of tokens [start, end)."""
        first, last = self.sdoc[start], self.sdoc[max(start, end - 1)]
        return self.cleaned.original_span(first.idx, last.idx + len(last.text))

    def provenance(self, doc_id: str, start: int, end: int, rule: str, conf: float) -> Provenance:
        o_start, o_end = self.chars(start, end)
        sentence = self.sentences[min(self.sentence_of_token[start], len(self.sentences) - 1)]
        return Provenance(doc_id, sentence, o_start, o_end, rule, conf, EXTRACTOR)


def _entities(res: Resolution, sdoc: Doc, off: _Offsets) -> tuple[list[Entity | None], dict[int, Mention]]:
    """Model entities, one per cluster (None for a cluster with no usable name), and the mention
    made of each candidate."""
    out: list[Entity | None] = []
    made: dict[int, Mention] = {}
    for k, cl in enumerate(res.clusters):
        if not cl.canonical:
            out.append(None)
            continue
        mentions, aliases = [], set()
        for i in sorted(cl.members):
            c = res.candidates[i]
            s, e = off.chars(c.start, c.end)
            name_start = off.chars(c.start + c.lead, c.end)[0] if c.lead else None
            made[i] = Mention(c.text, s, e, off.sentence_of_token[c.start], c.kind, c.etype, name_start)
            mentions.append(made[i])
            if c.kind == "name":
                aliases |= {c.text, sdoc[c.start + c.lead:c.end].text}
        aliases.discard(cl.canonical)
        out.append(Entity(cl.canonical, cl.etype or "OtherEntity", tuple(sorted(aliases)), tuple(mentions),
                          cl.evidence))
    return out, made


def _values(text: str, sdoc: Doc, off: _Offsets) -> tuple[Value, ...]:
    """The dates, numbers, amounts and groups the NER found, in the original text's offsets."""
    out = []
    for ent in sdoc.ents:
        if ent.label_ in VALUE_LABELS:
            s, e = off.chars(ent.start, ent.end)
            out.append(Value(text[s:e], s, e, off.sentence_of_token[ent.start], ent.label_))
    return tuple(out)


def _mention_at(res: Resolution, made: dict[int, Mention], token: int | None, cluster: int) -> Mention | None:
    """The mention of entity ``cluster`` that covers ``token``."""
    if token is None:
        return None
    mine = [(i, c) for i, c in enumerate(res.candidates) if res.of_candidate.get(i) == cluster and i in made]
    for i, c in mine:
        if c.start <= token < c.end:
            return made[i]
    # a title noun standing for a name ("head of ... Karim Masimov"): the nearest mention in the sentence
    near = [(abs(c.root - token), i) for i, c in mine if made[i].kind == "name"
            and made[i].sentence == min((made[j].sentence for j, d in mine if d.start <= token), default=-1)]
    return made[min(near)[1]] if near else None


def _descriptive(f: Found, sdoc: Doc) -> bool:
    """Whether a relation is read off a description of an entity rather than off what a clause says:
    a rule's whose name is declared descriptive (kg/relations/registry.py), or the classifier's over
    two names of one noun phrase ("Arsenal vice-chairman David Dein")."""
    if is_descriptive(f.rule):
        return True
    return f.rule.startswith("classifier") and f.subject_token is not None and f.object_token is not None \
        and one_noun_phrase(sdoc[f.subject_token], sdoc[f.object_token])


def _claim_of(claims: list[tuple[FoundClaim, Claim]], token: int) -> str | None:
    """The innermost claim whose text contains the token."""
    inside = [(fc.content_end - fc.content_start, c.id) for fc, c in claims
              if fc.content_start <= token < fc.content_end]
    return min(inside)[1] if inside else None


def _position(document: Document, off: _Offsets, entities: list[Entity | None], fp: FoundPosition,
              claims: list[tuple[FoundClaim, Claim]]) -> Position:
    """A found position in the model: a title or an apposition is the narrator's even inside a claim
    that is no quotation, as a descriptive relation is."""
    name = position_name(fp.rule)
    claim = _claim_of(claims, fp.anchor)
    if claim is not None and name.descriptive and next(fc for fc, c in claims if c.id == claim).rule != "claim-quote":
        claim = None
    org = entities[fp.organisation] if fp.organisation is not None else None
    return Position(entities[fp.holder], fp.office, org, fp.former, fp.began, fp.ended,
                    off.provenance(document.id, fp.start, fp.end, fp.rule, name.confidence), claim)


def _failed(document: Document, exc: Exception) -> ReadProblem:
    """The problem of a document whose extraction raised ``exc``."""
    return ReadProblem(document.source, f"not extracted: {type(exc).__name__}: {str(exc)[:200]}")


def accurate_model(folder=None) -> Combined:
    """The accurate relation classifier: the shipped transformer (or the one in ``folder``) with the
    shipped logistic regression, at the transformer's ``combined_threshold``."""
    encoder = EncoderModel.load(folder) if folder is not None else EncoderModel.load()
    regression = RelationClassifier.load()
    where = folder or "kg/models/encoder"
    if encoder is None or regression is None:
        raise ValueError(f"the accurate model is not installed ({where}/encoder.onnx and kg/models/relations.json): "
                         "make it with kg train encoder, or use the fast model")
    if "combined_threshold" not in encoder.meta:
        raise ValueError(f"{where}/meta.json has no combined_threshold (kg train encoder does not pick one): "
                         "run bench/encoder_cv.py CV_DIR --model DIR --write on its cross-validation folder")
    return Combined(encoder, regression, float(encoder.meta["combined_threshold"]))


class Extractor:
    """Turns documents into extractions; holds the loaded model and lexicons."""

    def __init__(self, classifier: RelationClassifier | EncoderModel | Combined | None | bool = True, model: str = "fast") -> None:
        """``classifier``: True for the shipped relation classifier of ``model`` ("fast": the logistic
        regression, "accurate": the transformer of kg/models/encoder/), False for rules only, or a
        classifier. An accurate model that is not installed is a ValueError."""
        if model not in RELATION_MODELS:
            raise ValueError(f"unknown model {model!r}: one of {', '.join(RELATION_MODELS)}")
        self.gaz = Gazetteer.load()
        self.model = model
        if classifier is True and model == "accurate":
            classifier = accurate_model()
        self.classifier = RelationClassifier.load() if classifier is True else (classifier or None)

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        """Extractions of many documents, in order; spaCy parses them in batches."""
        return self.stream(documents, batch_size)

    def stream(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        """Extractions of a stream of documents, cleaned and parsed one batch at a time."""
        pairs = ((d, clean(d.text)) for d in documents)
        buf: list[tuple[Document, CleanText]] = []
        for pair in pairs:
            buf.append(pair)
            if len(buf) >= batch_size:
                yield from self._run(buf, batch_size)
                buf = []
        if buf:
            yield from self._run(buf, batch_size)

    def results(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction | ReadProblem]:
        """Like ``stream``, but a document that cannot be extracted is a problem, in its place, and the
        others go on: one longer than the parser takes (spaCy's ``max_length``, after cleaning) is
        skipped with that reason, and an error while extracting one is reported for it alone."""
        limit = load_nlp().max_length
        buf: list[tuple[Document, CleanText | ReadProblem]] = []
        for document in documents:
            try:
                ct: CleanText | ReadProblem = clean(document.text)
            except Exception as exc:     # noqa: BLE001 - reported for this document alone
                ct = _failed(document, exc)
            if isinstance(ct, CleanText) and len(ct.text) > limit:
                ct = ReadProblem(document.source, f"{len(ct.text):,} characters, more than the parser takes "
                                                  f"({limit:,}): split the article to read it")
            buf.append((document, ct))
            if len(buf) >= batch_size:
                yield from self._run_each(buf, batch_size)
                buf = []
        if buf:
            yield from self._run_each(buf, batch_size)

    def _run(self, buf, batch_size) -> Iterator[Extraction]:
        for (document, ct), sdoc in zip(buf, parse((c.text for _, c in buf), batch_size)):
            yield self._extract(document, ct, sdoc)

    def _run_each(self, buf, batch_size) -> Iterator[Extraction | ReadProblem]:
        """A batch parsed together, or one by one when that fails; each document extracted alone."""
        texts = [ct.text for _, ct in buf if isinstance(ct, CleanText)]
        try:
            sdocs = iter(list(parse(texts, batch_size)))
        except Exception:                # noqa: BLE001 - the batch again, one document at a time
            sdocs = None
        for document, ct in buf:
            if isinstance(ct, ReadProblem):
                yield ct
                continue
            try:
                yield self._extract(document, ct, next(sdocs) if sdocs else next(parse([ct.text])))
            except Exception as exc:     # noqa: BLE001 - reported for this document alone
                yield _failed(document, exc)

    def _extract(self, document: Document, ct: CleanText, sdoc: Doc) -> Extraction:
        if ct.title and not document.title:
            document = replace(document, title=ct.title)
        off = _Offsets(sdoc, ct)
        if not off.sentences:
            return Extraction(document, warnings=("no text left after cleaning",))
        res = resolve(sdoc, find_mentions(sdoc, self.gaz), self.gaz)
        entities, made = _entities(res, sdoc, off)
        ix = EntityIndex(sdoc, res)
        claims: list[tuple[FoundClaim, Claim]] = []
        for fc in find_claims(sdoc, ix):
            prov = off.provenance(document.id, fc.start, fc.end, fc.rule, fc.confidence)
            cs, ce = off.chars(fc.content_start, fc.content_end)
            text = document.text[cs:ce]
            speaker = entities[fc.speaker] if fc.speaker is not None else None
            cid = digest(prov.start, prov.end, cs, ce, size=12)
            claims.append((fc, Claim(cid, speaker, fc.speaker_text, fc.cue, " ".join(text.split()), prov)))
        claims_by_id = {c.id: fc for fc, c in claims}
        relations = []
        for f in find_relations(sdoc, ix, self.classifier):
            s, o = entities[f.subject], entities[f.object]
            if s is None or o is None or s.key == o.key:
                continue
            conf = f.confidence if f.confidence is not None else confidence(f.rule)
            prov = off.provenance(document.id, f.start, f.end, f.rule, conf)
            claim = _claim_of(claims, f.anchor)
            if claim is not None and claims_by_id[claim].rule != "claim-quote" and _descriptive(f, sdoc):
                claim = None      # "Real Madrid striker X will join Y, according to reports": the
                                  # narrator's description of X is no part of what is reported
            relations.append(Relation(s, f.predicate, o, prov, f.negated, f.modality, claim,
                                      _mention_at(res, made, f.subject_token, f.subject),
                                      _mention_at(res, made, f.object_token, f.object)))
        events = [self._event(document, off, entities, fe, place_of(ix, fe), _claim_of(claims, fe.verb))
                  for fe in find_clause_events(sdoc, ix, document.date)]
        positions = [_position(document, off, entities, fp, claims) for fp in find_positions(sdoc, ix, document.date)
                     if entities[fp.holder] is not None]
        used = {r.subject.key for r in relations} | {r.object.key for r in relations}
        named = [e for e in entities if e is not None and (any(e.named_by(m) for m in e.mentions) or e.key in used)]
        unique = {e.key: e for e in named}
        return Extraction(document, tuple(off.sentences), tuple(unique.values()), tuple(relations),
                          tuple(c for _, c in claims), tuple(events), _values(document.text, sdoc, off),
                          positions=tuple(positions))

    @staticmethod
    def _event(document, off, entities, fe: FoundClauseEvent, place_k: int | None,
               claim: str | None) -> Event:
        conf = event_verbs.CONFIDENCE if fe.etype != "Event" else event_verbs.GENERIC_CONFIDENCE
        prov = off.provenance(document.id, fe.start, fe.end, event_verbs.RULE, conf)
        args = tuple(_argument(document, off, entities, a) for a in fe.args)
        role = lambda name: next((a.entity for a in args if a.role == name and a.entity is not None), None)  # noqa: E731
        recipient = role("recipient")          # "handed the presidency to Tokayev": Tokayev took it
        agent, patient = role("agent"), role("patient") or (recipient if recipient is not None
                                                            and recipient.etype == "Person" else None)
        place = entities[place_k] if place_k is not None else None
        eid = digest(fe.etype, prov.start, prov.end, fe.verb, size=12)
        amounts = tuple(f.amount for f in fe.amounts)
        return Event(eid, fe.etype, _label(fe, args), prov, agent, patient, place, fe.date, fe.count,
                     fe.qualifier, fe.count_text, claim, fe.lemma, fe.phrase, args, fe.negated, fe.modality, amounts)


def _argument(document: Document, off: _Offsets, entities: list[Entity | None], a: FoundArg) -> Argument:
    s, e = off.chars(a.start, a.end)
    group = Group(a.group.key, a.group.kind, a.group.label) if a.group is not None else None
    phrase = None
    if a.phrase is not None:
        ps, pe = off.chars(*a.phrase)
        phrase = " ".join(document.text[ps:pe].split())
    return Argument(a.role, " ".join(document.text[s:e].split()), entities[a.entity] if a.entity is not None
                    else None, group, a.prep, phrase)


def _label(fe: FoundClauseEvent, args: tuple[Argument, ...]) -> str:
    """"arrest: police arrested two men": the class, then who did what to whom as written."""
    first = args[0] if args and fe.verb > 0 else None      # the subject, written before its verb
    before = [first.text] if first is not None and first.prep is None and first.role in ("agent", "patient") else []
    after = [a.text for a in args if a.role in ("patient", "recipient", "attribute") and a.text not in before][:2]
    words = " ".join(before + [fe.phrase] + after)
    if len(words) > 120:
        words = words[:117] + "..."
    return f"{fe.label}: {words}"
