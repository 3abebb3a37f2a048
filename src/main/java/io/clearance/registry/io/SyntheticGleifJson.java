package io.clearance.registry.io;

import com.fasterxml.jackson.core.JsonGenerator;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes the synthetic GLEIF golden copy in the JSON distribution, as GLEIF publishes it: LEI-CDF 3.1
 * records under {@code {"records": [...]}} and RR-CDF 2.1 records under {@code {"relations": [...]}}, the
 * XML paths as nested objects, each text value under {@code "$"} and each XML attribute under {@code "@..."}.
 * A record carries the fields a real one does (both addresses, legal form, registration authority, the
 * registration's dates, LOU and validation), not only the few the reader keeps, so that a parse benchmark
 * reads about as many bytes per record as the real file. One record a line, written with Jackson's streaming
 * generator: no record is held as a tree.
 */
final class SyntheticGleifJson implements Closeable {

    private static final String UPDATED = "2026-11-01T00:00:00.000Z";
    private static final String LOU = "5493001KJTIIGC8Y1R12";

    private final JsonGenerator entities;
    private final JsonGenerator relations;
    private long entityCount;
    private long relationCount;

    SyntheticGleifJson(Writer entities, Writer relations) throws IOException {
        this.entities = JsonRecords.JSON.getFactory().createGenerator(entities);
        this.relations = JsonRecords.JSON.getFactory().createGenerator(relations);
        // The records are root values to the generator; the wrapper and commas between them are written raw.
        this.entities.setRootValueSeparator(null);
        this.relations.setRootValueSeparator(null);
        this.entities.writeRaw("{\"records\":[\n");
        this.relations.writeRaw("{\"relations\":[\n");
    }

    /** One LEI-CDF record; the party's id is its LEI, its kind the entity category that reads back as it. */
    void entity(PartyInfo party) throws IOException {
        JsonGenerator out = entities;
        separate(out, entityCount++);
        out.writeStartObject();
        text(out, "LEI", party.id());
        out.writeObjectFieldStart("Entity");
        out.writeObjectFieldStart("LegalName");
        out.writeStringField("@xml:lang", "en");
        out.writeStringField("$", party.name());
        out.writeEndObject();
        address(out, "LegalAddress", party.country());
        address(out, "HeadquartersAddress", party.country());
        out.writeObjectFieldStart("RegistrationAuthority");
        text(out, "RegistrationAuthorityID", "RA000665");
        text(out, "RegistrationAuthorityEntityID", party.id());
        out.writeEndObject();
        text(out, "LegalJurisdiction", party.country());
        text(out, "EntityCategory", category(party));
        out.writeObjectFieldStart("LegalForm");
        text(out, "EntityLegalFormCode", "8888");
        text(out, "OtherLegalForm", "LIMITED COMPANY");
        out.writeEndObject();
        text(out, "EntityStatus", "ACTIVE");
        text(out, "EntityCreationDate", "2012-06-06T00:00:00.000Z");
        out.writeEndObject();
        registration(out, "ISSUED", party.id());
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /**
     * One RR-CDF record: the owned party is the start node (the child), the owner the end node. GLEIF states
     * consolidation, not a share; a dated stake's dates become the relationship period.
     */
    void relation(String ownedId, String ownerId, StakeTerms terms) throws IOException {
        JsonGenerator out = relations;
        separate(out, relationCount++);
        out.writeStartObject();
        out.writeObjectFieldStart("Relationship");
        node(out, "StartNode", ownedId);
        node(out, "EndNode", ownerId);
        text(out, "RelationshipType", "IS_DIRECTLY_CONSOLIDATED_BY");
        out.writeObjectFieldStart("RelationshipPeriods");
        out.writeArrayFieldStart("RelationshipPeriod");
        out.writeStartObject();
        text(out, "StartDate", "2025-01-01T00:00:00.000Z");
        text(out, "EndDate", "2025-12-31T00:00:00.000Z");
        text(out, "PeriodType", "ACCOUNTING_PERIOD");
        out.writeEndObject();
        out.writeStartObject();
        text(out, "StartDate", periodStart(terms));
        if (periodEnd(terms) != null) {
            text(out, "EndDate", periodEnd(terms));
        }
        text(out, "PeriodType", "RELATIONSHIP_PERIOD");
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
        text(out, "RelationshipStatus", "ACTIVE");
        out.writeObjectFieldStart("RelationshipQualifiers");
        out.writeArrayFieldStart("RelationshipQualifier");
        out.writeStartObject();
        text(out, "QualifierDimension", "ACCOUNTING_STANDARD");
        text(out, "QualifierCategory", "IFRS");
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndObject();
        registration(out, "PUBLISHED", null);
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** The relationship period's start: a dated stake's, else one in the past for every undated one. */
    static String periodStart(StakeTerms terms) {
        return terms.validFrom() != StakeTerms.ALWAYS_FROM
                ? Instant.ofEpochSecond(terms.validFrom()).toString()
                : "2020-01-01T00:00:00Z";
    }

    /** The relationship period's end, or null while the stake holds. */
    static String periodEnd(StakeTerms terms) {
        return terms.validTo() != StakeTerms.ALWAYS_TO
                ? Instant.ofEpochSecond(terms.validTo()).toString()
                : null;
    }

    private static String category(PartyInfo party) {
        return switch (party.kind()) {
            case INDIVIDUAL -> "SOLE_PROPRIETOR";
            case GOVERNMENT -> "RESIDENT_GOVERNMENT_ENTITY";
            case COMPANY, UNIVERSITY -> "GENERAL";
        };
    }

    private static void address(JsonGenerator out, String field, String country) throws IOException {
        out.writeObjectFieldStart(field);
        out.writeStringField("@xml:lang", "en");
        text(out, "FirstAddressLine", "1 Main Street");
        text(out, "City", "Capital City");
        text(out, "Country", country);
        text(out, "PostalCode", "10001");
        out.writeEndObject();
    }

    private static void node(JsonGenerator out, String field, String lei) throws IOException {
        out.writeObjectFieldStart(field);
        text(out, "NodeID", lei);
        text(out, "NodeIDType", "LEI");
        out.writeEndObject();
    }

    /** The registration block both record kinds end with; an entity's validation names its register entry. */
    private static void registration(JsonGenerator out, String status, String registeredAs) throws IOException {
        out.writeObjectFieldStart("Registration");
        text(out, "InitialRegistrationDate", "2014-03-01T00:00:00.000Z");
        text(out, "LastUpdateDate", UPDATED);
        text(out, "RegistrationStatus", status);
        text(out, "NextRenewalDate", "2027-03-01T00:00:00.000Z");
        text(out, "ManagingLOU", LOU);
        text(out, "ValidationSources", "FULLY_CORROBORATED");
        if (registeredAs != null) {
            out.writeObjectFieldStart("ValidationAuthority");
            text(out, "ValidationAuthorityID", "RA000665");
            text(out, "ValidationAuthorityEntityID", registeredAs);
            out.writeEndObject();
        } else {
            text(out, "ValidationDocuments", "ACCOUNTS_FILING");
        }
        out.writeEndObject();
    }

    /** A text node: the XML element's text under {@code "$"}. */
    private static void text(JsonGenerator out, String field, String value) throws IOException {
        out.writeObjectFieldStart(field);
        out.writeStringField("$", value);
        out.writeEndObject();
    }

    /** A record after the first starts with its comma, so that record n is on line n + 1. */
    private static void separate(JsonGenerator out, long written) throws IOException {
        if (written > 0) {
            out.writeRaw(',');
        }
    }

    /** Closes both arrays and wrappers; the writers underneath are closed with the generators. */
    @Override
    public void close() throws IOException {
        try (entities;
                relations) {
            entities.writeRaw("]}\n");
            relations.writeRaw("]}\n");
        }
    }
}
