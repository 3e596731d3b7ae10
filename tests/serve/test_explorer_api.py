"""What the explorer page asks `kg serve` (/api/...), on a real server of the seed export."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from serving import server  # noqa: F401  (the fixture)

TOKAYEV = "https://newskg.dev/id/person/kassym-jomart-tokayev"
CSTO = "https://newskg.dev/id/alliance/collective-security-treaty-organization"


def api(base: str, path: str, **params):
    url = base + "api/" + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_search_by_name_and_by_alias(server):
    status, hits = api(server, "search", q="Tokayev")
    assert status == 200 and hits[0]["iri"] == TOKAYEV and hits[0]["group"] == "Person"
    _, hits = api(server, "search", q="otsc")            # an alias only
    assert hits[0]["iri"] == CSTO and hits[0]["label"] == "Collective Security Treaty Organization"
    assert hits[0]["match"] == "otsc"
    _, hits = api(server, "search", q="kaz")             # a name that starts so comes first
    assert hits[0]["label"].lower().startswith("kaz") and len(hits) >= 2
    assert api(server, "search", q="   ")[1] == [] and api(server, "search", q="zzzz-nothing")[1] == []


def test_a_node_with_its_facts_events_and_claims_and_their_evidence(server):
    status, data = api(server, "node", iri=TOKAYEV)
    assert status == 200 and data["node"]["label"] == "Kassym-Jomart Tokayev" and data["node"]["aliases"] == ["Tokayev"]
    kinds = {e["kind"] for e in data["edges"]}
    assert {"fact", "role", "speaker"} <= kinds
    arrest = next(e for e in data["edges"] if e["kind"] == "fact" and e["label"] == "arrested")
    evidence = arrest["evidence"][0]
    assert arrest["to"] == "https://newskg.dev/id/person/karim-masimov"
    assert evidence["sentence"].startswith("Speculation was fueled after Tokayev arrested")
    assert evidence["title"].startswith("President of Kazakhstan says order restored")
    assert evidence["confidence"] == 0.8 and evidence["rule"] == "verb:arrest" and evidence["version"].startswith("newskg")
    assert evidence["published"] == "2022-01-10"
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    events = [n for n in data["nodes"] if n["group"] == "Event"]
    assert events and all("top" in n and "asserted" in n for n in events)


def test_a_node_that_is_no_iri_is_refused(server):
    status, text = api(server, "node", iri="> } DROP ALL { <")
    assert status == 400 and "not an IRI" in text
    status, data = api(server, "node", iri="https://newskg.dev/id/person/nobody")
    assert status == 200 and data["edges"] == []


def test_the_page_gets_the_readme_examples_and_the_colours(server):
    status, page = api(server, "page")
    names = {e["name"] for e in page["examples"]}
    assert status == 200 and {"facts", "claims", "aliases", "by-class"} <= names
    assert page["target"] == "seed.trig" and page["style"]["groups"]["Person"].startswith("#")


def test_describe_answers_in_rdf(server):
    query = "DESCRIBE <https://newskg.dev/id/person/karim-masimov>"
    request = urllib.request.Request(server + "sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as r:
        body = r.read().decode()
    assert r.headers["Content-Type"].startswith("application/n-triples")
    assert '<https://newskg.dev/id/person/karim-masimov> <http://www.w3.org/2000/01/rdf-schema#label> "Karim Masimov"' \
        in body
