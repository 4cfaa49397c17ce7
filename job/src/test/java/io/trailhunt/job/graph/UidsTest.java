package io.trailhunt.job.graph;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.SequenceRules;
import io.trailhunt.events.settings.Section;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UidsTest {
    /** A new sequence pattern must be given its uid on purpose: the list in Uids is what a release promises. */
    @Test
    void everySequencePatternHasAReleasedUid() {
        for (SequencePattern p : SequenceRules.enabled(Section.empty("rules"))) {
            assertThat(Uids.CEP_OPERATORS).contains(Uids.cep(p.name()));
        }
        assertThat(Uids.CEP_OPERATORS).hasSize(SequenceRules.enabled(Section.empty("rules")).size()).doesNotHaveDuplicates();
    }
}
