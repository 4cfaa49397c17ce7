package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Writes CloudTrail records the way CloudTrail does (event version 1.09/1.10 field set). */
final class CloudTrail {
    static final String ACCOUNT = "111122223333";

    private final Random random;

    CloudTrail(Random random) {
        this.random = random;
    }

    /** Who called: the userIdentity block. */
    static ObjectNode iamUser(String name) {
        ObjectNode id = Json.object();
        id.put("type", "IAMUser");
        id.put("principalId", "AIDA" + Math.abs(name.hashCode()) + "EXAMPLE");
        id.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        id.put("accountId", ACCOUNT);
        id.put("accessKeyId", "AKIA" + Integer.toHexString(name.hashCode()).toUpperCase() + "EXAMPLE");
        id.put("userName", name);
        return id;
    }

    static ObjectNode assumedRole(String role, String session) {
        ObjectNode id = Json.object();
        id.put("type", "AssumedRole");
        id.put("principalId", "AROA" + Math.abs(role.hashCode()) + ":" + session);
        id.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session);
        id.put("accountId", ACCOUNT);
        id.put("accessKeyId", "ASIA" + Integer.toHexString(session.hashCode()).toUpperCase() + "EXAMPLE");
        ObjectNode ctx = id.putObject("sessionContext");
        ObjectNode issuer = ctx.putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("principalId", "AROA" + Math.abs(role.hashCode()));
        issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + role);
        issuer.put("accountId", ACCOUNT);
        issuer.put("userName", role.substring(role.lastIndexOf('/') + 1));
        ObjectNode attrs = ctx.putObject("attributes");
        attrs.put("creationDate", "2026-11-02T06:00:00Z");
        attrs.put("mfaAuthenticated", "false");
        return id;
    }

    static ObjectNode awsService(String service) {
        ObjectNode id = Json.object();
        id.put("type", "AWSService");
        id.put("invokedBy", service);
        return id;
    }

    /** One API call; chain the optional parts. */
    final class Call {
        final ObjectNode node = Json.object();

        Call(Instant t, ObjectNode identity, String source, String name, String ip, String userAgent, String region) {
            node.put("eventVersion", "1.10");
            node.set("userIdentity", identity);
            node.put("eventTime", Json.seconds(t));
            node.put("eventSource", source);
            node.put("eventName", name);
            node.put("awsRegion", region);
            node.put("sourceIPAddress", ip);
            node.put("userAgent", userAgent);
            node.putNull("requestParameters");
            node.putNull("responseElements");
            node.put("requestID", uuid());
            node.put("eventID", uuid());
            node.put("readOnly", name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe") || name.startsWith("Head"));
            node.put("eventType", "AwsApiCall");
            node.put("managementEvent", true);
            node.put("recipientAccountId", ACCOUNT);
            node.put("eventCategory", "Management");
            ObjectNode tls = node.putObject("tlsDetails");
            tls.put("tlsVersion", "TLSv1.3");
            tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
            tls.put("clientProvidedHostHeader", source.replace(".amazonaws.com", "") + "." + region + ".amazonaws.com");
        }

        ObjectNode request() {
            return node.get("requestParameters").isObject() ? (ObjectNode) node.get("requestParameters") : node.putObject("requestParameters");
        }

        Call param(String key, String value) {
            request().put(key, value);
            return this;
        }

        Call param(String key, boolean value) {
            request().put(key, value);
            return this;
        }

        ObjectNode response() {
            return node.get("responseElements").isObject() ? (ObjectNode) node.get("responseElements") : node.putObject("responseElements");
        }

        Call failed(String code, String message) {
            node.put("errorCode", code);
            node.put("errorMessage", message);
            return this;
        }

        /** An S3 object-level data event. */
        Call data(String bucket, String key, long bytesOut) {
            node.put("managementEvent", false);
            node.put("eventCategory", "Data");
            node.put("readOnly", true);
            param("bucketName", bucket);
            param("Host", bucket + ".s3.us-east-1.amazonaws.com");
            param("key", key);
            ObjectNode extra = node.putObject("additionalEventData");
            extra.put("SignatureVersion", "SigV4");
            extra.put("bytesTransferredIn", 0);
            extra.put("bytesTransferredOut", bytesOut);
            ObjectNode res = node.putArray("resources").addObject();
            res.put("type", "AWS::S3::Object");
            res.put("ARN", "arn:aws:s3:::" + bucket + "/" + key);
            return this;
        }

        /** An S3 bucket-level data event (ListObjects, as CloudTrail names ListObjectsV2 too). */
        Call bucketData(String bucket) {
            node.put("managementEvent", false);
            node.put("eventCategory", "Data");
            node.put("readOnly", true);
            param("bucketName", bucket);
            param("Host", bucket + ".s3.us-east-1.amazonaws.com");
            param("list-type", "2");
            param("prefix", "");
            node.putObject("additionalEventData").put("SignatureVersion", "SigV4").put("bytesTransferredIn", 0);
            ObjectNode res = node.putArray("resources").addObject();
            res.put("type", "AWS::S3::Bucket");
            res.put("ARN", "arn:aws:s3:::" + bucket);
            return this;
        }

        /** A console sign-in event; the outcome is in responseElements. */
        Call consoleLogin(boolean success, boolean mfa) {
            node.put("eventType", "AwsConsoleSignIn");
            node.put("eventCategory", "Management");
            node.remove("readOnly");
            node.putObject("responseElements").put("ConsoleLogin", success ? "Success" : "Failure");
            ObjectNode extra = node.putObject("additionalEventData");
            extra.put("LoginTo", "https://console.aws.amazon.com/console/home");
            extra.put("MobileVersion", "No");
            extra.put("MFAUsed", mfa ? "Yes" : "No");
            if (!success) {
                node.put("errorMessage", "Failed authentication");
            }
            return this;
        }
    }

    Call call(Instant t, ObjectNode identity, String source, String name, String ip, String userAgent, String region) {
        return new Call(t, identity, source, name, ip, userAgent, region);
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
