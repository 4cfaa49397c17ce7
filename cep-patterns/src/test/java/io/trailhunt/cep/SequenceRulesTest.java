package io.trailhunt.cep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.cep.backdoor.BackdoorSettings;
import io.trailhunt.cep.signin.FailedLoginsSettings;
import io.trailhunt.cep.signin.PasswordSpraySettings;
import io.trailhunt.cep.snapshot.SnapshotSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceRulesTest {
    private static Section rules(String json) throws Exception {
        Section root = new Section("", new ObjectMapper().readTree(json));
        return root.section("rules");
    }

    @Test
    void everyRuleIsOnByDefaultWithStableOperatorNames() {
        List<SequencePattern> all = SequenceRules.enabled(Section.empty("rules"));
        assertThat(all).extracting(SequencePattern::name).containsExactly(
                "snapshot-exfiltration", "snapshot-exfiltration-not-deleted", "failed-logins-then-success", "password-spray",
                "iam-backdoor-chain", "iam-backdoor-chain-ready", "defense-evasion-then-action");
        assertThat(all).extracting(SequencePattern::ruleId).containsExactly(
                "snapshot-exfiltration", "snapshot-exfiltration", "failed-logins-then-success", "password-spray",
                "iam-backdoor-chain", "iam-backdoor-chain", "defense-evasion-then-action");
    }

    @Test
    void settingsAreReadAndDisabledRulesLeave() throws Exception {
        Section s = rules("{\"rules\":{\"snapshot-exfiltration\":{\"enabled\":false},"
                + "\"failed-logins-then-success\":{\"min-failures\":5,\"window\":\"36h\",\"privileged-principals\":[\"*admin*\"],\"ignored-failure-codes\":[]},"
                + "\"password-spray\":{\"group-by\":\"asn\",\"min-principals\":20},"
                + "\"iam-backdoor-chain\":{\"own-accounts\":[\"444455556666\"],\"admin-roles\":[\"roles/owner\"]},"
                + "\"defense-evasion-then-action\":{\"window\":\"30m\"}}}");
        List<SequencePattern> all = SequenceRules.enabled(s);
        assertThat(all).extracting(SequencePattern::name).doesNotContain("snapshot-exfiltration", "snapshot-exfiltration-not-deleted");
        FailedLoginsSettings f = FailedLoginsSettings.from(s.section("failed-logins-then-success"));
        assertThat(f.minFailures()).isEqualTo(5);
        assertThat(f.window()).isEqualTo(Duration.ofHours(36));
        assertThat(f.ignoredFailureCodes()).isEmpty();
        assertThat(PasswordSpraySettings.from(s.section("password-spray")).groupBy()).isEqualTo("asn");
        BackdoorSettings b = BackdoorSettings.from(s.section("iam-backdoor-chain"));
        assertThat(b.ownAccounts()).containsExactly("444455556666");
        assertThat(b.adminRoles()).containsExactly("roles/owner");
        assertThat(b.adminPolicies()).isEqualTo(BackdoorSettings.DEFAULT_ADMIN_POLICIES);
    }

    @Test
    void badSettingsNameTheKeyAndTheFix() {
        assertThatThrownBy(() -> SequenceRules.enabled(rules("{\"rules\":{\"snapshot-exfiltration\":{\"own-accounts\":[\"acme-prod\"]}}}")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("rules.snapshot-exfiltration.own-accounts: 'acme-prod' is not an AWS account id; write the 12 digits, e.g. 111122223333");
        assertThatThrownBy(() -> SequenceRules.enabled(rules("{\"rules\":{\"password-spray\":{\"group-by\":\"country\"}}}")))
                .hasMessage("rules.password-spray.group-by: 'country' is not one of address, asn");
        assertThatThrownBy(() -> SequenceRules.enabled(rules("{\"rules\":{\"failed-logins-then-success\":{\"min-failures\":0}}}")))
                .hasMessage("rules.failed-logins-then-success.min-failures: 0 is out of range: use a number between 1 and 49");
        assertThatThrownBy(() -> SequenceRules.enabled(rules("{\"rules\":{\"defense-evasion-then-action\":{\"window\":\"10s\"}}}")))
                .hasMessage("rules.defense-evasion-then-action.window: 10s is out of range: use a duration from 1m to 7d");
    }

    @Test
    void unknownKeysAreRejectedByTheRoot() throws Exception {
        Section root = new Section("", new ObjectMapper().readTree("{\"rules\":{\"password-spray\":{\"min-principal\":3}}}"));
        SequenceRules.enabled(root.section("rules"));
        assertThatThrownBy(root::rejectUnknownKeys).hasMessageStartingWith("rules.password-spray.min-principal: unknown key");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(SnapshotSettings.defaults().window()).isEqualTo(Duration.ofHours(2));
        assertThat(FailedLoginsSettings.defaults().minFailures()).isEqualTo(3);
        assertThat(FailedLoginsSettings.defaults().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(PasswordSpraySettings.defaults().minPrincipals()).isEqualTo(10);
        assertThat(PasswordSpraySettings.defaults().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(BackdoorSettings.defaults().window()).isEqualTo(Duration.ofHours(1));
        assertThat(SnapshotSettings.defaults().ownAccounts()).isEqualTo(Set.of());
    }

    /** What the NFA buffers and what it emits are POJOs: no Kryo anywhere in CEP state. */
    @Test
    void everyRecordTheOperatorsKeepOrEmitIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AuditEvent.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Finding.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.trailhunt.cep.evasion.GateState.class);
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        assertThat(TypeInformation.of(AuditEvent.class).createSerializer(config.getSerializerConfig())).isInstanceOf(PojoSerializer.class);
    }

    @Test
    void theNfaGetsOnlyTheParametersItsPatternReads() {
        AuditEvent share = io.trailhunt.events.testing.EventBuilder.aws("ec2.amazonaws.com", "ModifySnapshotAttribute")
                .param("createVolumePermission.add.items.0.userId", "999988887777").param("attributeType", "CREATE_VOLUME_PERMISSION")
                .param("description", "x").resource("snapshotId", "snap-1").build();
        SequencePattern snapshot = SequenceRules.enabled(Section.empty("rules")).get(0);
        AuditEvent slim = snapshot.slim(share);
        assertThat(slim.params).containsOnlyKeys("createVolumePermission.add.items.0.userId");
        assertThat(slim.resources).isEqualTo(share.resources);
        slim.params.put("x", "y");
        assertThat(share.params).doesNotContainKey("x"); // a copy, not the input record
    }

    @Test
    void everyPatternAndFunctionSurvivesJavaSerialization() throws Exception {
        for (SequencePattern p : SequenceRules.enabled(Section.empty("rules"))) {
            SequencePattern copy = InstantiationUtil.clone(p);
            assertThat(copy.name()).isEqualTo(p.name());
            InstantiationUtil.clone(p.process());
            InstantiationUtil.clone(org.apache.flink.cep.nfa.compiler.NFACompiler.compileFactory(p.pattern(), false));
            InstantiationUtil.clone(new StepOrder(p));
            if (p.gate() != null) {
                InstantiationUtil.clone(p.gate());
            }
        }
    }
}
