package io.trailhunt.detectors;

import io.trailhunt.detectors.download.BulkDownloadDetector;
import io.trailhunt.detectors.download.BulkDownloadSettings;
import io.trailhunt.detectors.enumeration.BucketEnumerationDetector;
import io.trailhunt.detectors.enumeration.BucketEnumerationSettings;
import io.trailhunt.detectors.hours.AfterHoursDetector;
import io.trailhunt.detectors.hours.AfterHoursSettings;
import io.trailhunt.detectors.novelty.NoveltyDetector;
import io.trailhunt.detectors.novelty.NoveltySettings;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.detectors.volume.VolumeSpikeDetector;
import io.trailhunt.detectors.volume.VolumeSpikeSettings;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The registry of keyed-state detectors: reads each one's settings from {@code rules.<rule id>}
 * and returns those that are enabled. Adding a detector means one line here.
 * ({@code principal-risk} works on findings, not events: see {@code risk.RiskSettings}.)
 */
public final class KeyedRules {
    private KeyedRules() {}

    public static List<Detector<?>> enabled(Section rules) {
        List<Detector<?>> out = new ArrayList<>();
        LogTamperingSettings tampering = LogTamperingSettings.from(rules.section(LogTamperingDetector.RULE_ID));
        if (tampering.enabled()) {
            out.add(new LogTamperingDetector(tampering));
        }
        add(out, rules, BulkDownloadDetector.RULE_ID, BulkDownloadSettings::from, BulkDownloadSettings::enabled, BulkDownloadDetector::new);
        add(out, rules, BucketEnumerationDetector.RULE_ID, BucketEnumerationSettings::from, BucketEnumerationSettings::enabled, BucketEnumerationDetector::new);
        add(out, rules, AfterHoursDetector.RULE_ID, AfterHoursSettings::from, AfterHoursSettings::enabled, AfterHoursDetector::new);
        add(out, rules, VolumeSpikeDetector.RULE_ID, VolumeSpikeSettings::from, VolumeSpikeSettings::enabled, VolumeSpikeDetector::new);
        add(out, rules, NoveltyDetector.RULE_ID, NoveltySettings::from, NoveltySettings::enabled, NoveltyDetector::new);
        return out;
    }

    private static <T> void add(List<Detector<?>> out, Section rules, String ruleId, Function<Section, T> settings,
                                Predicate<T> enabled, Function<T, Detector<?>> detector) {
        T s = settings.apply(rules.section(ruleId));
        if (enabled.test(s)) {
            out.add(detector.apply(s));
        }
    }
}
