package io.trailhunt.cep;

import io.trailhunt.cep.backdoor.IamBackdoorChain;
import io.trailhunt.cep.evasion.DefenseEvasionThenAction;
import io.trailhunt.cep.signin.FailedLoginsThenSuccess;
import io.trailhunt.cep.signin.PasswordSpray;
import io.trailhunt.cep.snapshot.SnapshotExfiltration;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of sequence rules (the CEP counterpart of {@code detectors.KeyedRules}): reads each
 * rule's settings from {@code rules.<rule id>} and returns the patterns of those enabled. Adding
 * a rule means one line here.
 */
public final class SequenceRules {
    private SequenceRules() {}

    public static List<SequencePattern> enabled(Section rules) {
        List<SequencePattern> out = new ArrayList<>();
        out.addAll(SnapshotExfiltration.patterns(rules));
        out.addAll(FailedLoginsThenSuccess.patterns(rules));
        out.addAll(PasswordSpray.patterns(rules));
        out.addAll(IamBackdoorChain.patterns(rules));
        out.addAll(DefenseEvasionThenAction.patterns(rules));
        return out;
    }
}
