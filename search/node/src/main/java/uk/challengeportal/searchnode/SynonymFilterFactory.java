package uk.challengeportal.searchnode;

import org.apache.logging.log4j.LogManager;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.StringReader;
import java.util.List;
import java.util.function.Function;

/**
 * `synonym` / `synonym_graph` filters (normally in analysis-common) with ES's settings:
 * `synonyms` (inline rules) or `synonyms_path`, `format` (solr | wordnet), `expand`,
 * `lenient`, `updateable` (search-time only, reloadable). Not supported: `synonyms_set`
 * (the synonyms API): give rules inline or in a file.
 *
 * As in ES, rules are analysed with the part of the analyzer that precedes this filter
 * (tokenizer, char filters, earlier token filters), so with lowercase + stemmer before it
 * "youth clubs" and "youth club" both hit the rule "youth club, youth service".
 */
class SynonymFilterFactory extends AbstractTokenFilterFactory {

    private final boolean graph;
    private final boolean expand;
    private final boolean lenient;
    private final boolean wordnet;
    private final List<String> rules;
    private final AnalysisMode analysisMode;

    SynonymFilterFactory(boolean graph, Environment env, String name, Settings settings) {
        super(name, settings);
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException("[synonyms_set] is not supported by the test search node; use [synonyms]");
        }
        this.rules = Analysis.getWordList(env, settings, "synonyms"); // `synonyms` list or `synonyms_path` file
        if (rules == null) {
            throw new IllegalArgumentException("synonym requires either `synonyms` or `synonyms_path` to be configured");
        }
        this.graph = graph;
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        this.wordnet = "wordnet".equalsIgnoreCase(settings.get("format", "solr"));
        this.analysisMode = settings.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("synonym filters are built per analysis chain (getChainAwareTokenFilterFactory)");
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        TokenFilterFactory[] previous = previousTokenFilters.stream()
            .map(TokenFilterFactory::getSynonymFilter)
            .toArray(TokenFilterFactory[]::new);
        SynonymMap map;
        try (Analyzer analyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]), previous)) {
            map = buildMap(analyzer);
        }
        String name = name();
        AnalysisMode mode = analysisMode;
        return new TokenFilterFactory() {
            public String name() { return name; }

            @SuppressWarnings("deprecation") // SynonymFilter: ES still offers the non-graph `synonym` type
            public TokenStream create(TokenStream in) {
                if (map.fst == null) {
                    return in; // no rules
                }
                return graph ? new SynonymGraphFilter(in, map, false) : new SynonymFilter(in, map, false);
            }

            // synonyms aren't applied to the rules of a later synonym filter (as in ES)
            public TokenFilterFactory getSynonymFilter() { return IDENTITY_FILTER; }

            public AnalysisMode getAnalysisMode() { return mode; }
        };
    }

    private SynonymMap buildMap(Analyzer analyzer) {
        try {
            SynonymMap.Parser parser = wordnet
                ? new WordnetSynonymParser(true, expand, analyzer)
                : new SolrSynonymParser(true, expand, analyzer);
            if (lenient && wordnet == false) {
                for (String rule : rules) { // one rule at a time, so a bad rule is skipped, not fatal
                    try {
                        parser.parse(new StringReader(rule));
                    } catch (Exception e) {
                        LogManager.getLogger(SynonymFilterFactory.class).warn("[{}] skipping synonym rule [{}]: {}", name(), rule, e.getMessage());
                    }
                }
            } else {
                parser.parse(new StringReader(String.join("\n", rules)));
            }
            return parser.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]: " + e.getMessage(), e);
        }
    }
}
