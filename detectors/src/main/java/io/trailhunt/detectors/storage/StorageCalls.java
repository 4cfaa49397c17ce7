package io.trailhunt.detectors.storage;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;

import java.util.Set;

/**
 * Object storage calls across the clouds, as the decoders name them: S3 data and bucket events
 * ({@code resources.bucket}, {@code resources.objectKey}, {@code params.additional.bytesTransferredOut}),
 * GCS data access ({@code storage.objects.get} / {@code .list}, {@code resources.bucket}), Azure
 * storage logs ({@code GetBlob}, {@code ListBlobs}, {@code resources.storageAccount} /
 * {@code container} / {@code blob}, {@code params.bytesRead}).
 */
public final class StorageCalls {
    public static final String S3 = "s3.amazonaws.com";
    public static final String GCS = "storage.googleapis.com";
    public static final String AZURE_STORAGE = "Microsoft.Storage";

    private static final Set<String> S3_LISTING = Set.of("ListBuckets", "ListObjects", "ListObjectsV2", "ListObjectVersions", "HeadBucket");
    private static final Set<String> GCS_LISTING = Set.of("storage.buckets.list", "storage.objects.list");
    private static final Set<String> AZURE_LISTING = Set.of("ListBlobs", "ListContainers");
    /** Refusals: the caller may not touch the bucket. */
    private static final Set<String> DENIED = Set.of("AccessDenied", "AllAccessDisabled", "PERMISSION_DENIED", "UNAUTHENTICATED",
            "AuthorizationFailure", "AuthorizationPermissionMismatch", "AuthorizationError", "AuthenticationFailed",
            "AuthorizationResourceTypeMismatch", "InsufficientAccountPermissions", "403");
    /** Guesses of names that do not exist (where the provider logs them at all). */
    private static final Set<String> NOT_FOUND = Set.of("NoSuchBucket", "ContainerNotFound", "ResourceNotFound", "NOT_FOUND", "404");

    private StorageCalls() {}

    public static boolean isStorage(AuditEvent e) {
        return S3.equals(e.service) || GCS.equals(e.service) || AZURE_STORAGE.equals(e.service);
    }

    /** A read of an object's content: S3 GetObject, GCS storage.objects.get, Azure GetBlob. */
    public static boolean isObjectRead(AuditEvent e) {
        if (e.action == null) {
            return false;
        }
        if (S3.equals(e.service)) {
            return e.action.equals("GetObject");
        }
        if (GCS.equals(e.service)) {
            return e.action.equals("storage.objects.get");
        }
        return AZURE_STORAGE.equals(e.service) && e.action.equals("GetBlob");
    }

    /** Listing and probing of buckets and containers. */
    public static boolean isListing(AuditEvent e) {
        if (e.action == null) {
            return false;
        }
        if (S3.equals(e.service)) {
            return S3_LISTING.contains(e.action);
        }
        if (GCS.equals(e.service)) {
            return GCS_LISTING.contains(e.action);
        }
        return AZURE_STORAGE.equals(e.service) && AZURE_LISTING.contains(e.action);
    }

    /** A storage call refused for lack of permission, or for a bucket that does not exist. */
    public static boolean isRefused(AuditEvent e) {
        return e.failed() && e.errorCode != null && (DENIED.contains(e.errorCode) || NOT_FOUND.contains(e.errorCode));
    }

    /** The bucket, or for Azure {@code account/container}; null when the call names none (ListBuckets). */
    public static String bucket(AuditEvent e) {
        if (e.cloud == Cloud.AZURE) {
            String account = e.resource("storageAccount");
            String container = e.resource("container");
            if (account == null) {
                return null;
            }
            return container == null ? account : account + "/" + container;
        }
        return e.resource("bucket");
    }

    public static String objectKey(AuditEvent e) {
        return e.cloud == Cloud.AZURE ? e.resource("blob") : e.resource("objectKey");
    }

    /** Bytes sent to the caller, where the log says (S3 data events, Azure storage logs); 0 otherwise. */
    public static long bytesOut(AuditEvent e) {
        String v = e.cloud == Cloud.AZURE ? e.param("bytesRead") : e.param("additional.bytesTransferredOut");
        if (v == null) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v); // CloudTrail writes some as 500.0
            return d > 0 && d < Long.MAX_VALUE ? (long) d : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
