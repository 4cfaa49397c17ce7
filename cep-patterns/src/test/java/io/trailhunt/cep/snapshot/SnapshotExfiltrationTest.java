package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.OncePerStory;
import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import org.apache.flink.runtime.state.VoidNamespace;
import io.trailhunt.cep.Allowlists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.trailhunt.cep.snapshot.SnapshotEvents.DAVE;
import static io.trailhunt.cep.snapshot.SnapshotEvents.ERIN;
import static io.trailhunt.cep.snapshot.SnapshotEvents.FOREIGN;
import static io.trailhunt.cep.snapshot.SnapshotEvents.SISTER;
import static io.trailhunt.cep.snapshot.SnapshotEvents.as;
import static io.trailhunt.cep.snapshot.SnapshotEvents.create;
import static io.trailhunt.cep.snapshot.SnapshotEvents.delete;
import static io.trailhunt.cep.snapshot.SnapshotEvents.ec2;
import static io.trailhunt.cep.snapshot.SnapshotEvents.failed;
import static io.trailhunt.cep.snapshot.SnapshotEvents.identity;
import static io.trailhunt.cep.snapshot.SnapshotEvents.minutes;
import static io.trailhunt.cep.snapshot.SnapshotEvents.share;
import static org.assertj.core.api.Assertions.assertThat;

