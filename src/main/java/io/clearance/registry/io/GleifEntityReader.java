package io.clearance.registry.io;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportReport;
import io.clearance.registry.InvalidField;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads GLEIF LEI-CDF 3.1 entity records (the golden copy or a delta, JSON or CSV distribution) into
 * parties whose id is the LEI, so that relationship records and other sources naming the LEI meet them.
 *
 * <ul>
 *   <li>name: {@code Entity.LegalName};
 *   <li>country: {@code Entity.HeadquartersAddress.Country} (where the policy looks), else the legal address
 *       country, else the country of {@code Entity.LegalJurisdiction} ({@code US-DE} is {@code US}); the
 *       registry keeps one country per party, so a jurisdiction beside an address is not recorded;
 *   <li>kind: {@code Entity.EntityCategory} {@code RESIDENT_GOVERNMENT_ENTITY} and
 *       {@code INTERNATIONAL_ORGANIZATION} are governments, {@code SOLE_PROPRIETOR} an individual acting in
 *       business, every other category ({@code GENERAL}, {@code BRANCH}, {@code FUND}) a company;
 *   <li>an {@code ANNULLED} registration (an LEI issued in error) is skipped and counted; lapsed, retired and
 *       inactive entities stay, since relationships and history name them.
 * </ul>
 *
 * Provenance: source {@code gleif}, record id the LEI, as of {@code Registration.LastUpdateDate}. A delta
 * file restates the records it changes: they replace what the registry held.
 */
public final class GleifEntityReader {

    private GleifEntityReader() {}

    public static void readJson(InputStream in, RegistrySink sink, ImportReport report) throws IOException {
        JsonRecords.each(in, report, (line, record) -> entity(line, GleifFields.of(record), sink, report));
    }

    public static void readCsv(InputStream in, RegistrySink sink, ImportReport report) throws IOException {
        ImportRecords.csvRows(
                in,
                report,
                (row, header) -> entity(ImportRecords.line(row), GleifFields.of(row, header), sink, report));
    }

    private static void entity(long line, GleifFields record, RegistrySink sink, ImportReport report) {
        String lei = record.text("LEI");
        report.at(line, lei);
        ImportRecords.guarded(report, () -> {
            if (lei == null) {
                throw new InvalidField(record.field("LEI"), "the record has no `LEI`");
            }
            if ("ANNULLED".equals(record.text("Registration.RegistrationStatus"))) {
                report.skipped("annulled LEI registrations");
                return;
            }
            String name = record.text("Entity.LegalName");
            if (name == null) {
                throw new InvalidField(record.field("Entity.LegalName"), "`Entity.LegalName` is missing");
            }
            String countryField = Stream.of(
                            "Entity.HeadquartersAddress.Country",
                            "Entity.LegalAddress.Country",
                            "Entity.LegalJurisdiction")
                    .filter(path -> record.text(path) != null)
                    .findFirst()
                    .orElse(null);
            if (countryField == null) {
                throw new InvalidField(
                        record.field("Entity.HeadquartersAddress.Country"),
                        "no headquarters country, legal address country or legal jurisdiction");
            }
            String country = record.text(countryField);
            if (countryField.equals("Entity.LegalJurisdiction")) {
                country = country.substring(0, Math.min(2, country.length())); // CA-QC: the country
            }
            try {
                sink.party(
                        new PartyInfo(
                                lei,
                                name,
                                kind(record.text("Entity.EntityCategory")),
                                country.toUpperCase(Locale.ROOT),
                                null),
                        new Provenance("gleif", lei, GleifFields.date(record.text("Registration.LastUpdateDate"))));
            } catch (RegistryRejection e) {
                // The party rules refuse a country that is no ISO code: the column or pointer it came from.
                throw e.errorCode() == ErrorCode.INVALID_COUNTRY
                        ? new InvalidField(record.field(countryField), e.errorCode(), e.getMessage())
                        : e;
            }
        });
    }

    static PartyKind kind(String category) {
        if (category == null) {
            return PartyKind.COMPANY;
        }
        return switch (category) {
            case "RESIDENT_GOVERNMENT_ENTITY", "INTERNATIONAL_ORGANIZATION" -> PartyKind.GOVERNMENT;
            case "SOLE_PROPRIETOR" -> PartyKind.INDIVIDUAL;
            default -> PartyKind.COMPANY;
        };
    }
}
