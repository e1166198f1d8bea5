package uk.challengeportal.searchnode;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.EnglishStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * The English-language subset of Elasticsearch's analysis-common module, which is not
 * published to Maven Central. Same names and settings as in a normal distribution, built
 * from Lucene's classes (lucene-analysis-common is already a dependency of the server jar).
 * The server itself already provides the `standard` tokenizer and analyzer, the `stop`
 * filter (stopwords: _english_ etc.) and the pre-configured `lowercase` filter.
 */
public class EnglishAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("english", EnglishAnalyzerProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            // `lowercase` as a configurable type ({"type": "lowercase"}); usable in normalizers too
            "lowercase", (indexSettings, env, name, settings) -> normalizing(name, LowerCaseFilter::new),
            "asciifolding", (indexSettings, env, name, settings) -> {
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return new NormalizingTokenFilterFactory() {
                    public String name() { return name; }
                    public TokenStream create(TokenStream in) { return new ASCIIFoldingFilter(in, preserveOriginal); }
                    public TokenStream normalize(TokenStream in) { return new ASCIIFoldingFilter(in, false); }
                };
            },
            "porter_stem", (indexSettings, env, name, settings) -> filter(name, PorterStemFilter::new),
            "stemmer", (indexSettings, env, name, settings) ->
                filter(name, englishStemmer(settings.get("language", settings.get("name", "porter")))),
            // synonyms must be given (inline `synonyms` or `synonyms_path`), hence requiresAnalysisSettings
            "synonym", requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(false, env, name, settings)),
            "synonym_graph", requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(true, env, name, settings))
        );
    }

    /** The English entries of ES's `stemmer` filter (same language names and Lucene classes). */
    static Function<TokenStream, TokenStream> englishStemmer(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "english", "porter" -> PorterStemFilter::new;
            case "light_english", "lightenglish", "kstem" -> KStemFilter::new;
            case "minimal_english", "minimalenglish" -> EnglishMinimalStemFilter::new;
            case "possessive_english", "possessiveenglish" -> EnglishPossessiveFilter::new;
            case "porter2" -> in -> new SnowballFilter(in, new EnglishStemmer());
            default -> throw new IllegalArgumentException(
                "stemmer language [" + language + "] is not available on the test search node (English only: "
                    + "english, porter, light_english, minimal_english, possessive_english, porter2)");
        };
    }

    static TokenFilterFactory filter(String name, Function<TokenStream, TokenStream> create) {
        return new TokenFilterFactory() {
            public String name() { return name; }
            public TokenStream create(TokenStream in) { return create.apply(in); }
        };
    }

    /** For filters that are safe on keyword normalizers and multi-term (prefix/wildcard) queries. */
    static TokenFilterFactory normalizing(String name, Function<TokenStream, TokenStream> create) {
        return new NormalizingTokenFilterFactory() {
            public String name() { return name; }
            public TokenStream create(TokenStream in) { return create.apply(in); }
        };
    }

    /** The `english` analyzer: Lucene's EnglishAnalyzer, with ES's `stopwords` and `stem_exclusion` settings. */
    static class EnglishAnalyzerProvider extends AbstractIndexAnalyzerProvider<EnglishAnalyzer> {
        private final EnglishAnalyzer analyzer;

        EnglishAnalyzerProvider(org.elasticsearch.index.IndexSettings indexSettings,
                                org.elasticsearch.env.Environment env, String name,
                                org.elasticsearch.common.settings.Settings settings) {
            super(name, settings);
            analyzer = new EnglishAnalyzer(
                Analysis.parseStopWords(env, settings, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
        }

        @Override
        public EnglishAnalyzer get() {
            return analyzer;
        }
    }
}
