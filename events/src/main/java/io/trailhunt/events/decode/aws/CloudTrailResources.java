package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;

import java.util.Map;

/**
 * The named things a CloudTrail call touched, under the canonical resource keys, read from
 * requestParameters and (where the request does not name them: things the call created) from
 * responseElements. Service-specific names are read only for their service, so an EC2 security
 * group's groupName is not taken for an IAM group.
 */
final class CloudTrailResources {
    private static final String S3 = "s3.amazonaws.com";
    private static final String IAM = "iam.amazonaws.com";
    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    private CloudTrailResources() {}

    static void collect(JsonNode record, String service, String action, Map<String, String> into) {
        JsonNode req = Json.object(record, "requestParameters");
        JsonNode resp = Json.object(record, "responseElements");

        put(into, "bucket", Json.text(req, "bucketName"));
        if (S3.equals(service)) {
            put(into, "objectKey", Json.text(req, "key"));
        }
        put(into, "snapshotId", snapshotId(req, resp, action));
        put(into, "imageId", imageId(req, resp, action));
        put(into, "instanceId", instanceId(req, resp, action));

        if (IAM.equals(service)) {
            String user = Json.text(req, "userName");
            if ("CreateAccessKey".equals(action)) {
                // A user may create a key for itself without naming itself: the response names the owner.
                String owner = Json.text(resp, "accessKey", "userName");
                user = owner != null ? owner : user;
            }
            put(into, "userName", user);
            put(into, "roleName", Json.text(req, "roleName"));
            put(into, "groupName", Json.text(req, "groupName"));
            put(into, "policyArn", Json.text(req, "policyArn"));
        }
        String accessKey = Json.text(req, "accessKeyId");
        if (accessKey == null && "CreateAccessKey".equals(action)) {
            accessKey = Json.text(resp, "accessKey", "accessKeyId");
        }
        put(into, "accessKeyId", accessKey);

        if (CLOUDTRAIL.equals(service)) {
            put(into, "trailName", Json.firstText(req, "name", "trailName"));
        }
    }

    /** EC2 snapshot id, or the RDS DB / cluster snapshot identifier. */
    private static String snapshotId(JsonNode req, JsonNode resp, String action) {
        String id = Json.text(req, "snapshotId");
        if (id == null && ("CreateSnapshot".equals(action) || "CopySnapshot".equals(action))) {
            id = Json.text(resp, "snapshotId");
        }
        if (id == null) {
            id = Json.firstText(req, "dBSnapshotIdentifier", "dBClusterSnapshotIdentifier");
        }
        if (id == null) {
            // CopyDBSnapshot names source and target in the request; the response names the copy.
            id = Json.firstText(resp, "dBSnapshotIdentifier", "dBClusterSnapshotIdentifier");
        }
        return id;
    }

    private static String imageId(JsonNode req, JsonNode resp, String action) {
        String id = Json.text(req, "imageId");
        if (id == null) {
            id = Json.text(single(Json.at(req, "instancesSet")), "imageId"); // RunInstances
        }
        if (id == null && ("CreateImage".equals(action) || "CopyImage".equals(action))) {
            id = Json.text(resp, "imageId");
        }
        return id;
    }

    /** Only when the call names exactly one instance. */
    private static String instanceId(JsonNode req, JsonNode resp, String action) {
        String id = Json.text(req, "instanceId");
        if (id == null) {
            id = Json.text(single(Json.at(req, "instancesSet")), "instanceId");
        }
        if (id == null) {
            JsonNode ids = Json.array(req, "instanceIds"); // SSM SendCommand
            if (ids != null && ids.size() == 1 && ids.get(0).isTextual()) {
                id = ids.get(0).textValue();
            }
        }
        if (id == null && "RunInstances".equals(action)) {
            id = Json.text(single(Json.at(resp, "instancesSet")), "instanceId");
        }
        return id;
    }

    /** The one element of an EC2 item set ({@code {"items":[x]}} or {@code {"item":[x]}}), else null. */
    private static JsonNode single(JsonNode set) {
        JsonNode items = Json.array(set, "items");
        if (items == null) {
            items = Json.array(set, "item");
        }
        return items != null && items.size() == 1 ? items.get(0) : null;
    }

    private static void put(Map<String, String> into, String key, String value) {
        if (value != null) {
            into.put(key, value);
        }
    }
}
