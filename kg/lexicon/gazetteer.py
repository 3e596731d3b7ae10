"""General-knowledge gazetteers: places, organisations, demonyms and person-name spellings.

The knowledge is DATA, in TOML files under ``kg/lexicon/`` (read with the stdlib ``tomllib``):

* ``places.toml``            ``[[country]]``, ``[[region]]`` and ``[[city]]`` tables;
* ``organizations.toml``     ``[[organization]]`` tables with an ontology ``class``;
* ``transliterations.toml``  ``[tokens]`` and ``[phrases]`` mapping name spellings to English ones.

Each file is checked against its schema (kg/lexicon/schema.py) when it is read.

This module only indexes it. It imports neither spaCy nor rdflib: ``ruler_patterns()`` returns plain
dicts for a spaCy ``EntityRuler`` (or kg/nlp/ruler.py, which matches the same patterns faster) built elsewhere.

Matching rules
--------------
* A surface form with no lowercase letter ("US", "U.S.", "CSTO", "G7") is an acronym and is matched
  case-sensitively, so "us" is not the United States. Every other form is matched case-insensitively.
* ``lookup`` strips a leading "the " and a trailing "'s"/"’s" (or a bare "'" after s); names that
  start with "The " ("The Hague", "The Guardian") are also indexed without the article.
* Diacritics are significant in names (the data lists diacritic-free spellings explicitly) but not in
  transliteration keys.
* Demonyms must start with a capital letter ("Polish", not "polish"); regular plurals are derived.

Entity ids are slugs of the canonical name by ``kg.ids.slug``, the function ``kg.rdf.iris`` mints IRIs with.
"""
from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.ids import slug
from kg.lexicon.schema import check

LEXICON_DIR = Path(__file__).resolve().parent

PLACE_CLASSES = frozenset({"Country", "City", "Region"})
ORG_CLASSES = frozenset({"Organization", "GovernmentBody", "SecurityForce", "Alliance",
                         "PoliticalParty", "MediaOrganization", "Company"})
ENTITY_CLASSES = PLACE_CLASSES | ORG_CLASSES | {"Person"}

#: EntityRuler label for each entity class.
RULER_LABEL = {**{c: "GPE" for c in PLACE_CLASSES}, **{c: "ORG" for c in ORG_CLASSES},
               "Person": "PERSON"}

#: Second parts of attributive compounds whose first part names a country: "Russian-led".
ATTRIBUTIVE_SUFFIXES = frozenset({
    "led", "backed", "based", "born", "made", "owned", "controlled", "run", "brokered", "funded",
    "sponsored", "supported", "allied", "aligned", "installed", "trained", "armed", "occupied",
    "held", "operated", "registered", "flagged", "bound", "linked", "leaning", "friendly",
})

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|(?<=[sS])')$")
_ATTRIBUTIVE = re.compile(r"^(.+?)-([A-Za-z]+)$")
_NO_PLURAL = re.compile(r"(?:sh|ch|ss|ese|ic|tho|[sxzy])$")
_NO_PLURAL_WORDS = frozenset({"Balkan", "Philippine", "Ni-Vanuatu", "I-Kiribati"})


def _clean(text: str) -> str:
    """Unify apostrophes and dashes, collapse whitespace."""
    return " ".join(text.translate(_APOSTROPHES).translate(_DASHES).split())


def _fold(text: str) -> str:
    """Case- and diacritic-insensitive key (for transliterations)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def is_acronym(form: str) -> bool:
    """A form with letters but no lowercase letter ("US", "U.S.", "G7") is matched case-sensitively."""
    return any(c.isalpha() for c in form) and not any(c.islower() for c in form)


def demonym_plural(demonym: str) -> str | None:
    """Regular plural of a demonym: Kazakh -> Kazakhs, Frenchman -> Frenchmen; None for Swiss, British..."""
    if demonym in _NO_PLURAL_WORDS:
        return None
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    if _NO_PLURAL.search(demonym):
        return None
    return demonym + "s"


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer entity.

    ``aliases`` holds every other surface form (acronyms included); ``country`` is the containing or
    home country's canonical name; ``ambiguous`` lists forms that ``lookup`` resolves but that
    ``ruler_patterns`` leaves out; ``capital`` is set for countries.
    """
    name: str
    etype: str
    aliases: tuple[str, ...]
    country: str | None = None
    demonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    capital: str | None = None

    @property
    def id(self) -> str:
        """Slug of the canonical name (the EntityRuler pattern id)."""
        return slug(self.name)

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


