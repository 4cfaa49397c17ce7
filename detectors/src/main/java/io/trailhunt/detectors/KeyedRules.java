package io.trailhunt.detectors;

import io.trailhunt.detectors.anonymizer.AnonymizingNetworkDetector;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkSettings;
import io.trailhunt.detectors.firstseen.Dimension;
import io.trailhunt.detectors.firstseen.FirstSeenDetector;
import io.trailhunt.detectors.firstseen.FirstSeenSettings;
import io.trailhunt.detectors.manyips.ManySourceIpsDetector;
import io.trailhunt.detectors.manyips.ManySourceIpsSettings;
import io.trailhunt.detectors.persistence.CredentialPersistenceDetector;
import io.trailhunt.detectors.persistence.CredentialPersistenceSettings;
import io.trailhunt.detectors.storageclient.UncommonStorageClientDetector;
import io.trailhunt.detectors.storageclient.UncommonStorageClientSettings;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.detectors.travel.ImpossibleTravelDetector;
import io.trailhunt.detectors.travel.ImpossibleTravelSettings;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
}
