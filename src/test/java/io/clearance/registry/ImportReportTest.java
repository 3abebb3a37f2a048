package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.problem.ErrorCode;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An import's report keeps the first {@value ImportReport#SHOWN} refusals and UK PSC companies partly
 * unaccounted for, each with its line, record id and field, and counts them all: a file of a million bad lines
 * does not grow the job's status without bound, nor does it hide how many there were.
 */
class ImportReportTest {

    @Test
    void refusalsAreCappedAndAllCounted() {
        ImportReport report = new ImportReport();
        for (long line = 1; line <= 250; line++) {
            report.at(line, "rec-" + line);
            report.reject(new InvalidField("/Entity/LegalName", "`Entity.LegalName` is missing"));
        }
        ImportReport.Snapshot snapshot = report.snapshot();
        assertEquals(250, snapshot.recordsRead());
        assertEquals(250, snapshot.rejected(), "every refusal counted");
        assertEquals(ImportReport.SHOWN, snapshot.rejections().size(), "the first ones shown");
        assertEquals(
                LongStream.rangeClosed(1, ImportReport.SHOWN).boxed().toList(),
                snapshot.rejections().stream().map(ImportReport.Rejection::line).toList());
        ImportReport.Rejection first = snapshot.rejections().get(0);
        assertEquals("rec-1", first.recordId());
        assertEquals("/Entity/LegalName", first.field());
        assertEquals(ErrorCode.INVALID_RECORD.code(), first.code());
    }

    @Test
    void unaccountedCompaniesAreCappedAndAllCounted() {
        ImportReport report = new ImportReport();
        for (int i = 0; i < 130; i++) {
            report.unaccounted(new ImportReport.Unaccounted("gb-coh:" + i, "0", "75"));
        }
        ImportReport.Snapshot snapshot = report.snapshot();
        assertEquals(130, snapshot.companiesPartlyUnaccounted());
        assertEquals(ImportReport.SHOWN, snapshot.unaccounted().size());
        assertEquals("gb-coh:0", snapshot.unaccounted().get(0).company());
    }
}
