package io.trailhunt.bench.engines;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A week of CloudTrail-shaped events for many IAM users, in time order, with the two stories the
 * engines are compared on, their near misses and ordinary traffic around them:
 * <ul>
 *   <li>brute force: 3 to 8 refused console sign-ins then a successful one, within minutes;
 *       near misses: two failures then a success, or failures without a success;</li>
 *   <li>snapshot exfiltration: [GetCallerIdentity,] [CreateSnapshot,] ModifySnapshotAttribute
 *       adding a foreign account, DeleteSnapshot of the same snapshot, within the hour; near
 *       misses: shared within the organisation, shared and never deleted, deleted after the window.</li>
 * </ul>
 * Every principal's sign-ins are hours apart and its stories days apart, so that the three engines'
 * after-match semantics (which differ when stories overlap; docs/benchmarks.md) see the same
 * matches. Events are decoded-shape {@link AuditEvent}s: decoding is not what is compared.
 */
public final class StoryCorpus {
    static final String[] ACCOUNTS = {"111122223333", "111122224444", "111122225555", "111122226666", "111122227777"};
    static final Set<String> OWN_ACCOUNTS = Set.of(ACCOUNTS);
    private static final long START = 1_793_491_200_000L; // 2026-11-02T00:00:00Z, a Monday
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final int DAYS = 7;
    private static final String[] ROUTINE = {"DescribeInstances", "GetObject", "ListBuckets", "DescribeVolumes", "GetBucketPolicy",
        "AssumeRole", "PutObject", "DescribeSnapshots", "ListUsers", "GetParameter", "DescribeDBInstances", "Decrypt"};
    private static final String[] ROUTINE_SERVICES = {"ec2", "s3", "s3", "ec2", "s3", "sts", "s3", "ec2", "iam", "ssm", "rds", "kms"};

    final List<AuditEvent> events;
    /** The stories written in, which every engine should report: brute forces and snapshot exfiltrations. */
    final int bruteForces;
    final int exfiltrations;

    private StoryCorpus(List<AuditEvent> events, int bruteForces, int exfiltrations) {
        this.events = events;
        this.bruteForces = bruteForces;
        this.exfiltrations = exfiltrations;
    }

