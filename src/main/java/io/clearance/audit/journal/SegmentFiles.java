package io.clearance.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens segment files; {@link #DEFAULT} uses a {@link FileChannel}, tests substitute failing ones. */
@FunctionalInterface
public interface SegmentFiles {

    SegmentFile open(Path path, boolean write) throws IOException;

    /** Segment files on the file system, through {@link FileChannel}. */
    SegmentFiles DEFAULT = (path, write) -> {
        FileChannel channel = write
                ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        return new ChannelSegment(channel);
    };

    /** A segment over a file channel; appends go at the position kept by the channel. */
    final class ChannelSegment implements SegmentFile {

        private final FileChannel channel;

        ChannelSegment(FileChannel channel) throws IOException {
            this.channel = channel;
            channel.position(channel.size());
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public int read(ByteBuffer into, long position) throws IOException {
            int total = 0;
            while (into.hasRemaining()) {
                int n = channel.read(into, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
            channel.position(size);
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