# ----------------------------------------------------------------------------------------------
# tokenisation (an approximation of spaCy's English tokenizer, for building token patterns)

_PREFIX_CHARS = "\"'“‘([{"
_SUFFIX_CHARS = "\"'”’)]},;:!?"
_KEEP_DOT = frozenset({"St.", "Co.", "Corp.", "Inc.", "Ltd.", "Bros.", "Jr.", "Dr.", "Mr.", "Mrs.",
                       "Ms.", "Mt.", "Gen.", "Gov.", "Sen.", "Rep.", "Prof.", "Rev.", "D.C.",
                       # US state abbreviations that spaCy's tokenizer keeps whole
                       "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ill.", "Ind.", "Kan.",
                       "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
                       "Nebr.", "Nev.", "Okla.", "Ore.", "Pa.", "Tenn.", "Va.", "Wash.", "Wis."})
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$")
_INFIX = re.compile(r"(?<=[^\W_])([-/])(?=[^\W\d_])|(?<=[^\W\d_]),(?=[^\W\d_])")


def simple_tokenize(text: str) -> list[str]:
    """Split a name the way spaCy's English tokenizer does for the forms in the lexicon.

    "al-Qaeda" -> ["al", "-", "Qaeda"]; "People's" -> ["People", "'s"]; "U.S." stays one token.
    Pass spaCy's own tokenizer to ``ruler_patterns`` to avoid any divergence.
    """
    tokens: list[str] = []
    for chunk in text.split():
        prefix: list[str] = []
        while chunk and chunk[0] in _PREFIX_CHARS and len(chunk) > 1:
            prefix.append(chunk[0])
            chunk = chunk[1:]
        suffix: list[str] = []
        while chunk:
            if len(chunk) > 2 and chunk[-2:].lower() in ("'s", "’s"):
                suffix.insert(0, chunk[-2:])
                chunk = chunk[:-2]
            elif len(chunk) > 1 and chunk[-1] in _SUFFIX_CHARS:
                suffix.insert(0, chunk[-1])
                chunk = chunk[:-1]
            elif (len(chunk) > 1 and chunk.endswith(".") and chunk not in _KEEP_DOT
                  and not _INITIALISM.match(chunk)):
                suffix.insert(0, ".")
                chunk = chunk[:-1]
            else:
                break
        tokens.extend(prefix)
        if chunk:
            pos = 0
            for m in _INFIX.finditer(chunk):
                tokens.append(chunk[pos:m.start()])
                tokens.append(m.group(0))
                pos = m.end()
            tokens.append(chunk[pos:])
        tokens.extend(suffix)
    return [t for t in tokens if t]


def _token_spec(token: str, exact: bool) -> dict:
    """Pattern for one token: ORTH for acronym tokens and demonyms, LOWER otherwise; a capitalised
    token must not appear all-lowercase ("West Bank" but not "west bank")."""
    variants = [token]
    if "'" in token:
        variants.append(token.replace("'", "’"))
    if exact or (len(token) > 1 and is_acronym(token)) or not any(c.isalpha() for c in token):
        return {"ORTH": token} if len(variants) == 1 else {"ORTH": {"IN": variants}}
    lowered = [v.lower() for v in variants]
    spec: dict = {"LOWER": lowered[0]} if len(lowered) == 1 else {"LOWER": {"IN": lowered}}
    if any(c.isupper() for c in token):
        spec["IS_LOWER"] = False
    return spec


# ----------------------------------------------------------------------------------------------


