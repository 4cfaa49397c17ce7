package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.Category;

import java.util.Set;

/** The kind of CloudTrail record, from eventType, eventCategory and (for older records) managementEvent. */
final class CloudTrailCategory {
    static final String CONSOLE_SIGN_IN = "AwsConsoleSignIn";

    /**
     * S3 data-event names. Records written before eventCategory existed (eventVersion below 1.08)
     * mark data events only with managementEvent=false; these names make that flag trustworthy.
     */
    private static final Set<String> S3_DATA_EVENTS = Set.of(
            "GetObject", "PutObject", "CopyObject", "DeleteObject", "DeleteObjects", "HeadObject",
            "RestoreObject", "SelectObjectContent", "GetObjectAcl", "PutObjectAcl", "GetObjectAttributes",
            "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", "GetObjectRetention",
            "PutObjectRetention", "GetObjectLegalHold", "PutObjectLegalHold", "CreateMultipartUpload",
            "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "AbortMultipartUpload", "ListParts",
            "ListObjects", "ListObjectsV2", "ListObjectVersions", "ListBucket", "ListMultipartUploads");

    private CloudTrailCategory() {}

    static boolean isSignIn(JsonNode r) {
        return CONSOLE_SIGN_IN.equals(Json.text(r, "eventType"));
    }

    static boolean isInsight(JsonNode r) {
        return "Insight".equals(Json.text(r, "eventCategory")) || "AwsCloudTrailInsight".equals(Json.text(r, "eventType"));
    }

    static Category of(JsonNode r, String service, String action) {
        if (isSignIn(r)) {
            return Category.SIGN_IN;
        }
        if (isInsight(r)) {
            return Category.OTHER;
        }
        String category = Json.text(r, "eventCategory");
        if (category == null || "Management".equals(category)) {
            if (category == null && Boolean.FALSE.equals(Json.bool(r, "managementEvent"))
                    && "s3.amazonaws.com".equals(service) && S3_DATA_EVENTS.contains(action)) {
                return Category.DATA;
            }
            return Category.MANAGEMENT;
        }
        if ("Data".equals(category)) {
            return Category.DATA;
        }
        // NetworkActivity (VPC endpoint traffic) and kinds added later.
        return Category.OTHER;
    }
}