    /** About {@code target} events over {@code principals} users; the same arguments give the same corpus. */
    public static StoryCorpus generate(long target, int principals, long seed) {
        Random random = new Random(seed);
        List<AuditEvent> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, target + target / 10));
        long routinePerPrincipal = Math.max(1, target / principals - 2L * DAYS);
        int brute = 0;
        int exfil = 0;
        for (int p = 0; p < principals; p++) {
            Writer w = new Writer(out, p, random.nextLong());
            for (int d = 0; d < DAYS; d++) {
                // Two sign-ins a day, hours apart; now and then a typo first.
                w.signIns(START + d * DAY + 8 * HOUR + w.rnd.nextLong(HOUR), w.rnd.nextInt(20) == 0 ? 1 : 0, true);
                w.signIns(START + d * DAY + 13 * HOUR + w.rnd.nextLong(HOUR), w.rnd.nextInt(20) == 0 ? 1 : 0, true);
            }
            for (long i = 0; i < routinePerPrincipal; i++) {
                w.routine(START + w.rnd.nextLong(DAYS * DAY));
            }
            if (p % 10 == 3) {
                w.backupChores(START + (p % DAYS) * DAY + 20 * HOUR);
            }
            // Stories at night (01:00-05:00), on a day of their own per principal.
            long night = START + ((p / 7) % DAYS) * DAY + HOUR + w.rnd.nextLong(30 * MINUTE);
            switch (p % 40) {
                case 1 -> {
                    w.signIns(night, 3 + w.rnd.nextInt(6), true);
                    brute++;
                }
                case 2 -> w.signIns(night, 2, true);  // near miss: two typos
                case 5 -> w.signIns(night, 6, false); // near miss: guesses that never got in
                case 7 -> {
                    w.exfiltration(night, w.rnd.nextBoolean(), w.rnd.nextInt(4) != 0, true, 50 * MINUTE);
                    exfil++;
                }
                case 9 -> w.exfiltration(night, true, true, false, 50 * MINUTE);  // near miss: shared within the organisation
                case 11 -> w.exfiltration(night, false, true, true, -1);          // near miss: shared, never deleted
                case 13 -> w.exfiltration(night, false, true, true, 3 * HOUR);    // near miss: deleted after the window
                default -> { }
            }
        }
        out.sort(Comparator.comparingLong((AuditEvent e) -> e.eventTime).thenComparing(e -> e.eventId));
        return new StoryCorpus(out, brute, exfil);
    }

    /** Builds one principal's events. */
    private static final class Writer {
        final List<AuditEvent> out;
        final int p;
        final String account;
        final String principal;
        final String ip;
        final SplittableRandom rnd;
        int n;

        Writer(List<AuditEvent> out, int p, long seed) {
            this.out = out;
            this.p = p;
            this.account = ACCOUNTS[p % ACCOUNTS.length];
            this.principal = "arn:aws:iam::" + account + ":user/u" + p;
            this.ip = "198.51." + (p >> 8 & 255) + "." + (p & 255);
            this.rnd = new SplittableRandom(seed);
        }

        AuditEvent event(long time, String service, String action, Category category) {
            AuditEvent e = new AuditEvent();
            e.eventId = String.format("u%d-%d", p, n++);
            e.eventTime = time;
            e.cloud = Cloud.AWS;
            e.account = account;
            e.principal = principal;
            e.principalType = PrincipalType.USER;
            e.principalTypeRaw = "IAMUser";
            e.sourceIp = ip;
            e.userAgent = "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64";
            e.service = service + ".amazonaws.com";
            e.action = action;
            e.outcome = Outcome.SUCCESS;
            e.region = "eu-west-1";
            e.category = category;
            out.add(e);
            return e;
        }

        void routine(long time) {
            int i = rnd.nextInt(ROUTINE.length);
            AuditEvent e = event(time, ROUTINE_SERVICES[i], ROUTINE[i], i == 1 || i == 6 ? Category.DATA : Category.MANAGEMENT);
            if (rnd.nextInt(50) == 0) {
                e.outcome = Outcome.FAILURE;
                e.errorCode = "AccessDenied";
            }
        }

        /** {@code failures} refused console sign-ins 20-60 s apart, then (if {@code success}) one that works. */
        void signIns(long time, int failures, boolean success) {
            long t = time;
            for (int i = 0; i < failures; i++) {
                AuditEvent e = event(t, "signin", "ConsoleLogin", Category.SIGN_IN);
                e.outcome = Outcome.FAILURE;
                e.errorMessage = "Failed authentication";
                e.userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";
                t += 20_000 + rnd.nextLong(40_000);
            }
            if (success) {
                event(t, "signin", "ConsoleLogin", Category.SIGN_IN).userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";
            }
        }

        /** Nightly backups: a snapshot made, an old one deleted, one shared with another account of the organisation. */
        void backupChores(long time) {
            String snap = snapshotId();
            snapshot(time, "CreateSnapshot", snap);
            snapshot(time + 5 * MINUTE, "DeleteSnapshot", snapshotId());
            share(time + 9 * MINUTE, snap, ACCOUNTS[(p + 1) % ACCOUNTS.length]);
        }

        /**
         * The story, with routine calls between its steps; {@code deleteAfter} from the share, or
         * never when negative.
         */
        void exfiltration(long time, boolean identityCheck, boolean create, boolean foreign, long deleteAfter) {
            String snap = snapshotId();
            long t = time;
            if (identityCheck) {
                event(t, "sts", "GetCallerIdentity", Category.MANAGEMENT);
                t += 2_000;
            }
            if (create) {
                snapshot(t, "CreateSnapshot", snap);
            }
            routine(t + 3 * MINUTE);
            long shared = t + 8 * MINUTE + rnd.nextLong(4 * MINUTE);
            share(shared, snap, foreign ? String.format("%012d", 900_000_000_000L + p) : ACCOUNTS[(p + 2) % ACCOUNTS.length]);
            routine(shared + MINUTE);
            if (deleteAfter >= 0) {
                snapshot(shared + deleteAfter, "DeleteSnapshot", snap);
            }
        }

        void snapshot(long time, String action, String snap) {
            event(time, "ec2", action, Category.MANAGEMENT).resources.put("snapshotId", snap);
        }

        void share(long time, String snap, String toAccount) {
            AuditEvent e = event(time, "ec2", "ModifySnapshotAttribute", Category.MANAGEMENT);
            e.resources.put("snapshotId", snap);
            e.params.put("attributeType", "CREATE_VOLUME_PERMISSION");
            e.params.put("createVolumePermission.add.items.0.userId", toAccount);
        }

        String snapshotId() {
            return String.format("snap-%08x%09x", p, rnd.nextLong(1L << 36));
        }
    }
}
