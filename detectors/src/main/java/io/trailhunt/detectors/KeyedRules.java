package io.trailhunt.detectors;

import io.trailhunt.detectors.anonymizer.AnonymizingNetworkDetector;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkSettings;
import io.trailhunt.detectors.download.BulkDownloadDetector;
import io.trailhunt.detectors.download.BulkDownloadSettings;
import io.trailhunt.detectors.enumeration.BucketEnumerationDetector;
import io.trailhunt.detectors.enumeration.BucketEnumerationSettings;
import io.trailhunt.detectors.firstseen.Dimension;
import io.trailhunt.detectors.firstseen.FirstSeenDetector;
import io.trailhunt.detectors.firstseen.FirstSeenSettings;
import io.trailhunt.detectors.hours.AfterHoursDetector;
import io.trailhunt.detectors.hours.AfterHoursSettings;
import io.trailhunt.detectors.manyips.ManySourceIpsDetector;
import io.trailhunt.detectors.manyips.ManySourceIpsSettings;
import io.trailhunt.detectors.novelty.NoveltyDetector;
import io.trailhunt.detectors.novelty.NoveltySettings;
import io.trailhunt.detectors.persistence.CredentialPersistenceDetector;
import io.trailhunt.detectors.persistence.CredentialPersistenceSettings;
import io.trailhunt.detectors.storageclient.UncommonStorageClientDetector;
import io.trailhunt.detectors.storageclient.UncommonStorageClientSettings;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.detectors.travel.ImpossibleTravelDetector;
import io.trailhunt.detectors.travel.ImpossibleTravelSettings;
import io.trailhunt.detectors.volume.VolumeSpikeDetector;
import io.trailhunt.detectors.volume.VolumeSpikeSettings;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
        ImpossibleTravelSettings travel = ImpossibleTravelSettings.from(rules.section(ImpossibleTravelDetector.RULE_ID));
        if (travel.enabled()) {
            out.add(new ImpossibleTravelDetector(travel));
        }
        out.addAll(firstSeen(rules));
        ManySourceIpsSettings manyIps = ManySourceIpsSettings.from(rules.section(ManySourceIpsDetector.RULE_ID));
        if (manyIps.enabled()) {
            out.add(new ManySourceIpsDetector(manyIps));
        }
        AnonymizingNetworkSettings anonymizing = AnonymizingNetworkSettings.from(rules.section(AnonymizingNetworkDetector.RULE_ID));
        if (anonymizing.enabled()) {
            out.add(new AnonymizingNetworkDetector(anonymizing));
        }
        UncommonStorageClientSettings storageClient = UncommonStorageClientSettings.from(rules.section(UncommonStorageClientDetector.RULE_ID));
        if (storageClient.enabled()) {
            out.add(new UncommonStorageClientDetector(storageClient));
        }
        CredentialPersistenceSettings persistence = CredentialPersistenceSettings.from(rules.section(CredentialPersistenceDetector.RULE_ID));
        if (persistence.enabled()) {
            out.add(new CredentialPersistenceDetector(persistence));
        }
        add(out, rules, BulkDownloadDetector.RULE_ID, BulkDownloadSettings::from, BulkDownloadSettings::enabled, BulkDownloadDetector::new);
        add(out, rules, BucketEnumerationDetector.RULE_ID, BucketEnumerationSettings::from, BucketEnumerationSettings::enabled, BucketEnumerationDetector::new);
        add(out, rules, AfterHoursDetector.RULE_ID, AfterHoursSettings::from, AfterHoursSettings::enabled, AfterHoursDetector::new);
        add(out, rules, VolumeSpikeDetector.RULE_ID, VolumeSpikeSettings::from, VolumeSpikeSettings::enabled, VolumeSpikeDetector::new);
        add(out, rules, NoveltyDetector.RULE_ID, NoveltySettings::from, NoveltySettings::enabled, NoveltyDetector::new);
        return out;
    }

    /** new-country, new-asn, new-source-ip: each leaves to the enabled coarser ones what is new there. */
    private static List<Detector<?>> firstSeen(Section rules) {
        Map<Dimension, FirstSeenSettings> settings = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            settings.put(d, FirstSeenSettings.from(rules.section(d.ruleId())));
        }
        List<Detector<?>> out = new ArrayList<>();
        for (Dimension d : List.of(Dimension.COUNTRY, Dimension.ASN, Dimension.SOURCE_IP)) {
            if (!settings.get(d).enabled()) {
                continue;
            }
            List<Dimension> coarserOn = new ArrayList<>();
            for (Dimension c : Dimension.values()) {
                if (c.ordinal() > d.ordinal() && settings.get(c).enabled()) {
                    coarserOn.add(c);
                }
            }
            out.add(new FirstSeenDetector(d, settings.get(d), coarserOn));
        }
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
