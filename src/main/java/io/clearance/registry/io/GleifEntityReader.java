package io.clearance.registry.io;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.registry.ImportReport;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

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
                throw new IllegalArgumentException("the record has no `LEI`");
            }
            if ("ANNULLED".equals(record.text("Registration.RegistrationStatus"))) {
                report.skipped("annulled LEI registrations");
                return;
            }
            String name = record.text("Entity.LegalName");
            if (name == null) {
                throw new IllegalArgumentException("`Entity.LegalName` is missing");
            }
            String jurisdiction = record.text("Entity.LegalJurisdiction");
            String country = firstOf(
                    record.text("Entity.HeadquartersAddress.Country"),
                    record.text("Entity.LegalAddress.Country"),
                    jurisdiction == null ? null : jurisdiction.substring(0, Math.min(2, jurisdiction.length())));
            if (country == null) {
                throw new IllegalArgumentException(
                        "no headquarters country, legal address country or legal jurisdiction");
            }
            sink.party(
                    new PartyInfo(
                            lei,
                            name,
                            kind(record.text("Entity.EntityCategory")),
                            country.toUpperCase(Locale.ROOT),
                            null),
                    new Provenance("gleif", lei, GleifFields.date(record.text("Registration.LastUpdateDate"))));
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

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
