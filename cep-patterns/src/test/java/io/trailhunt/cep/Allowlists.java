package io.trailhunt.cep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.settings.Section;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule's {@code allow} section, read from configuration as the job reads it, checked entry kind by entry kind. */
public final class Allowlists {
    /** The AS the story's events come from (a private-use number), and one they do not. */
    public static final long STORY_ASN = 64512;
    private static final long OTHER_ASN = 64500;

    private Allowlists() {}

    /** {@code rules} with {@code rules.<rule id>.allow} set to the JSON object given. */
    public static Section rules(String ruleId, String allowJson) throws Exception {
        String json = "{\"rules\":{\"" + ruleId + "\":{\"allow\":" + allowJson + "}}}";
        return new Section("", new ObjectMapper().readTree(json)).section("rules");
    }

    /**
     * The story (its events from {@link #STORY_ASN}) is found with an empty allowlist and with one
     * that names another AS; it is not found when the allowlist names its principal, its network or
     * its AS. Returns the findings without an allowlist.
     */
    public static List<Finding> assertEachKindOfEntryTellsNothing(String ruleId, Function<Section, List<SequencePattern>> rule, long boundMillis,
            String principal, String cidr, AuditEvent... story) throws Exception {
        AuditEvent[] fromAsn = new AuditEvent[story.length];
        for (int i = 0; i < story.length; i++) {
            fromAsn[i] = Events.copy(story[i]);
            Geo g = new Geo();
            g.asn = STORY_ASN;
            fromAsn[i].geo = g;
        }
        List<Finding> found = replay(rule.apply(rules(ruleId, "{}")), boundMillis, fromAsn);
        assertThat(found).as("without an allowlist").isNotEmpty();
        assertThat(replay(rule.apply(rules(ruleId, "{\"asns\":[\"AS" + OTHER_ASN + "\"]}")), boundMillis, fromAsn)).isEqualTo(found);
        assertThat(replay(rule.apply(rules(ruleId, "{\"principals\":[\"" + principal + "\"]}")), boundMillis, fromAsn)).as("principals").isEmpty();
        assertThat(replay(rule.apply(rules(ruleId, "{\"cidrs\":[\"" + cidr + "\"]}")), boundMillis, fromAsn)).as("cidrs").isEmpty();
        assertThat(replay(rule.apply(rules(ruleId, "{\"asns\":[\"AS" + STORY_ASN + "\"]}")), boundMillis, fromAsn)).as("asns").isEmpty();
        assertThat(replay(rule.apply(rules(ruleId, "{\"asns\":[\"" + STORY_ASN + "\"]}")), boundMillis, fromAsn)).as("asns, bare").isEmpty();
        return found;
    }

    private static List<Finding> replay(List<SequencePattern> patterns, long boundMillis, AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(patterns)) {
            return h.replay(boundMillis, events);
        }
    }
}
