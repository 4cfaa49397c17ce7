package io.trailhunt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amplifies seed records into a large replay corpus: copy k of a record is moved to day k of the
 * corpus (its own date replaced, time of day kept) and re-keyed, its principals suffixed with k and
 * the third octet of its IPv4 addresses shifted by k, so that copies are new principals on new days rather than duplicates.
 * Written as JSON lines, day after day, across several files so the readers run in parallel.
 */
final class Corpus {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final Pattern IPV4 = Pattern.compile("\"(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(:\\d+)?\"");
    /** Identity fields whose values are re-keyed per copy. */
    private static final Pattern PRINCIPAL = Pattern.compile(
            "\"(arn|userName|principalEmail|userPrincipalName|upn|caller|invokedBy|principalId)\":\"([^\"]+)\"");

    final List<Path> files = new ArrayList<>();
    long records;
    long bytes;

    static Corpus write(List<Seeds.Seed> seeds, long target, int fileCount, Path dir) throws IOException {
        return write(seeds, target, fileCount, dir, true);
    }

    /**
     * With {@code shiftAddresses} false, copies keep the seeds' IPv4 addresses: every copy of a
     * sample-day record then comes from an address the bundled GeoIP test databases locate.
     */
    static Corpus write(List<Seeds.Seed> seeds, long target, int fileCount, Path dir, boolean shiftAddresses) throws IOException {
        Files.createDirectories(dir);
        List<Seeds.Seed> ordered = new ArrayList<>(seeds);
        ordered.sort(Comparator.comparingLong(Seeds.Seed::timeOfDay)); // each day replays in time order
        long copies = (target + seeds.size() - 1) / seeds.size();
        long perFile = (copies + fileCount - 1) / fileCount;
        Corpus c = new Corpus();
        for (int f = 0; f < fileCount; f++) {
            Path file = dir.resolve(String.format("corpus-%03d.jsonl", f));
            c.files.add(file);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (long k = f * perFile; k < Math.min(copies, (f + 1) * perFile); k++) {
                    for (Seeds.Seed s : ordered) {
                        String line = copy(s, (int) k, shiftAddresses);
                        w.write(line);
                        w.write('\n');
                        c.records++;
                        c.bytes += line.length() + 1;
                    }
                }
            }
        }
        return c;
    }

    /**
     * The same amplification, laid out for event-time operators: one file per slice of each day
     * ({@code slicesPerDay} of them), so that readers taking files oldest first stay within a
     * slice of each other in event time, as live partitions do. With whole day ranges per file,
     * parallel readers would be days apart and every event-time operator would buffer the
     * difference.
     */
    static Corpus writeInTimeSlices(List<Seeds.Seed> seeds, long target, int slicesPerDay, Path dir) throws IOException {
        Files.createDirectories(dir);
        long slice = 86_400_000L / slicesPerDay;
        // Records the decoders reject have no time: they go at the end of the first slice, not at
        // its head, where they would hide the file's first event time from the split assigner.
        List<Seeds.Seed> ordered = new ArrayList<>(seeds);
        ordered.sort(Comparator.comparingLong((Seeds.Seed s) -> s.timeOfDay() < 0 ? slice - 1 : s.timeOfDay()));
        long copies = (target + seeds.size() - 1) / seeds.size();
        Corpus c = new Corpus();
        for (int k = 0; k < copies; k++) {
            for (int sl = 0; sl < slicesPerDay; sl++) {
                Path file = dir.resolve(String.format("corpus-%05d-%02d.jsonl", k, sl));
                c.files.add(file);
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (Seeds.Seed s : ordered) {
                        long t = s.timeOfDay() < 0 ? 0 : s.timeOfDay();
                        if (t / slice != sl) {
                            continue;
                        }
                        String line = copy(s, k, true);
                        w.write(line);
                        w.write('\n');
                        c.records++;
                        c.bytes += line.length() + 1;
                    }
                }
            }
        }
        return c;
    }

    static String copy(Seeds.Seed seed, int k, boolean shiftAddresses) {
        String r = seed.date() == null ? seed.json() : seed.json().replace(seed.date(), FIRST_DAY.plusDays(k).toString());
        Matcher p = PRINCIPAL.matcher(r);
        StringBuilder sb = new StringBuilder(r.length() + 64);
        while (p.find()) {
            p.appendReplacement(sb, Matcher.quoteReplacement("\"" + p.group(1) + "\":\"" + p.group(2) + "~" + k + "\""));
        }
        p.appendTail(sb);
        if (!shiftAddresses) {
            return sb.toString();
        }
        Matcher ip = IPV4.matcher(sb);
        StringBuilder out = new StringBuilder(sb.length());
        while (ip.find()) {
            int third = (Integer.parseInt(ip.group(3)) + k) % 256;
            ip.appendReplacement(out, "\"" + ip.group(1) + "." + ip.group(2) + "." + third + "." + ip.group(4)
                    + (ip.group(5) == null ? "" : ip.group(5)) + "\"");
        }
        ip.appendTail(out);
        return out.toString();
    }
}
