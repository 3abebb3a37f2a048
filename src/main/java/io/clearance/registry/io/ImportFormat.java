package io.clearance.registry.io;

import io.clearance.registry.ImportReport;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The published registry formats an import job reads, by the name {@code POST /v1/registry/imports?format=} takes,
 * each with the source its records are attributed to. Every reader streams: memory does not grow with the
 * file.
 */
public enum ImportFormat {
    GLEIF_LEI_JSON("gleif-lei-json", "gleif"),
    GLEIF_LEI_CSV("gleif-lei-csv", "gleif"),
    GLEIF_RR_JSON("gleif-rr-json", "gleif"),
    GLEIF_RR_CSV("gleif-rr-csv", "gleif"),
    UK_PSC("uk-psc", "uk-psc"),
    BODS("bods", "bods"),
    OPENSANCTIONS("opensanctions", "opensanctions");

    /** What a reader needs beyond the file. */
    public record Options(String countryIfUnknown) {
        public static final Options DEFAULT = new Options(null);
    }

    private final String wireName;
    private final String source;

    ImportFormat(String wireName, String source) {
        this.wireName = wireName;
        this.source = source;
    }

    public String wireName() {
        return wireName;
    }

    /** The provenance source of what this format's files state. */
    public String source() {
        return source;
    }

    public static Optional<ImportFormat> ofWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** Reads {@code in} into {@code sink}, refusals and counts into {@code report}. */
    public void read(InputStream in, RegistrySink sink, ImportReport report, Options options) throws IOException {
        switch (this) {
            case GLEIF_LEI_JSON -> GleifEntityReader.readJson(in, sink, report);
            case GLEIF_LEI_CSV -> GleifEntityReader.readCsv(in, sink, report);
            case GLEIF_RR_JSON -> GleifRelationshipReader.readJson(in, sink, report);
            case GLEIF_RR_CSV -> GleifRelationshipReader.readCsv(in, sink, report);
            case UK_PSC -> UkPscReader.read(in, sink, report, options.countryIfUnknown());
            case BODS -> BodsStreamReader.read(in, sink, report, options.countryIfUnknown());
            case OPENSANCTIONS -> OpenSanctionsReader.read(in, sink, report, options.countryIfUnknown());
        }
    }
}
