package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stratus Red Team detonation logs (real CloudTrail of 35 attack techniques, scrubbed): each file
 * is one pretty-printed JSON array, read as one record, as a file source would read it.
 */
class StratusRedTeamCloudTrailTest {
    private static final String FOLDER = "stratus-red-team-detonation-logs";

    /** Records per technique file; every one of them decodes. */
    private static final Map<String, Integer> EVENTS_PER_FILE = new TreeMap<>(Map.ofEntries(
            entry("aws.credential-access.ec2-get-password-data.json", 34),
            entry("aws.credential-access.ec2-steal-instance-credentials.json", 45),
            entry("aws.credential-access.secretsmanager-batch-retrieve-secrets.json", 5),
            entry("aws.credential-access.secretsmanager-retrieve-secrets.json", 21),
            entry("aws.credential-access.ssm-retrieve-securestring-parameters.json", 10),
            entry("aws.defense-evasion.cloudtrail-delete.json", 1),
            entry("aws.defense-evasion.cloudtrail-event-selectors.json", 1),
            entry("aws.defense-evasion.cloudtrail-stop.json", 1),
            entry("aws.defense-evasion.dns-delete-logs.json", 1),
            entry("aws.defense-evasion.organizations-leave.json", 3),
            entry("aws.defense-evasion.vpc-remove-flow-logs.json", 1),
            entry("aws.discovery.ec2-download-user-data.json", 19),
            entry("aws.execution.ec2-launch-unusual-instances.json", 3),
            entry("aws.execution.ec2-user-data.json", 35),
            entry("aws.execution.ssm-send-command.json", 56),
            entry("aws.execution.ssm-start-session.json", 29),
            entry("aws.exfiltration.ec2-security-group-open-port-22-ingress.json", 1),
            entry("aws.exfiltration.ec2-share-ami.json", 1),
            entry("aws.exfiltration.ec2-share-ebs-snapshot.json", 1),
            entry("aws.exfiltration.rds-share-snapshot.json", 1),
            entry("aws.impact.bedrock-invoke-model.json", 15),
            entry("aws.initial-access.console-login-without-mfa.json", 1),
            entry("aws.lateral-movement.ec2-instance-connect.json", 3),
            entry("aws.lateral-movement.ec2-serial-console-send-ssh-public-key.json", 4),
            entry("aws.persistence.iam-backdoor-role.json", 1),
            entry("aws.persistence.iam-backdoor-user.json", 1),
            entry("aws.persistence.iam-create-admin-user.json", 3),
            entry("aws.persistence.iam-create-backdoor-role.json", 2),
            entry("aws.persistence.iam-create-user-login-profile.json", 3),
            entry("aws.persistence.lambda-backdoor-function.json", 1),
            entry("aws.persistence.lambda-layer-extension.json", 1),
            entry("aws.persistence.lambda-overwrite-code.json", 1),
            entry("aws.persistence.rolesanywhere-create-trust-anchor.json", 2),
            entry("aws.persistence.sts-federation-token.json", 2),
            entry("aws.privilege-escalation.iam-update-user-login-profile.json", 1)));

    private static Decodings decode(String file) {
        return Decodings.ofFile(FOLDER + "/" + file);
    }

    @Test
    void theFolderHoldsThe35TechniqueFilesAndTheirLicence() {
        List<String> expected = new ArrayList<>(EVENTS_PER_FILE.keySet());
        expected.add("LICENSE");
        expected.add("NOTICE");
        expected.sort(null);
        assertThat(RealLogs.fileNames(FOLDER)).containsExactlyElementsOf(expected);
    }

    @Test
    void everyRecordOfEveryFileDecodesAndMatchesItsRawRecord() {
        int total = 0;
        for (Map.Entry<String, Integer> file : EVENTS_PER_FILE.entrySet()) {
            Decodings d = decode(file.getKey());
            assertThat(d.deadLetters).as(file.getKey()).isEmpty();
            assertThat(d.events).as(file.getKey()).hasSize(file.getValue());

            JsonNode raw = CloudTrailCrossCheck.parse(RealLogs.bytes(FOLDER + "/" + file.getKey()));
            for (int i = 0; i < raw.size(); i++) {
                AuditEvent e = d.events.get(i);
                assertThat(e.origin).isEqualTo(FOLDER + "/" + file.getKey() + "#[" + i + "]");
                CloudTrailCrossCheck.assertMatchesRaw(e, raw.get(i));
            }
            total += d.events.size();
        }
        assertThat(total).isEqualTo(310);
    }

