"""The Elasticsearch index: English analysis with the service synonyms, one document per record.

Every kind shares one index (behind an alias), so one query can search and facet across kinds.
Only analysis the test node offers is used (standard tokenizer, lowercase, asciifolding, stemmer,
stop, synonym_graph): see scripts/search-node.sh.
"""

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search import synonyms

english_stemmer = token_filter("portal_stemmer", type="stemmer", language="english")
# "Trafford's" -> "Trafford" before stemming (Porter alone leaves "trafford'").
english_possessive = token_filter(
    "portal_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("portal_stop", type="stop", stopwords="_english_")
service_synonyms = token_filter(
    "portal_synonyms", type="synonym_graph", synonyms=synonyms.solr_rules()
)

# Stop words go last: a synonym phrase such as "meals on wheels" must keep its positions when
# the rules are analysed. The index and search chains differ only by the synonyms.
portal_text = analyzer(
    "portal_text",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", english_possessive, english_stemmer, english_stop],
)
portal_search = analyzer(
    "portal_search",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        english_possessive,
        english_stemmer,
        service_synonyms,
        english_stop,
    ],
)
# The words as written (not stemmed), for the spelling suggester ("Did you mean").
portal_words = analyzer(
    "portal_words",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", english_possessive],
)


def text_field(**kwargs):
    return Text(analyzer=portal_text, search_analyzer=portal_search, **kwargs)


def facet_field():
    # Facet counts run on every search: build their global ordinals at refresh, not at query.
    return Keyword(eager_global_ordinals=True)


class RecordDocument(Document):
    """A public record (search.registry.SearchRecord) as Elasticsearch stores it."""

    kind = facet_field()
    object_id = Keyword()
    title = text_field(fields={"raw": Keyword()}, copy_to="all_text")
    summary = text_field(copy_to="all_text")
    body = text_field(copy_to="all_text")
    # title, summary, body and authority names together: every word, in any of them
    all_text = text_field(fields={"words": Text(analyzer=portal_words)})
    url = Keyword(index=False)
    date = Date()
    year = facet_field()
    authority = facet_field()
    authority_names = text_field(copy_to="all_text")  # "Stockport" finds Stockport's records
    region = facet_field()
    category = facet_field()
    outcome = facet_field()
    ground = facet_field()
    suggest = Completion(analyzer="simple")

    @classmethod
    def source(cls, record) -> dict:
        """The _source for a record; built directly (cheaper than a Document per record)."""
        return {
            "kind": record.kind,
            "object_id": str(record.object_id),
            "title": record.title,
            "summary": record.summary,
            "body": record.body,
            "url": record.url,
            "date": record.date.isoformat() if record.date else None,
            "year": str(record.date.year) if record.date else None,
            "authority": record.authority,
            "authority_names": record.authority_names,
            "region": record.region,
            "category": record.category,
            "outcome": record.outcome,
            "ground": record.ground,
            "suggest": suggestion_inputs(record.title),
        }

    class Index:
        name = "portal-public"  # replaced by the configured alias (search.backends.elastic)
        settings = {"number_of_shards": 1}


def suggestion_inputs(title: str, most: int = 12) -> list[dict]:
    """The title from each of its words on ("Leisure centres and swimming pools", "centres and
    swimming pools", ...), so that the completion suggester matches words inside titles; a
    title that starts with the prefix weighs more."""
    words = title.split()
    rest = [" ".join(words[i:])[:200] for i in range(1, min(len(words), most))]
    return [{"input": [title[:200]], "weight": 2}] + (
        [{"input": rest, "weight": 1}] if rest else []
    )


def replica_settings(replicas: str) -> dict:
    """The index settings for SEARCH_INDEX_REPLICAS (validated by portal.settings.config).

    A number is a fixed number_of_replicas. A range ("0-1") is auto_expand_replicas:
    Elasticsearch keeps as many replicas as the data nodes allow within it, so the default
    gives one replica on a cluster (a copy survives losing a node) and none on a single node
    (which could never hold the replica, and would report yellow for ever).
    """
    if "-" in replicas:
        return {"auto_expand_replicas": replicas}
    return {"number_of_replicas": int(replicas)}
