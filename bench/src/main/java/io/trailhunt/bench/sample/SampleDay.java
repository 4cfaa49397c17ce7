package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates the bundled sample: Monday 2026-11-02 at Acme, across AWS, GCP and Azure. Ordinary
 * work by a handful of people and machines, and three intrusions, each ending in log tampering:
 * <ul>
 *   <li>AWS: IAM user dave's access key, used from Changchun, probes and then stops the
 *       organisation trail (two denied attempts first), snapshots a volume, shares and deletes it,
 *       and downloads customer exports.</li>
 *   <li>GCP: the ETL service account's key, used through a Tor exit in London, lists and reads the
 *       exports bucket and deletes the audit-log sink.</li>
 *   <li>Azure: grace's password is guessed from Changchun after six failures; the attacker then
 *       deletes the subscription's diagnostic setting.</li>
 * </ul>
 * {@link SequenceStories} adds dave's backdoor user, a password spray and near misses that must stay quiet.
 * The stories also leave traces for the rules that compare a principal with its own history
 * ({@link IdentityStories}: dave's key for svc-backup and his S3 Browser session, the ETL key over
 * twelve more Tor exits, bob on his phone's hotspot, alice at home), {@link ProbingStories} has the
 * attacker back at 14:31 through svc-backup's new key, probing the buckets, and the fortnight before the day
 * is there as that history ({@link History}), so the learning periods are over by Monday.
 * Deterministic: the same seed writes the same bytes. Run: {@code SampleDay <output folder>}.
 */
public final class SampleDay {
    static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    private SampleDay() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleDay <output folder>   (the bundled sample lives in job/sample-data)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        clear(out);
        int n = generate(out, 20261102L);
        System.out.println("wrote " + n + " records under " + out);
    }

    static int generate(Path out, long seed) throws IOException {
        Random random = new Random(seed);
        DayFiles files = new DayFiles(out);
        new AwsDay(random, files).write();
        new GcpDay(random, files).write();
        new AzureDay(random, files).write();
        new SequenceStories(random, files).write(); // last: the records before it stay as they were
        // Own random sources: the records above stay as they were.
        new IdentityStories(new Random(seed + 1), files).write();
        new History(new Random(seed + 2), files).write();
        new ProbingStories(new Random(seed + 3), files).write();
        return files.write();
    }

    static Instant at(String hhmmss) {
        return DAY.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(hhmmss)));
    }

    /** A random instant within [from, to). */
    static Instant between(Random r, String from, String to) {
        Instant a = at(from);
        long span = Duration.between(a, at(to)).toMillis();
        return a.plusMillis((long) (r.nextDouble() * span));
    }

    private static void clear(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> all = Files.walk(out)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
    }

    static ObjectNode obj() {
        return Json.object();
    }
}