    @Test
    void stopLoggingNamesTheTrail() {
        AuditEvent e = decode("aws.defense-evasion.cloudtrail-stop.json").events.get(0);

        assertThat(e.eventId).isEqualTo("10163ed2-2253-469d-a5ee-cbc6651f8934");
        assertThat(e.eventTime).isEqualTo(1_722_431_184_000L); // 2024-07-31T13:06:24Z
        assertThat(e.account).isEqualTo("143434273843");
        assertThat(e.principal).isEqualTo("arn:aws:iam::143434273843:user/christophe");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.principalTypeRaw).isEqualTo("IAMUser");
        assertThat(e.roleArn).isNull();
        assertThat(e.service).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(e.action).isEqualTo("StopLogging");
        assertThat(e.region).isEqualTo("apiso-centralnorth-2r");
        assertThat(e.sourceIp).isEqualTo("86.245.153.234");
        assertThat(e.userAgent).isEqualTo("stratus-red-team_c97089f1-1ae3-4ecc-b006-f5e8fd0f2571");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.errorCode).isNull();
        assertThat(e.category).isEqualTo(Category.MANAGEMENT);
        assertThat(e.readOnly).isFalse();
        assertThat(e.resources).containsExactly(entry("trailName", "stratus-red-team-ct-stop-trail-buykxbqejv"));
        assertThat(e.params).containsExactly(entry("name", "stratus-red-team-ct-stop-trail-buykxbqejv"));
        assertThat(e.geo).isNull();
        assertThat(e.providerGeo).isNull();
    }

    @Test
    void putEventSelectorsNamesTheTrailByTrailName() {
        AuditEvent e = decode("aws.defense-evasion.cloudtrail-event-selectors.json").events.get(0);

        assertThat(e.resources).containsExactly(entry("trailName", "stratus-red-team-ctes-trail-khlvciwdor"));
        assertThat(e.params).containsEntry("eventSelectors.0.includeManagementEvents", "false")
                .containsEntry("eventSelectors.0.readWriteType", "ReadOnly")
                .containsEntry("eventSelectors.0.dataResources.0.type", "AWS::S3::Object");
    }

    @Test
    void consoleLoginWithoutMfaIsASuccessfulSignIn() {
        AuditEvent e = decode("aws.initial-access.console-login-without-mfa.json").events.get(0);

        assertThat(e.category).isEqualTo(Category.SIGN_IN);
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.service).isEqualTo("signin.amazonaws.com");
        assertThat(e.action).isEqualTo("ConsoleLogin");
        assertThat(e.principal).isEqualTo("arn:aws:iam::562283505220:user/stratus-red-team-nmfalu-jfzdtsvchl");
        assertThat(e.sourceIp).isEqualTo("225.01.00.16"); // scrubbed, not an address: kept as written
        assertThat(e.params).containsExactly(
                entry("additional.LoginTo", "https://console.aws.amazon.com/console/home"),
                entry("additional.MFAUsed", "No"),
                entry("additional.MobileVersion", "No"),
                entry("response.ConsoleLogin", "Success"));
    }

    @Test
    void sharingAnEbsSnapshotNamesTheSnapshotAndTheAccountItIsSharedWith() {
        AuditEvent e = decode("aws.exfiltration.ec2-share-ebs-snapshot.json").events.get(0);

        assertThat(e.action).isEqualTo("ModifySnapshotAttribute");
        assertThat(e.resources).containsExactly(entry("snapshotId", "snap-041993b54a9b3af6f"));
        assertThat(e.params).containsExactly(
                entry("attributeType", "CREATE_VOLUME_PERMISSION"),
                entry("createVolumePermission.add.items.0.userId", "098797384747"),
                entry("snapshotId", "snap-041993b54a9b3af6f"));
    }

    @Test
    void sharingAnRdsSnapshotNamesTheDbSnapshotAsSnapshotId() {
        AuditEvent e = decode("aws.exfiltration.rds-share-snapshot.json").events.get(0);

        assertThat(e.service).isEqualTo("rds.amazonaws.com");
        assertThat(e.resources).containsExactly(entry("snapshotId", "exfiltration"));
        assertThat(e.params).containsEntry("valuesToAdd.0", "503161813013").containsEntry("attributeName", "restore");
    }

    @Test
    void sharingAnAmiNamesTheImage() {
        AuditEvent e = decode("aws.exfiltration.ec2-share-ami.json").events.get(0);

        assertThat(e.resources).containsExactly(entry("imageId", "ami-de1fbCab6ccB03e6D"));
        assertThat(e.params).containsEntry("launchPermission.add.items.0.userId", "846424999548");
    }

    @Test
    void createAdminUserNamesTheUserThePolicyAndTheNewKey() {
        Decodings d = decode("aws.persistence.iam-create-admin-user.json");

        AuditEvent attach = d.events.get(0);
        assertThat(attach.action).isEqualTo("AttachUserPolicy");
        assertThat(attach.resources).containsExactly(
                entry("userName", "malicious-iam-user"),
                entry("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));

        AuditEvent key = d.events.get(1);
        assertThat(key.action).isEqualTo("CreateAccessKey");
        assertThat(key.resources).containsExactly(
                entry("userName", "malicious-iam-user"),
                entry("accessKeyId", "AKIAXAFZN8JEPF6L682H"));

        AuditEvent user = d.events.get(2);
        assertThat(user.action).isEqualTo("CreateUser");
        assertThat(user.resources).containsExactly(entry("userName", "malicious-iam-user"));
        assertThat(user.params).containsExactly(
                entry("tags.0.key", "StratusRedTeam"), entry("tags.0.value", "true"), entry("userName", "malicious-iam-user"));
    }

    @Test
    void deniedGetPasswordDataByARoleSessionIsAFailureWithTheRoleAndAClippedMessage() {
        AuditEvent e = decode("aws.credential-access.ec2-get-password-data.json").events.get(0);

        assertThat(e.principal).isEqualTo("arn:aws:sts::457448411975:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1722375070115152000");
        assertThat(e.principalType).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(e.principalTypeRaw).isEqualTo("AssumedRole");
        assertThat(e.roleArn).isEqualTo("arn:aws:iam::457448411975:role/stratus-red-team-ec2-get-password-data-role");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("Client.UnauthorizedOperation");
        assertThat(e.errorMessage).hasSize(256).startsWith("You are not authorized to perform this operation. User: arn:aws:sts::751353041310:");
        assertThat(e.resources).containsExactly(entry("instanceId", "i-i2jnm5swa59p4fxg"));
        assertThat(e.readOnly).isTrue();
    }

    @Test
    void federationTokenSessionIsAFederatedUser() {
        Decodings d = decode("aws.persistence.sts-federation-token.json");

        AuditEvent issue = d.events.get(0);
        assertThat(issue.action).isEqualTo("GetFederationToken");
        assertThat(issue.principal).isEqualTo("arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user");
        assertThat(issue.principalType).isEqualTo(PrincipalType.USER);

        AuditEvent use = d.events.get(1);
        assertThat(use.action).isEqualTo("GetCallerIdentity");
        assertThat(use.principal).isEqualTo("arn:aws:sts::742491224508:federated-user/stratus_red_team");
        assertThat(use.principalType).isEqualTo(PrincipalType.FEDERATED_USER);
        assertThat(use.principalTypeRaw).isEqualTo("FederatedUser");
        assertThat(use.roleArn).isNull();
        assertThat(use.sourceIp).isEqualTo("255.090.254.5");
    }

    @Test
    void ssmSendCommandToOneInstanceNamesIt() {
        AuditEvent e = decode("aws.credential-access.ec2-steal-instance-credentials.json").events.get(0);

        assertThat(e.action).isEqualTo("SendCommand");
        assertThat(e.resources).containsExactly(entry("instanceId", "i-786a3A8B5C0d92eF4"));
        // SendCommand to three instances names none of them.
        AuditEvent three = decode("aws.execution.ssm-send-command.json").events.get(26);
        assertThat(three.action).isEqualTo("SendCommand");
        assertThat(three.params).containsEntry("instanceIds.2", "i-9D40CCFc0aE91CFa5");
        assertThat(three.resources).doesNotContainKey("instanceId");
    }
}
