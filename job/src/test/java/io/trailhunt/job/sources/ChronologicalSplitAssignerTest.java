package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChronologicalSplitAssignerTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void pathsOfTheCloudsArchiveLayoutsCarryTheirTime() {
        assertThat(PathTimes.of("s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/111122223333_CloudTrail_us-east-1_20261102T0905Z_Ab12.json.gz"))
                .isEqualTo(Instant.parse("2026-11-02T09:05:00Z").toEpochMilli());
        assertThat(PathTimes.of("/logs/resourceId=/SUBSCRIPTIONS/X/y=2026/m=11/d=02/h=13/m=00/PT1H.json"))
                .isEqualTo(Instant.parse("2026-11-02T13:00:00Z").toEpochMilli());
        assertThat(PathTimes.of("gs://b/cloudaudit.googleapis.com/activity/2026/11/02/07:00:00_07:59:59_S0.json"))
                .isEqualTo(Instant.parse("2026-11-02T07:00:00Z").toEpochMilli());
        assertThat(PathTimes.of("/data/export.jsonl")).isEqualTo(PathTimes.UNKNOWN);
        assertThat(PathTimes.of("/x/_20261399T2599Z_/f")).isEqualTo(PathTimes.UNKNOWN);
    }

    private FileSourceSplit split(String id, java.nio.file.Path p) throws IOException {
        return new FileSourceSplit(id, new Path(p.toUri()), 0, Files.size(p), 0, Files.size(p));
    }

    @Test
    void filesAreHandedOutOldestFirstAcrossRegionsAndFormats() throws IOException {
        java.nio.file.Path late = Files.createDirectories(dir.resolve("AWSLogs/1/CloudTrail/ap-south-1/2026/11/02"))
                .resolve("1_CloudTrail_ap-south-1_20261102T1000Z_a.json");
        java.nio.file.Path early = Files.createDirectories(dir.resolve("AWSLogs/1/CloudTrail/us-east-1/2026/11/02"))
                .resolve("1_CloudTrail_us-east-1_20261102T0800Z_b.json");
        java.nio.file.Path untimed = dir.resolve("export.jsonl");
        java.nio.file.Path noEvents = dir.resolve("notes.txt");
        Files.writeString(late, "{}");
        Files.writeString(early, "{}");
        Files.writeString(untimed, "{\"eventTime\":\"2026-11-02T09:00:00Z\",\"eventName\":\"GetObject\",\"eventSource\":\"s3.amazonaws.com\"}\n");
        Files.writeString(noEvents, "hello\n");

        FileSplitAssigner a = ChronologicalSplitAssigner.provider(DecoderLimits.defaults())
                .create(List.of(split("1", noEvents), split("2", late), split("3", untimed), split("4", early)));
        List<String> order = new ArrayList<>();
        Optional<FileSourceSplit> s;
        while ((s = a.getNext(null)).isPresent()) {
            order.add(s.get().splitId());
        }
        assertThat(order).containsExactly("4", "3", "2", "1");
        assertThat(a.remainingSplits()).isEmpty();
    }
}
