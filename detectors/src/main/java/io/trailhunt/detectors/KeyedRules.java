package io.trailhunt.detectors;

import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of keyed-state detectors: reads each one's settings from {@code rules.<rule id>}
 * and returns those that are enabled. Adding a detector means one line here.
 */
public final class KeyedRules {
    private KeyedRules() {}

    public static List<Detector<?>> enabled(Section rules) {
        List<Detector<?>> out = new ArrayList<>();
        LogTamperingSettings tampering = LogTamperingSettings.from(rules.section(LogTamperingDetector.RULE_ID));
        if (tampering.enabled()) {
            out.add(new LogTamperingDetector(tampering));
        }
        return out;
    }
}
