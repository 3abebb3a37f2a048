package io.clearance.registry.io;

import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;

/**
 * How much of each UK company its PSC statements leave unaccounted: holders of 25% or less are not
 * registrable, so the in-force share bands of a company rarely add up to 100%. The snapshot lists a
 * company's statements together, so one company is summed at a time and memory stays constant; a company
 * that comes back later in the file is reported once more for its later statements.
 */
final class UnaccountedShares {

    private final ImportReport report;
    private String company;
    private long least;
    private long most;

    UnaccountedShares(ImportReport report) {
        this.report = report;
    }

    void company(String id) {
        if (!id.equals(company)) {
            finish();
            company = id;
            least = 0;
            most = 0;
        }
    }

    void stake(StakeTerms terms) {
        least += terms.min();
        most += terms.max();
    }

    void finish() {
        if (company == null) {
            return;
        }
        long atMost = Math.max(0, Share.HUNDRED_PERCENT - least);
        long atLeast = Math.max(0, Share.HUNDRED_PERCENT - Math.min(Share.HUNDRED_PERCENT, most));
        if (atMost > 0) {
            report.unaccounted(new ImportReport.Unaccounted(
                    company,
                    Share.toPercent(atLeast).toPlainString(),
                    Share.toPercent(atMost).toPlainString()));
        }
        company = null;
    }
}
