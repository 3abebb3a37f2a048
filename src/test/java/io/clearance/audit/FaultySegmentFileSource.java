package io.clearance.audit;

import io.clearance.audit.journal.SegmentFile;
import io.clearance.audit.journal.SegmentFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Segment files on a disk a test can fill: while {@link #full}, a write stores half its bytes and fails. */
@Alternative
@ApplicationScoped
public class FaultySegmentFileSource extends SegmentFileSource {

    static volatile boolean full;

    @Override
    public SegmentFiles files() {
        return (Path path, boolean write) -> {
            SegmentFile file = SegmentFiles.DEFAULT.open(path, write);
            return new SegmentFile() {
                @Override
                public void append(ByteBuffer bytes) throws IOException {
                    if (full) {
                        ByteBuffer half = bytes.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        file.append(half);
                        throw new IOException("No space left on device");
                    }
                    file.append(bytes);
                }

                @Override
                public int read(ByteBuffer into, long position) throws IOException {
                    return file.read(into, position);
                }

                @Override
                public long size() throws IOException {
                    return file.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    file.truncate(size);
                }

                @Override
                public void force() throws IOException {
                    file.force();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        };
    }
}
