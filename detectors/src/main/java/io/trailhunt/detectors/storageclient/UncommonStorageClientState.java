package io.trailhunt.detectors.storageclient;

import io.trailhunt.detectors.common.StringLongMapTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Map;

/** Per principal: each desktop storage client it used, with when it was last seen. */
public class UncommonStorageClientState {
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> clients = new HashMap<>();
    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public UncommonStorageClientState() {}
}
