package io.trailhunt.detectors.persistence;

import io.trailhunt.detectors.common.StringLongMapTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Map;

/** Per principal: which kinds of credential it created lately, and which keys' use was reported. */
public class CredentialPersistenceState {
    /** habit ("aws-access-key:other") → event time it was last done. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> habits = new HashMap<>();
    /** service-account key name → event time its use from outside was last reported. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> keyUse = new HashMap<>();
    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public CredentialPersistenceState() {}
}
