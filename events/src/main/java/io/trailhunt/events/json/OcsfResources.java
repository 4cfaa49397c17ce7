package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.Evidence;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finding's affected resources as OCSF {@code resources} (resource_details objects): the
 * named resources the decoders put in each evidence's details (bucket, instance, trail, ...),
 * once each. Details a rule added (counts, kinds) are not resources and are left out.
 */
final class OcsfResources {
    /** At most this many resources per finding: enough to point at what was touched. */
    static final int MAX = 50;

    /** Decoder resource keys whose value is an identifier (written as uid); the rest are names. */
    private static final Set<String> UIDS = Set.of(
            "snapshotId", "imageId", "instanceId", "policyArn", "accessKeyId", "resourceId", "resourceName", "serviceAccount");
    private static final Set<String> NAMES = Set.of(
            "bucket", "objectKey", "userName", "roleName", "groupName", "trailName", "storageAccount", "container", "blob",
            "app", "targetUser");

    private OcsfResources() {}

    static void write(JsonGenerator g, List<Evidence> evidence) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        boolean open = false;
        for (Evidence e : evidence) {
            for (Map.Entry<String, String> d : e.details.entrySet()) {
                String type = d.getKey();
                boolean uid = UIDS.contains(type);
                if ((!uid && !NAMES.contains(type)) || seen.size() >= MAX || !seen.add(type + '\n' + d.getValue())) {
                    continue;
                }
                if (!open) {
                    g.writeArrayFieldStart("resources");
                    open = true;
                }
                g.writeStartObject();
                g.writeStringField(uid ? "uid" : "name", d.getValue());
                g.writeStringField("type", type);
                if (e.region != null) {
                    g.writeStringField("region", e.region);
                }
                g.writeEndObject();
            }
        }
        if (open) {
            g.writeEndArray();
        }
    }
}
