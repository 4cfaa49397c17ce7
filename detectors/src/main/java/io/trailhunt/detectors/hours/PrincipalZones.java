package io.trailhunt.detectors.hours;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which time zone a principal works in: the first configured pattern (exact or with {@code *},
 * case-insensitive) that matches its id, else the organisation's zone.
 */
public final class PrincipalZones implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId organisation;
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<ZoneId> zones = new ArrayList<>();

    public PrincipalZones(ZoneId organisation) {
        this.organisation = organisation;
    }

    public PrincipalZones with(String principalPattern, ZoneId zone) {
        String[] parts = principalPattern.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            re.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        patterns.add(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
        zones.add(zone);
        return this;
    }

    public ZoneId organisation() {
        return organisation;
    }

    public ZoneId of(String principal) {
        if (principal != null) {
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matcher(principal).matches()) {
                    return zones.get(i);
                }
            }
        }
        return organisation;
    }

    @Override
    public String toString() {
        return "PrincipalZones{" + organisation + ", " + patterns.size() + " principal zones}";
    }
}
