package io.trailhunt.job.cli;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkDetector;
import io.trailhunt.detectors.travel.ImpossibleTravelDetector;
import io.trailhunt.enrichment.geoip.GeoIpSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which enabled rules are blind, or half blind, with the GeoIP databases configured: said at
 * start-up, so that a run over real logs with no database is not mistaken for a clean bill.
 * The rules stay on: Entra ID sign-ins carry their own location, and the threat-intelligence
 * list and provider risk signals need no database.
 */
final class GeoRuleCoverage {
    private GeoRuleCoverage() {}

    static List<String> warnings(GeoIpSettings geoip, List<Detector<?>> detectors) {
        Set<String> on = detectors.stream().map(Detector::ruleId).collect(Collectors.toSet());
        boolean enabled = geoip.enabled();
        boolean city = enabled && geoip.city() != null;
        boolean country = enabled && (city || geoip.country() != null);
        boolean asn = enabled && geoip.asn() != null;
        boolean anonymous = enabled && geoip.anonymousIp() != null;
        String missing = enabled ? "without " : "with geoip.enabled: false, ";
        List<String> out = new ArrayList<>();
        List<String> needCity = new ArrayList<>();
        if (on.contains(ImpossibleTravelDetector.RULE_ID) && !city) {
            needCity.add(ImpossibleTravelDetector.RULE_ID);
        }
        if (on.contains("new-country") && !country) {
            needCity.add("new-country");
        }
        if (!needCity.isEmpty()) {
            out.add(missing + (enabled ? GeoIpSettings.SECTION + ".city, " : "") + String.join(" and ", needCity)
                    + " see only the locations Entra ID gives its sign-ins"); // the decoder's, used without enrichment too
        }
        if (on.contains("new-asn") && !asn) {
            out.add(missing + (enabled ? GeoIpSettings.SECTION + ".asn, " : "") + "new-asn sees only the networks Entra ID gives its sign-ins");
        }
        if (on.contains(AnonymizingNetworkDetector.RULE_ID) && !anonymous) {
            out.add(missing + (enabled ? GeoIpSettings.SECTION + ".anonymous-ip, " : "") + AnonymizingNetworkDetector.RULE_ID
                    + " sees only the threat-intelligence list and the providers' risk signals, not Tor exits, proxies and VPNs");
        }
        return out;
    }
}
