package io.clearance.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the records a query matches to a stream, one page of records at a time, so an export of millions of
 * records needs the memory of one page. Every stored field is written, hashes included, so an export can
 * be verified away from the server.
 */
@ApplicationScoped
public class AuditExporter {

    static final String[] CSV_HEADER = {
        "seq",
        "decisionId",
        "decidedAt",
        "subject",
        "action",
        "onBehalfOf",
        "decision",
        "errorCode",
        "httpStatus",
        "policyVersion",
        "registryVersion",
        "latencyMicros",
        "rules",
        "request",
        "answer",
        "prevHash",
        "hash",
        "chainId",
        "caller",
        "evidenceHash",
        "mac",
        "decidedAtExact"
    };

    /** The formats an export can take. */
    public enum Format {
        JSONL("application/x-ndjson"),
        CSV("text/csv");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Optional<Format> parse(String name) {
            for (Format format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }
    }

    private final AuditRepository repository;
    private final ObjectMapper json;

    AuditExporter(AuditRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** Writes every record the query matches, oldest first: the same query a search takes. */
    public void export(AuditQuery query, Format format, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            if (format == Format.CSV) {
                csv(query, writer);
            } else {
                jsonLines(query, writer);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private void jsonLines(AuditQuery query, Writer writer) {
        repository.forEachMatching(query, r -> {
            try {
                JsonGenerator line = json.getFactory().createGenerator(writer);
                line.writeStartObject();
                line.writeNumberField("seq", r.seq());
                line.writeStringField("decisionId", r.decisionId());
                line.writeStringField("decidedAt", r.decidedAt().toString());
                line.writeStringField("subject", r.subjectId());
                line.writeStringField("action", r.action());
                line.writeStringField("onBehalfOf", r.onBehalfOfId());
                line.writeStringField("decision", r.outcome());
                line.writeStringField("errorCode", r.errorCode());
                line.writeNumberField("httpStatus", r.httpStatus());
                line.writeStringField("policyVersion", r.policyVersion());
                if (r.registryVersion() == null) {
                    line.writeNullField("registryVersion");
                } else {
                    line.writeNumberField("registryVersion", r.registryVersion());
                }
                line.writeNumberField("latencyMicros", r.latencyMicros());
                // Stored JSON goes out as written: re-encoding it would change what the hash covers.
                line.writeFieldName("request");
                line.writeRawValue(r.requestJson());
                line.writeFieldName("answer");
                if (r.answerJson() == null) {
                    line.writeNull();
                } else {
                    line.writeRawValue(r.answerJson());
                }
                line.writeStringField("prevHash", r.prevHash());
                line.writeStringField("hash", r.hash());
                line.writeStringField("chainId", r.chainId());
                line.writeStringField("caller", r.caller());
                line.writeStringField("evidenceHash", r.evidenceHash());
                line.writeStringField("mac", r.mac());
                line.writeStringField("decidedAtExact", r.decidedAtText());
                line.writeEndObject();
                line.flush();
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void csv(AuditQuery query, Writer writer) throws IOException {
        CSVPrinter printer = new CSVPrinter(
                writer, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get());
        repository.forEachMatching(query, r -> {
            try {
                printer.printRecord(
                        r.seq(),
                        r.decisionId(),
                        r.decidedAt(),
                        r.subjectId(),
                        r.action(),
                        r.onBehalfOfId(),
                        r.outcome(),
                        r.errorCode(),
                        r.httpStatus(),
                        r.policyVersion(),
                        r.registryVersion(),
                        r.latencyMicros(),
                        String.join(" | ", RecordView.rules(r, json)),
                        r.requestJson(),
                        r.answerJson(),
                        r.prevHash(),
                        r.hash(),
                        r.chainId(),
                        r.caller(),
                        r.evidenceHash(),
                        r.mac(),
                        r.decidedAtText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
    }
}
