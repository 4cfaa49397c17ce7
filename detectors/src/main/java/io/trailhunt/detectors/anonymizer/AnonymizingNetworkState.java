package io.trailhunt.detectors.anonymizer;

import io.trailhunt.detectors.common.StringLongMapTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Map;

/** Per principal: when each kind of network was last reported, to report it once per quiet period. */
public class AnonymizingNetworkState {
    /** subject ("tor-exit", "threat-intel:botnet", "entra-risk:high") → event time of its finding. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> reported = new HashMap<>();
    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public AnonymizingNetworkState() {}
}
