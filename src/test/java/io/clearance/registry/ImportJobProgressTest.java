package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clearance.registry.io.ImportFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A job's bytes read, percent and ETA, on a clock the test moves: the ETA is the rest at the rate so far. */
class ImportJobProgressTest {

    /** A clock set by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void percentAndEtaFollowTheBytesRead() throws IOException {
        HandClock clock = new HandClock();
        ImportJob job = new ImportJob("j", ImportFormat.GLEIF_LEI_JSON, "test", 1000L, clock);
        ImportJob.View queued = job.view();
        assertEquals(0L, queued.bytesRead());
        assertEquals(0.0, queued.percent());
        assertNull(queued.etaSeconds(), "not started: no rate yet");

        job.started();
        InputStream in = job.counted(new ByteArrayInputStream(new byte[1000]));
        assertEquals(250, in.readNBytes(new byte[250], 0, 250));
        clock.now = clock.now.plusSeconds(10);
        ImportJob.View quarter = job.view();
        assertEquals(250L, quarter.bytesRead());
        assertEquals(1000L, quarter.bytesTotal());
        assertEquals(25.0, quarter.percent());
        assertEquals(30L, quarter.etaSeconds(), "750 bytes left at 25 bytes/s");

        assertEquals(1, in.read() >= 0 ? 1 : 0);
        assertEquals(1, in.skip(1));
        in.readAllBytes();
        ImportJob.View merging = job.view();
        assertEquals(1000L, merging.bytesRead());
        assertEquals(100.0, merging.percent());
        assertNull(merging.etaSeconds(), "all read, merging: no byte measure of what is left");

        job.succeeded(7);
        assertEquals(0L, job.view().etaSeconds());
    }

    @Test
    void anUnknownSizeHasNoPercentOrEta() throws IOException {
        HandClock clock = new HandClock();
        ImportJob job = new ImportJob("j", ImportFormat.UK_PSC, "test", null, clock);
        job.started();
        job.counted(new ByteArrayInputStream(new byte[40])).readAllBytes();
        clock.now = clock.now.plusSeconds(4);
        ImportJob.View view = job.view();
        assertEquals(40L, view.bytesRead());
        assertNull(view.bytesTotal());
        assertNull(view.percent());
        assertNull(view.etaSeconds());
        assertEquals(33.3, ImportJob.percent(1L, 3L));
        assertEquals(100.0, ImportJob.percent(0L, 0L), "an empty file is all read");
    }
}
