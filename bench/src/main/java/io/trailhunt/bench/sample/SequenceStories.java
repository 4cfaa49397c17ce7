package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;

/**
 * Stories for the sequence rules that the day did not tell yet, and near misses that must stay
 * quiet. Written after every other record, so the records before them stay byte for byte the same.
 * <ul>
 *   <li>AWS: dave's stolen key, now an administrator, makes a user, gives it a key and
 *       AdministratorAccess (iam-backdoor-chain).</li>
 *   <li>Azure: a Tor exit in London tries one password against twelve users at night and gets in
 *       as ivan (password-spray).</li>
 *   <li>Near misses: frank mistypes his password twice before signing in (two failures are not
 *       three); the CI role snapshots a volume and deletes the snapshot, sharing nothing.</li>
 * </ul>
 */
final class SequenceStories {
    private static final String REGION = "us-east-1";
    private static final String ATTACKER_CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0-76-generic exe/x86_64.ubuntu.22 prompt/off command/iam.create-user";
    private static final String TERRAFORM = "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5";
    private static final String SIGNINS = "insights-logs-signinlogs";
    private static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51";
    private static final String SPRAY_UA = "python-requests/2.31.0";
    private static final List<String> SPRAYED = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "mallory", "oscar");

    private final DayFiles files;
    private final CloudTrail ct;
    private final AzureLogs az;

    SequenceStories(Random random, DayFiles files) {
        this.files = files;
        this.ct = new CloudTrail(random);
        this.az = new AzureLogs(random);
    }

    void write() {
        daveLeavesABackdoorUser();
        sprayFromTor();
        frankMistypesTwice();
        ciSnapshotsAndCleansUp();
    }

    private void emit(CloudTrail.Call c, Instant t) {
        files.cloudTrail(t, REGION, c.node);
    }

    private void daveLeavesABackdoorUser() {
        ObjectNode dave = CloudTrail.iamUser("dave");
        String user = "svc-reports-sync";
        Instant t = at("13:50:10");
        CloudTrail.Call create = ct.call(t, dave, "iam.amazonaws.com", "CreateUser", Places.ATTACKER_CN, ATTACKER_CLI, REGION).param("userName", user);
        ObjectNode u = create.response().putObject("user");
        u.put("userName", user).put("path", "/").put("arn", "arn:aws:iam::" + CloudTrail.ACCOUNT + ":user/" + user).put("userId", "AIDAZ4SVCREPORTS0SYNC");
        emit(create, t);
        t = at("13:50:31");
        CloudTrail.Call key = ct.call(t, dave, "iam.amazonaws.com", "CreateAccessKey", Places.ATTACKER_CN, ATTACKER_CLI, REGION).param("userName", user);
        key.response().putObject("accessKey").put("accessKeyId", "AKIAZ4SVCREPORTSKEY1").put("status", "Active").put("userName", user);
        emit(key, t);
        t = at("13:51:02");
        emit(ct.call(t, dave, "iam.amazonaws.com", "AttachUserPolicy", Places.ATTACKER_CN, ATTACKER_CLI, REGION)
                .param("userName", user).param("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"), t);
    }

    private void sprayFromTor() {
        for (int i = 0; i < SPRAYED.size(); i++) {
            String name = SPRAYED.get(i);
            Instant t = at("02:10:00").plusSeconds(i * 19L);
            files.azure(t, SIGNINS, tenant(), az.signIn(t, name + "@acme.example", capitalised(name), Places.SPRAYER, SPRAY_UA,
                    "Azure Portal", "50126", "GB", "England", "London", 51.5142, -0.0931));
        }
        Instant t = at("02:15:40");
        files.azure(t, SIGNINS, tenant(), az.signIn(t, "ivan@acme.example", "Ivan", Places.SPRAYER, SPRAY_UA,
                "Azure Portal", "0", "GB", "England", "London", 51.5142, -0.0931));
    }

    private void frankMistypesTwice() {
        for (String time : List.of("16:01:31", "16:01:58")) {
            Instant t = at(time);
            files.azure(t, SIGNINS, tenant(), az.signIn(t, "frank@acme.example", "Frank Castle", Places.HOME_US, EDGE, "Azure Portal",
                    "50126", "US", "Washington", "Milton", 47.2513, -122.3149));
        }
    }

    private void ciSnapshotsAndCleansUp() {
        ObjectNode ci = CloudTrail.assumedRole("ci-deployer", "gha-run-4711");
        Instant t = at("03:00:12");
        CloudTrail.Call snap = ct.call(t, ci, "ec2.amazonaws.com", "CreateSnapshot", Places.CI_RUNNER, TERRAFORM, REGION)
                .param("volumeId", "vol-0ci0ci0ci0ci0001").param("description", "pre-upgrade");
        snap.response().put("snapshotId", "snap-0c1c1c1c1c1c1c1c1").put("volumeId", "vol-0ci0ci0ci0ci0001").put("status", "pending");
        emit(snap, t);
        t = at("03:20:40");
        emit(ct.call(t, ci, "ec2.amazonaws.com", "DeleteSnapshot", Places.CI_RUNNER, TERRAFORM, REGION)
                .param("snapshotId", "snap-0c1c1c1c1c1c1c1c1"), t);
    }

    private static String tenant() {
        return "/tenants/" + AzureLogs.TENANT + "/providers/Microsoft.aadiam";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