/** Both patterns of snapshot-exfiltration in the operator harness, in event time. */
class SnapshotExfiltrationTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();

    private static List<SequencePattern> rule() {
        return SnapshotExfiltration.patterns(SnapshotSettings.defaults());
    }

    private static List<Finding> replay(List<SequencePattern> patterns, AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(patterns)) {
            return h.replay(BOUND, events);
        }
    }

    private static List<Finding> replay(AuditEvent... events) throws Exception {
        return replay(rule(), events);
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    @Test
    void theFullChainIsOneCriticalFinding() throws Exception {
        AuditEvent i = identity(0);
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        AuditEvent d = delete("snap-1", 30);

        List<Finding> out = replay(i, c, s, d);

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.ruleId).isEqualTo("snapshot-exfiltration");
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.title).isEqualTo("Snapshot created, shared with another account and deleted");
        assertThat(f.principal).isEqualTo(DAVE);
        assertThat(f.subject).isEqualTo("snapshot:snap-1");
        assertThat(f.mitre).containsExactly("T1537");
        assertThat(ids(f)).containsExactly(i.eventId, c.eventId, s.eventId, d.eventId);
        assertThat(f.firstSeen).isEqualTo(i.eventTime);
        assertThat(f.lastSeen).isEqualTo(d.eventTime);
        assertThat(f.facts).containsEntry("snapshot_id", "snap-1").containsEntry("shared_with", FOREIGN)
                .containsEntry("public", "false").containsEntry("created_in_story", "true").containsEntry("deleted_in_story", "true")
                .containsEntry("identity_checked", "true");
        assertThat(f.explanation).isEqualTo(DAVE + " checked which identity its credentials belong to (GetCallerIdentity) at 2026-11-02T09:00:00Z,"
                + " created snapshot 'snap-1' (CreateSnapshot) at 2026-11-02T09:10:00Z, shared it with account 999988887777"
                + " (ModifySnapshotAttribute) at 2026-11-02T09:15:00Z and deleted it (DeleteSnapshot) at 2026-11-02T09:30:00Z from 81.2.69.142."
                + " None of the receiving accounts is one of the organisation's (rules.snapshot-exfiltration.own-accounts)."
                + " The copy may now exist only in the other account: treat what was on it as disclosed, and revoke this principal's credentials.");
    }

    @Test
    void callsBetweenTheStepsDoNotBreakTheChain() throws Exception {
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        AuditEvent d = delete("snap-1", 30);
        List<Finding> out = replay(
                ec2("DescribeVolumes", 9).build(), c,
                create("snap-other", 11), ec2("DescribeSnapshots", 12).build(), identity(13),
                share("snap-other", "111122223333", 14), s,
                delete("snap-unrelated", 20), ec2("RunInstances", 25).build(), d);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(ids(out.get(0))).containsExactly(c.eventId, s.eventId, d.eventId);
    }

    @Test
    void anIdentityCheckCountsOnlyRightBeforeTheCreation() throws Exception {
        AuditEvent routine = identity(0);
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        AuditEvent d = delete("snap-1", 30);
        // another story step between the check and the creation: the check is not this story's
        List<Finding> out = replay(routine, create("snap-9", 5), c, s, d);
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0))).containsExactly(c.eventId, s.eventId, d.eventId);
        assertThat(out.get(0).facts).containsEntry("identity_checked", "false");
    }

    @Test
    void twoPrincipalsInterleavedAreTwoStories() throws Exception {
        AuditEvent dc = create("snap-d", 10);
        AuditEvent ec = as(ERIN, create("snap-e", 11));
        AuditEvent ds = share("snap-d", FOREIGN, 12);
        AuditEvent es = as(ERIN, share("snap-e", FOREIGN, 13));
        AuditEvent dd = delete("snap-d", 20);
        AuditEvent ed = as(ERIN, delete("snap-e", 21));

        List<Finding> out = replay(dc, ec, ds, es, dd, ed);

        assertThat(out).extracting(f -> f.principal).containsExactly(DAVE, ERIN);
        assertThat(out).extracting(f -> f.severity).containsExactly(Severity.CRITICAL, Severity.CRITICAL);
        assertThat(ids(out.get(0))).containsExactly(dc.eventId, ds.eventId, dd.eventId);
        assertThat(ids(out.get(1))).containsExactly(ec.eventId, es.eventId, ed.eventId);
    }

    /** "snapshot:snap-a HIGH [evt-1, evt-4]": what each finding tells, with its evidence. */
    private static List<String> told(List<Finding> findings) {
        return findings.stream().map(f -> f.subject + " " + f.severity + " " + ids(f)).toList();
    }

    private static String story(String snap, Severity severity, AuditEvent... evidence) {
        return "snapshot:" + snap + " " + severity + " " + Arrays.stream(evidence).map(e -> e.eventId).toList();
    }

    /** The events, then the watermark a minute at a time to well past the window: each window closes in its own call. */
    private static List<Finding> minuteByMinute(AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(rule())) {
            h.send(events);
            for (long m = 0; m <= 3 * 60; m++) {
                h.watermark(minutes(m));
            }
            return h.findings();
        }
    }

    @Test
    void twoSnapshotsOfOnePrincipalInterleavedAreTwoStories() throws Exception {
        AuditEvent ca = create("snap-a", 0);
        AuditEvent cb = create("snap-b", 1);
        AuditEvent sb = share("snap-b", FOREIGN, 2);
        AuditEvent sa = share("snap-a", FOREIGN, 3);
        List<String> notDeleted = List.of(story("snap-a", Severity.HIGH, ca, sa), story("snap-b", Severity.HIGH, cb, sb));
        assertThat(told(replay(ca, cb, sb, sa))).isEqualTo(notDeleted);
        assertThat(told(minuteByMinute(ca, cb, sb, sa))).isEqualTo(notDeleted);

        // shared in the other order
        AuditEvent sa2 = share("snap-a", FOREIGN, 2);
        AuditEvent sb2 = share("snap-b", FOREIGN, 3);
        assertThat(told(replay(ca, cb, sa2, sb2))).containsExactly(
                story("snap-a", Severity.HIGH, ca, sa2), story("snap-b", Severity.HIGH, cb, sb2));

        // both deleted; one deleted and the other not: each told once, at its own time
        AuditEvent da = delete("snap-a", 4);
        AuditEvent db = delete("snap-b", 5);
        assertThat(told(replay(ca, cb, sb, sa, da, db))).containsExactly(
                story("snap-a", Severity.CRITICAL, ca, sa, da), story("snap-b", Severity.CRITICAL, cb, sb, db));
        assertThat(told(replay(ca, cb, sb, sa, da))).containsExactly(
                story("snap-a", Severity.CRITICAL, ca, sa, da), story("snap-b", Severity.HIGH, cb, sb));
    }

    @Test
    void sharesOfAnImageAndASnapshotWithTheSameEventIdAndTimeAreTwoStories() throws Exception {
        // as in Panther's test corpus, where every record is eventID 1111 at 2019-01-01T00:00:00Z
        AuditEvent image = ec2("ModifyImageAttribute", 0).resource("imageId", "ami-1111").param("imageId", "ami-1111")
                .param("attributeType", "launchPermission").param("launchPermission.add.items.0.group", "all").build();
        AuditEvent snapshot = share("snap-1111", "all", 0);
        image.eventId = "1111";
        snapshot.eventId = "1111";
        assertThat(replay(image, snapshot)).extracting(f -> f.subject).containsExactlyInAnyOrder("image:ami-1111", "snapshot:snap-1111");
        AuditEvent deleteImage = ec2("DeregisterImage", 5).resource("imageId", "ami-1111").param("imageId", "ami-1111").build();
        AuditEvent deleteSnapshot = delete("snap-1111", 5);
        deleteImage.eventId = "2222";
        deleteSnapshot.eventId = "2222";
        assertThat(replay(image, snapshot, deleteImage, deleteSnapshot)).extracting(f -> f.subject)
                .containsExactlyInAnyOrder("image:ami-1111", "snapshot:snap-1111");
    }

    @Test
    void aStoryWithItsOptionalStepsIsToldOnceWhenEachWindowClosesApart() throws Exception {
        AuditEvent i = identity(0);
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        // the windows of [identity, create, share], [create, share] and [share] close at 2:00, 2:10 and 2:15
        List<Finding> out = minuteByMinute(i, c, s);
        assertThat(told(out)).containsExactly(story("snap-1", Severity.HIGH, i, c, s));
        assertThat(out.get(0).facts).containsEntry("identity_checked", "true");
    }

    @Test
    void aSecondShareOfTheSameSnapshotIsItsOwnStory() throws Exception {
        AuditEvent c = create("snap-1", 0);
        AuditEvent first = share("snap-1", FOREIGN, 5);
        AuditEvent second = share("snap-1", "555566667777", 6);
        assertThat(told(replay(c, first, second))).containsExactly(
                story("snap-1", Severity.HIGH, c, first), story("snap-1", Severity.MEDIUM, second));
    }

    @Test
    void arrivalOutOfOrderWithinTheBoundFindsTheSame() throws Exception {
        AuditEvent i = identity(0);
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        AuditEvent d = delete("snap-1", 24);
        AuditEvent lone = share("snap-2", FOREIGN, 20);

        List<Finding> inOrder = replay(i, c, s, lone, d);
        // each event at most 10 minutes behind the newest one seen before it (the bound is 15)
        List<Finding> shuffled = replay(c, i, lone, d, s);

        assertThat(inOrder).hasSize(2);
        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(inOrder).extracting(f -> f.severity).containsExactly(Severity.CRITICAL, Severity.MEDIUM);
    }

    @Test
    void eventsOfOneSecondAreTakenInTheStoryOrderWhateverTheirArrival() throws Exception {
        // a script makes, shares and deletes within one second; the log lists them backwards
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 10);
        AuditEvent d = delete("snap-1", 10);
        List<Finding> out = replay(d, s, c);
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0))).containsExactly(c.eventId, s.eventId, d.eventId);
    }

    @Test
    void aStepByAnotherPrincipalIsNotPartOfTheStory() throws Exception {
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        List<Finding> out = replay(c, s, as(ERIN, delete("snap-1", 30)));

        // dave's share was not deleted by dave: the partial story; erin's lone deletion is no story
        assertThat(out).hasSize(1);
        assertThat(out.get(0).principal).isEqualTo(DAVE);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(out.get(0).title).isEqualTo("Snapshot created and shared with another account");
        assertThat(ids(out.get(0))).containsExactly(c.eventId, s.eventId);
    }

    @Test
    void failedCallsDoNotAdvanceTheStory() throws Exception {
        assertThat(replay(create("snap-1", 10), failed(share("snap-1", FOREIGN, 15)), delete("snap-1", 30))).isEmpty();

        AuditEvent c = create("snap-2", 10);
        AuditEvent s = share("snap-2", FOREIGN, 15);
        List<Finding> out = replay(c, s, failed(delete("snap-2", 30)));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(ids(out.get(0))).containsExactly(c.eventId, s.eventId);
    }

    @Test
    void pastTheWindowOnlyThePartialStoryIsReported() throws Exception {
        AuditEvent c = create("snap-1", 0);
        AuditEvent s = share("snap-1", FOREIGN, 10);
        AuditEvent d = delete("snap-1", 135); // 2h15 after the creation, 2h05 after the share
        try (RuleHarness h = RuleHarness.of(rule())) {
            h.send(c, s).watermark(minutes(119));
            assertThat(h.findings()).isEmpty();
            h.watermark(minutes(120)); // the window closes two hours after the first step
            List<Finding> out = h.findings();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
            assertThat(out.get(0).facts).containsEntry("deleted_in_story", "false");
            assertThat(out.get(0).explanation).endsWith("It was not deleted within 2h: remove the permission now, find out what the"
                    + " snapshot holds, and confirm the share was authorised.");
            h.send(d).watermark(Long.MAX_VALUE);
            assertThat(h.findings()).isEmpty();
        }
    }

    @Test
    void aLoneShareIsStillReportedWhenTheWindowCloses() throws Exception {
        AuditEvent s = share("snap-old", FOREIGN, 10);
        List<Finding> out = replay(s);
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.title).isEqualTo("Snapshot shared with another account");
        assertThat(ids(f)).containsExactly(s.eventId);
        assertThat(f.explanation).startsWith(DAVE + " shared snapshot 'snap-old' with account 999988887777 (ModifySnapshotAttribute) at 2026-11-02T09:10:00Z from 81.2.69.142.");
    }

    @Test
    void aLoneShareThenItsDeletionIsHigh() throws Exception {
        AuditEvent s = share("snap-old", FOREIGN, 10);
        AuditEvent d = delete("snap-old", 40);
        List<Finding> out = replay(s, d);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(out.get(0).title).isEqualTo("Snapshot shared with another account and deleted");
    }

    @Test
    void sharingWithEveryoneRaisesTheSeverity() throws Exception {
        List<Finding> out = replay(create("snap-1", 0), share("snap-1", "all", 5));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).title).isEqualTo("Snapshot created and made public");
        assertThat(out.get(0).facts).containsEntry("shared_with", "all").containsEntry("public", "true");
    }

    @Test
    void sharingWithTheOrganisationsOwnAccountsIsNoStory() throws Exception {
        SnapshotSettings own = new SnapshotSettings(true, SnapshotSettings.DEFAULT_WINDOW, Set.of(SISTER), Allowlist.none());
        List<SequencePattern> patterns = SnapshotExfiltration.patterns(own);
        assertThat(replay(patterns, create("snap-1", 0), share("snap-1", SISTER, 5), delete("snap-1", 9))).isEmpty();
        // the account the snapshot lives in is its own without being listed
        assertThat(replay(create("snap-2", 0), share("snap-2", "111122223333", 5))).isEmpty();
        assertThat(replay(patterns, create("snap-3", 0), share("snap-3", FOREIGN, 5))).hasSize(1);
    }

    @Test
    void allowedPrincipalsAndNetworksTellNoStory() throws Exception {
        Allowlist allow = new Allowlist(List.of("arn:aws:iam::*:user/dav*"), List.of(), List.of());
        List<SequencePattern> patterns = SnapshotExfiltration.patterns(
                new SnapshotSettings(true, SnapshotSettings.DEFAULT_WINDOW, Set.of(), allow));
        assertThat(replay(patterns, create("snap-1", 0), share("snap-1", FOREIGN, 5), delete("snap-1", 9))).isEmpty();
        assertThat(replay(patterns, as(ERIN, share("snap-1", FOREIGN, 5)))).hasSize(1);
    }

    @Test
    void everyKindOfAllowlistEntryIsHonoured() throws Exception {
        Allowlists.assertEachKindOfEntryTellsNothing(SnapshotExfiltration.RULE_ID, SnapshotExfiltration::patterns, BOUND,
                "arn:aws:iam::*:user/dav*", "81.2.69.0/24", identity(0), create("snap-1", 5), share("snap-1", FOREIGN, 6));
        Allowlists.assertEachKindOfEntryTellsNothing(SnapshotExfiltration.RULE_ID, SnapshotExfiltration::patterns, BOUND,
                "arn:aws:iam::*:user/dav*", "81.2.69.0/24", create("snap-2", 5), share("snap-2", FOREIGN, 6), delete("snap-2", 9));
    }

    @Test
    void theAmiStoryIsTheSameRule() throws Exception {
        AuditEvent c = ec2("CreateImage", 0).param("instanceId", "i-1").resource("imageId", "ami-0abc").build();
        AuditEvent s = ec2("ModifyImageAttribute", 5).resource("imageId", "ami-0abc").param("imageId", "ami-0abc")
                .param("attributeType", "launchPermission").param("launchPermission.add.items.0.userId", FOREIGN).build();
        AuditEvent d = ec2("DeregisterImage", 9).resource("imageId", "ami-0abc").param("imageId", "ami-0abc").build();
        List<Finding> out = replay(c, s, d);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).title).isEqualTo("AMI created, shared with another account and deleted");
        assertThat(out.get(0).subject).isEqualTo("image:ami-0abc");
        assertThat(out.get(0).facts).containsEntry("image_id", "ami-0abc");
        // an image and a snapshot with the same story shape do not link
        assertThat(replay(c, share("ami-0abc", FOREIGN, 5))).extracting(f -> f.severity).containsExactly(Severity.MEDIUM);
    }

    @Test
    void theRdsStoryIsTheSameRule() throws Exception {
        // as in the stratus rds-share-snapshot detonation, through the decoder
        AuditEvent c = SnapshotRecords.rds("CreateDBSnapshot", 1, "{\"dBSnapshotIdentifier\":\"exfiltration\",\"dBInstanceIdentifier\":\"prod-db\"}",
                "{\"dBSnapshotIdentifier\":\"exfiltration\",\"dBInstanceIdentifier\":\"prod-db\",\"status\":\"creating\"}");
        AuditEvent s = SnapshotRecords.rds("ModifyDBSnapshotAttribute", 2,
                "{\"attributeName\":\"restore\",\"dBSnapshotIdentifier\":\"exfiltration\",\"valuesToAdd\":[\"" + FOREIGN + "\"]}",
                "{\"dBSnapshotAttributes\":[{\"attributeName\":\"restore\",\"attributeValues\":[\"" + FOREIGN + "\"]}],"
                + "\"dBSnapshotIdentifier\":\"exfiltration\"}");
        List<Finding> out = replay(c, s);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(out.get(0).facts).containsEntry("shared_with", FOREIGN).containsEntry("snapshot_id", "exfiltration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aStoryHalfSeenBeforeASavepointIsFoundAfterTheRestore(String backend) throws Exception {
        AuditEvent i = identity(0);
        AuditEvent c = create("snap-1", 10);
        AuditEvent s = share("snap-1", FOREIGN, 15);
        AuditEvent d = delete("snap-1", 30);
        AuditEvent lone = share("snap-2", FOREIGN, 16);
        List<Finding> whole = replay(i, c, s, lone, d);

        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(i, c, s, lone).watermark(minutes(20));
            assertThat(before.findings()).isEmpty();
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(d).watermark(Long.MAX_VALUE);
            List<Finding> out = after.findings();
            assertThat(out).isEqualTo(whole);
            assertThat(out).extracting(f -> f.severity).containsExactly(Severity.CRITICAL, Severity.MEDIUM);
        }
    }

    @Test
    void eventsBehindTheWatermarkGoToTheLateOutput() throws Exception {
        try (RuleHarness h = RuleHarness.of(rule())) {
            h.watermark(minutes(30));
            AuditEvent late = share("snap-1", FOREIGN, 20);
            h.send(late).watermark(Long.MAX_VALUE);
            assertThat(h.findings()).isEmpty();
            // each pattern's operator sends it on: none loses it silently
            assertThat(h.late()).extracting(e -> e.eventId).containsExactly(late.eventId, late.eventId);
        }
    }

    @Test
    void stateIsGoneOnceTheWindowHasClosed() throws Exception {
        try (RuleHarness h = RuleHarness.of(rule(), "rocksdb")) {
            h.send(identity(0), create("snap-1", 10), share("snap-1", FOREIGN, 15)).watermark(minutes(16));
            for (SequenceHarness one : h.harnesses()) {
                assertThat(one.cep().numEventTimeTimers()).isPositive();
            }
            h.watermark(minutes(60 * 5));
            assertThat(h.findings()).hasSize(1);
            for (SequenceHarness one : h.harnesses()) {
                assertThat(one.cep().numEventTimeTimers()).isZero();
            }
            // the not-deleted pattern's after-function forgets the story once its twins can no longer
            // come: a window after it was told (at 5:00, when the watermark showed the window closed)
            SequenceHarness notDeleted = h.harnesses().get(1);
            assertThat(storiesRemembered(notDeleted)).isEqualTo(1);
            h.watermark(minutes(60 * 7));
            assertThat(notDeleted.afterHarness().numEventTimeTimers()).isZero();
            assertThat(storiesRemembered(notDeleted)).isZero();
        }
    }

    private static long storiesRemembered(SequenceHarness h) throws Exception {
        var backend = h.afterHarness().getOperator().getKeyedStateBackend();
        try (var keys = backend.getKeys(OncePerStory.STATE, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aStoryToldBeforeASavepointIsNotToldAgainAfterTheRestore(String backend) throws Exception {
        AuditEvent c = create("snap-1", 0);
        AuditEvent s = share("snap-1", FOREIGN, 5);
        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(c, s).watermark(minutes(121)); // [create, share] is told at 2:00
            assertThat(told(before.findings())).containsExactly(story("snap-1", Severity.HIGH, c, s));
            assertThat(storiesRemembered(before.harnesses().get(1))).isEqualTo(1);
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            // [share] alone, at 2:05, is the same story
            after.watermark(minutes(126)).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).isEmpty();
        }
    }
}