class Gazetteer:
    """Indexes gazetteer entries and name transliterations for lookup and EntityRuler patterns."""

    def __init__(self, entries: Iterable[GazEntry],
                 transliterations: Mapping[str, str] | None = None) -> None:
        self._entries: tuple[GazEntry, ...] = tuple(entries)
        self._by_id: dict[str, GazEntry] = {}
        self._exact: dict[str, GazEntry] = {}       # acronyms, case-sensitive
        self._folded: dict[str, GazEntry] = {}      # other forms, casefolded
        self._demonyms: dict[str, GazEntry] = {}    # casefolded demonyms and their plurals
        self._clashes: dict[str, set[str]] = {}
        for e in self._entries:
            self._by_id.setdefault(e.id, e)
            for form in e.forms:
                for f in self._index_forms(form):
                    if is_acronym(f):
                        self._add(self._exact, f, e)
                    else:
                        self._add(self._folded, f.casefold(), e)
            for d in e.demonyms:
                for f in filter(None, (d, demonym_plural(d))):
                    self._add(self._demonyms, _clean(f).casefold(), e)
        self._tokens: dict[str, str] = {}
        self._phrases: list[tuple[re.Pattern[str], str]] = []
        for variant, spelling in (transliterations or {}).items():
            if len(re.split(r"\s+", variant.strip())) == 1:
                self._tokens[_fold(_clean(variant))] = spelling
            else:
                self._add_phrase(variant, spelling)
        self._phrases.sort(key=lambda p: -len(p[0].pattern))

    # ---------------------------------------------------------------------------- loading

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Gazetteer:
        """The gazetteer built from the TOML files in ``folder`` (default ``kg/lexicon/``); cached."""
        return _load(Path(folder).resolve() if folder else LEXICON_DIR)

    @classmethod
    def from_data(cls, places: Mapping, organizations: Mapping,
                  transliterations: Mapping | None = None) -> Gazetteer:
        """Build from already-parsed TOML documents (the three lexicon files)."""
        entries: list[GazEntry] = []
        for row in places.get("country", []):
            entries.append(_entry(row, "Country"))
        for row in places.get("region", []):
            entries.append(_entry(row, "Region"))
        for row in places.get("city", []):
            entries.append(_entry(row, "City"))
        for row in organizations.get("organization", []):
            entries.append(_entry(row, row["class"]))
        variants: dict[str, str] = {}
        for table in (transliterations or {}).values():
            variants.update(table)
        return cls(entries, variants)

    # ---------------------------------------------------------------------------- queries

    def entries(self) -> tuple[GazEntry, ...]:
        """All entries: countries, regions, cities, then organisations."""
        return self._entries

    def by_id(self, entity_id: str) -> GazEntry | None:
        """The entry whose canonical-name slug is ``entity_id``."""
        return self._by_id.get(entity_id)

    def lookup(self, text: str) -> GazEntry | None:
        """The entry named ``text``: "the CSTO", "OTSC", "Kazakhstan's", "U.S.", "Kiev".

        Acronyms match case-sensitively ("us" is not the US), everything else case-insensitively.
        A leading "the " and a trailing "'s" are ignored.
        """
        text = _clean(text)
        if not text:
            return None
        bare = _ARTICLE.sub("", text)
        for cand in dict.fromkeys((text, _POSSESSIVE.sub("", text), bare, _POSSESSIVE.sub("", bare))):
            short = cand.rstrip(".,;:!?")     # "Vt" when the tokenizer took its period: "Vt."
            for c in dict.fromkeys((cand, short, short + "." if len(short) <= 4 and short[:1].isupper() else "")):
                if not c:
                    continue
                if c in self._exact:
                    return self._exact[c]
                hit = self._folded.get(c.casefold())
                if hit is not None:
                    return hit
        return None

    def country_of_demonym(self, word: str) -> GazEntry | None:
        """The place a demonym refers to: "Kazakh" -> Kazakhstan, "Russians" -> Russia,
        "Scottish" -> Scotland (a Region).

        An attributive compound "<X>-led", "-backed", "-based", ... resolves when X is a demonym or
        a country's name: "Russian-led" -> Russia, "US-backed" -> United States. Demonyms must be
        capitalised ("polish" is not Polish); "pro-Russian" and "Russian-Ukrainian" give None.
        """
        w = _POSSESSIVE.sub("", _clean(word).strip(_PREFIX_CHARS + _SUFFIX_CHARS + "."))
        hit = self._demonym(w)
        if hit is not None:
            return hit
        m = _ATTRIBUTIVE.match(w)
        if m and m.group(2).lower() in ATTRIBUTIVE_SUFFIXES:
            head = m.group(1)
            hit = self._demonym(head)
            if hit is not None:
                return hit
            place = self.lookup(head)
            if place is not None and place.etype == "Country":
                return place
        return None

    def transliterate(self, name: str) -> str:
        """Rewrite known spelling variants to the English news spelling, token by token:
        "Vladimir Poutine" -> "Vladimir Putin", "Bachar el-Assad" -> "Bashar al-Assad",
        "Mao Tse-tung" -> "Mao Zedong". A possessive or punctuation around a token is kept."""
        for pattern, spelling in self._phrases:
            name = pattern.sub(spelling, name)
        out = []
        for chunk in re.split(r"(\s+)", name):
            if not chunk or chunk.isspace():
                out.append(chunk)
                continue
            m = re.match(r"^([\"'“‘(\[]*)(.*?)((?:['’]s)?[\"'”’)\].,;:!?]*)$", chunk)
            lead, core, tail = m.groups() if m else ("", chunk, "")
            out.append(lead + self._tokens.get(_fold(_clean(core)), core) + tail)
        return "".join(out)

    def clashes(self) -> dict[str, list[str]]:
        """Forms (keys as indexed) that name more than one entry, with the entry ids; the first
        entry wins in ``lookup``. Empty for consistent data."""
        return {k: sorted(v) for k, v in sorted(self._clashes.items())}

    def ruler_patterns(self, tokenize: Callable[[str], list[str]] | None = None,
                       include_ambiguous: bool = False) -> list[dict]:
        """spaCy EntityRuler token patterns: ``{"label", "pattern", "id"}``.

        Label GPE for places, ORG for organisations, NORP for demonyms; the id is the slug of the
        entry's canonical name. Acronym tokens and demonyms use exact ORTH; other tokens use LOWER
        (and a capitalised token may not appear all-lowercase). A leading "The" is kept for
        one-word names ("the Guardian") and dropped for longer ones ("New York Times"). Forms listed
        as ambiguous are left out unless ``include_ambiguous``. ``tokenize`` defaults to
        ``simple_tokenize``; pass ``lambda s: [t.text for t in nlp.tokenizer(s)]`` to use spaCy's.
        """
        tok = tokenize or simple_tokenize
        seen: set[tuple] = set()
        out: list[dict] = []

        def add(label: str, pattern: list[dict], entity_id: str) -> None:
            key = (label, repr(pattern), entity_id)
            if pattern and key not in seen:
                seen.add(key)
                out.append({"label": label, "pattern": pattern, "id": entity_id})

        for e in self._entries:
            label = RULER_LABEL[e.etype]
            for form in e.forms:
                if form in e.ambiguous and not include_ambiguous:
                    continue
                for variant in self._ruler_forms(form, tok):
                    add(label, [_token_spec(t, exact=False) for t in tok(variant)], e.id)
            for d in e.demonyms:
                for f in filter(None, (d, demonym_plural(d))):
                    add("NORP", [_token_spec(t, exact=True) for t in tok(f)], e.id)
        return out

    # ---------------------------------------------------------------------------- internals

    def _add(self, index: dict[str, GazEntry], key: str, entry: GazEntry) -> None:
        other = index.get(key)
        if other is None:
            index[key] = entry
        elif other.id != entry.id:
            self._clashes.setdefault(key, {other.id}).add(entry.id)

    @staticmethod
    def _index_forms(form: str) -> list[str]:
        form = _clean(form)
        bare = _ARTICLE.sub("", form)
        return [form] if bare == form else [form, bare]

    @staticmethod
    def _ruler_forms(form: str, tok: Callable[[str], list[str]]) -> list[str]:
        form = _clean(form)
        bare = _ARTICLE.sub("", form)
        if bare != form and len(tok(bare)) > 1:
            return [bare]
        return [form]

    def _demonym(self, word: str) -> GazEntry | None:
        if not word or not word[0].isupper():
            return None
        return self._demonyms.get(word.casefold())

    def _add_phrase(self, variant: str, spelling: str) -> None:
        for v in dict.fromkeys((variant, unicodedata.normalize("NFKD", variant).encode("ascii", "ignore").decode())):
            parts = [re.escape(p) for p in re.split(r"[\s\-]+", _clean(v).strip()) if p]
            rx = re.compile(r"(?<![\w-])" + r"[\s\-]+".join(parts) + r"(?![\w-])", re.IGNORECASE)
            self._phrases.append((rx, spelling))


def _entry(row: Mapping, etype: str) -> GazEntry:
    if etype not in ENTITY_CLASSES:
        raise ValueError(f"{row.get('name')!r}: unknown class {etype!r}")
    aliases = tuple(dict.fromkeys([*row.get("aliases", ()), *row.get("acronyms", ())]))
    return GazEntry(name=row["name"], etype=etype, aliases=aliases, country=row.get("country"),
                    demonyms=tuple(row.get("demonyms", ())), ambiguous=tuple(row.get("ambiguous", ())),
                    capital=row.get("capital"))


@functools.lru_cache(maxsize=4)
def _load(folder: Path) -> Gazetteer:
    def read(name: str) -> dict:
        path = folder / name
        if not path.exists():
            return {}
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        check(path.stem, data)
        return data
    return Gazetteer.from_data(read("places.toml"), read("organizations.toml"),
                               read("transliterations.toml"))
