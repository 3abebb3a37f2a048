package io.clearance.search;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Name search over every party of the ownership graph: a Lucene index in memory, ranked by similarity of
 * the normalised legal names ({@link NameAnalyzers}), optionally within one country.
 *
 * <p>Kept in step with the graph without slowing its writers: the graph tells this index which parties
 * changed (inside its write lock, so this listener only notes their ids); the next search applies the noted
 * changes before it reads, so a search never answers from a registry older than the one it was asked of. A
 * graph reloaded in one go (start, an import) is indexed again whole by the next search.
 */
@ApplicationScoped
public class PartySearch implements GraphChangeListener {

    /** The most results one search returns. */
    public static final int MAX_RESULTS = 100;

    private final OwnershipGraph graph;
    private final Analyzer analyzer = NameAnalyzers.perField();
    private final Analyzer words = NameAnalyzers.words();
    private final Analyzer grams = NameAnalyzers.grams();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean rebuild = true;

    @Inject
    PartySearch(OwnershipGraph graph) {
        this.graph = graph;
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        graph.addListener(this);
    }

    @Override
    public void changed(Kind kind, List<String> roots) {
        if (kind == Kind.RELOAD) {
            rebuild = true;
        } else if (kind == Kind.PARTY) {
            pending.addAll(roots);
        }
    }

    /**
     * The parties whose names are most like {@code text}, best first.
     *
     * @param country an ISO 3166-1 alpha-2 code the parties must have, or {@code null} for any
     */
    public List<PartyMatch> search(String text, String country, int limit) {
        catchUp();
        Query query = query(text, country);
        if (query == null) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<PartyMatch> matches = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query, Math.min(limit, MAX_RESULTS)).scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc);
                    matches.add(new PartyMatch(
                            doc.get(NameAnalyzers.ID),
                            doc.get(NameAnalyzers.NAME),
                            doc.get(NameAnalyzers.COUNTRY),
                            hit.score));
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The words of the name, each exactly (weighted most) or within an edit or two, and its three-letter
    // pieces: a party matches on any, and ranks by how many and how rare.
    private Query query(String text, String country) {
        BooleanQuery.Builder names = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : terms(words, NameAnalyzers.NAME, text)) {
            Term term = new Term(NameAnalyzers.NAME, word);
            names.add(new BoostQuery(new TermQuery(term), 3f), BooleanClause.Occur.SHOULD);
            if (word.codePointCount(0, word.length()) > 3) {
                names.add(new FuzzyQuery(term, word.length() > 7 ? 2 : 1), BooleanClause.Occur.SHOULD);
            }
            any = true;
        }
        for (String gram : terms(grams, NameAnalyzers.GRAMS, text)) {
            names.add(new TermQuery(new Term(NameAnalyzers.GRAMS, gram)), BooleanClause.Occur.SHOULD);
        }
        if (!any) {
            return null; // nothing but legal-form words or punctuation: nothing to look for
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(names.build(), BooleanClause.Occur.MUST);
        if (country != null) {
            query.add(
                    new TermQuery(new Term(NameAnalyzers.COUNTRY, country.toUpperCase(Locale.ROOT))),
                    BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    private static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // BooleanQuery takes at most 1024 clauses; a name of a few hundred characters stays well below.
        return terms.size() > 300 ? terms.subList(0, 300) : terms;
    }

    // Applies the changes the graph noted since the last search, under one lock so two searches do not
    // index the same parties twice.
    private synchronized void catchUp() {
        try {
            if (rebuild) {
                rebuild = false;
                pending.clear();
                writer.deleteAll();
                List<PartyInfo> parties = graph.read(() -> {
                    List<PartyInfo> all = new ArrayList<>(graph.partyCount());
                    for (String id : graph.partyIds()) {
                        graph.party(id).ifPresent(all::add);
                    }
                    return all;
                });
                for (PartyInfo party : parties) {
                    writer.addDocument(document(party));
                }
            } else if (!pending.isEmpty()) {
                for (String id : List.copyOf(pending)) {
                    pending.remove(id); // before reading it: a change noted after this is applied next time
                    Term key = new Term(NameAnalyzers.ID, id);
                    var party = graph.party(id);
                    if (party.isPresent()) {
                        writer.updateDocument(key, document(party.get()));
                    } else {
                        writer.deleteDocuments(key);
                    }
                }
            } else {
                return;
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(PartyInfo party) {
        Document doc = new Document();
        doc.add(new StringField(NameAnalyzers.ID, party.id(), Field.Store.YES));
        doc.add(new TextField(NameAnalyzers.NAME, party.name(), Field.Store.YES));
        doc.add(new TextField(NameAnalyzers.GRAMS, party.name(), Field.Store.NO));
        doc.add(new StringField(NameAnalyzers.COUNTRY, party.country(), Field.Store.YES));
        return doc;
    }

    @PreDestroy
    void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
