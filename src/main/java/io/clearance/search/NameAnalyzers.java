package io.clearance.search;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How a legal name becomes terms: legal-form words removed ({@link LegalForms}), words split by Unicode's
 * rules, lower-cased, accents folded ("Société" finds "societe"), full-width forms and CJK characters paired
 * into bigrams. The {@code name} field holds those words; {@code grams} holds their three-letter pieces, so
 * that a misspelt or partly typed name still finds the party.
 */
final class NameAnalyzers {

    static final String ID = "id";
    static final String NAME = "name";
    static final String GRAMS = "grams";
    static final String COUNTRY = "country";

    private NameAnalyzers() {}

    /** The analyser of every field of the index. */
    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(NAME, words(), GRAMS, grams()));
    }

    static Analyzer words() {
        return new NameAnalyzer(false);
    }

    static Analyzer grams() {
        return new NameAnalyzer(true);
    }

    private static final class NameAnalyzer extends Analyzer {
        private final boolean grams;

        NameAnalyzer(boolean grams) {
            this.grams = grams;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new PatternReplaceCharFilter(LegalForms.PATTERN, " ", reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new CJKBigramFilter(
                    stream,
                    CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL,
                    true);
            if (grams) {
                stream = new NGramTokenFilter(stream, 3, 3, true);
            }
            return new TokenStreamComponents(source, stream);
        }
    }
}
