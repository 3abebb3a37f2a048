package io.clearance.engine.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes a finding's evidence with the entries a rule appended ({@code Evidence.with($finding.evidence(),
 * "ownership", ...)}) as one object, as a map copied and extended would read: the finding's fields in their
 * order, a rule's entry in the place of a field of the same name, the other entries after them.
 */
final class OfFindingSerializer extends StdSerializer<Evidence.OfFinding> {

    OfFindingSerializer() {
        super(Evidence.OfFinding.class);
    }

    @Override
    public void serialize(Evidence.OfFinding value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        Object finding = value.finding();
        if (value.more().isEmpty()) {
            provider.defaultSerializeValue(finding, gen);
            return;
        }
        JsonSerializer<Object> fields = provider.findValueSerializer(finding.getClass());
        Map<String, Object> more = value.more();
        boolean skipNulls = skipsNullEntries(provider);
        Set<String> replaced = new HashSet<>();
        gen.writeStartObject(value);
        for (Iterator<PropertyWriter> properties = fields.properties(); properties.hasNext(); ) {
            PropertyWriter property = properties.next();
            String name = property.getName();
            try {
                if (more.containsKey(name)
                        && property instanceof BeanPropertyWriter bean
                        && bean.get(finding) != null) {
                    replaced.add(name);
                    write(name, more.get(name), skipNulls, gen, provider);
                } else {
                    property.serializeAsField(finding, gen, provider);
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("evidence field `" + name + "` does not serialise", e);
            }
        }
        for (Map.Entry<String, Object> entry : more.entrySet()) {
            if (!replaced.contains(entry.getKey())) {
                write(entry.getKey(), entry.getValue(), skipNulls, gen, provider);
            }
        }
        gen.writeEndObject();
    }

    private static void write(
            String name, Object value, boolean skipNulls, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        if (value == null && skipNulls) {
            return;
        }
        provider.defaultSerializeField(name, value, gen);
    }

    /** Whether the mapper leaves out null entries of a map, as it would have for the map this replaces. */
    private static boolean skipsNullEntries(SerializerProvider provider) {
        JsonInclude.Include content =
                provider.getConfig().getDefaultPropertyInclusion(Map.class).getContentInclusion();
        return content != JsonInclude.Include.ALWAYS && content != JsonInclude.Include.USE_DEFAULTS;
    }
}
