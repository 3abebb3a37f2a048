package io.clearance.registry.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.StakeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes a registry as JSON Lines: one {@code party} or {@code stake} object a line. */
final class JsonLinesRegistryWriter implements RegistryWriter {
    private final Writer writer;
    private final JsonGenerator json;

    JsonLinesRegistryWriter(Writer writer) throws IOException {
        this.writer = writer;
        // One root value a line: the generator separates root values with the newline.
        this.json = new JsonFactory()
                .createGenerator(writer)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public void party(PartyInfo party) {
        try {
            json.writeStartObject();
            json.writeStringField("record", "party");
            json.writeStringField("id", party.id());
            json.writeStringField("name", party.name());
            json.writeStringField("kind", party.kind().name());
            json.writeStringField("country", party.country());
            if (party.nationality() != null) {
                json.writeStringField("nationality", party.nationality());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stake(String ownedId, String ownerId, StakeTerms terms) {
        try {
            json.writeStartObject();
            json.writeStringField("record", "stake");
            json.writeStringField("owned", ownedId);
            json.writeStringField("owner", ownerId);
            Object percent = StakeSpec.percent(terms);
            if (percent instanceof BigDecimal exact) {
                json.writeNumberField("percent", exact);
            } else if (percent instanceof Map<?, ?> range) {
                json.writeObjectFieldStart("percent");
                for (Map.Entry<?, ?> bound : range.entrySet()) {
                    json.writeNumberField((String) bound.getKey(), (BigDecimal) bound.getValue());
                }
                json.writeEndObject();
            }
            List<String> control = StakeSpec.control(terms);
            if (control != null) {
                json.writeArrayFieldStart("control");
                for (String basis : control) {
                    json.writeString(basis);
                }
                json.writeEndArray();
            }
            String from = StakeSpec.instantText(terms.validFrom());
            if (from != null) {
                json.writeStringField("validFrom", from);
            }
            String to = StakeSpec.instantText(terms.validTo());
            if (to != null) {
                json.writeStringField("validTo", to);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        json.flush();
        writer.write('\n');
        json.close();
    }
}
