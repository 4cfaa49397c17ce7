package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Hands out files oldest first, so a bounded replay advances event time as the logs did. Flink's
 * own assigners hand files out in listing order: a CloudTrail archive lists one region's whole
 * month before the next region's, which would make every event of the second region late.
 *
 * <p>The time comes from the path when the layout carries one ({@link PathTimes}), else from the
 * file's first event ({@link FirstEventTime}, one record read on the JobManager); ties by path.
 */
public final class ChronologicalSplitAssigner implements FileSplitAssigner {
    private final DecoderLimits limits;
    private final PriorityQueue<Timed> queue = new PriorityQueue<>(
            Comparator.comparingLong((Timed t) -> t.time).thenComparing(t -> t.split.path().toString()));

    private ChronologicalSplitAssigner(DecoderLimits limits, Collection<FileSourceSplit> initial) {
        this.limits = limits;
        addSplits(initial);
    }

    public static Provider provider(DecoderLimits limits) {
        return initial -> new ChronologicalSplitAssigner(limits, initial);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        Timed next = queue.poll();
        return next == null ? Optional.empty() : Optional.of(next.split);
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        for (FileSourceSplit s : splits) {
            long t = PathTimes.of(s.path().toString());
            if (t == PathTimes.UNKNOWN) {
                t = FirstEventTime.of(s.path(), limits);
            }
            queue.add(new Timed(t, s));
        }
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        Collection<FileSourceSplit> out = new ArrayList<>(queue.size());
        queue.forEach(t -> out.add(t.split));
        return out;
    }

    private static final class Timed {
        final long time;
        final FileSourceSplit split;

        Timed(long time, FileSourceSplit split) {
            this.time = time;
            this.split = split;
        }
    }
}
