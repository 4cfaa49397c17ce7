package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audited call, normalized across AWS CloudTrail, GCP Cloud Audit Logs and Azure logs.
 *
 * <p>A Flink POJO: public fields, a no-arg constructor, and type-info factories for the maps so
 * nothing falls back to Kryo. Strings that a log does not carry stay null; maps are never null.
 */
public class AuditEvent {
    /** The provider's event id (CloudTrail eventID, GCP insertId, Azure correlation/record id). */
    public String eventId;
    /** When the call happened, epoch milliseconds UTC: the event time of the whole pipeline. */
    public long eventTime;

    public Cloud cloud;
    /** AWS account id, GCP project id, Azure tenant or subscription id. */
    public String account;
    /**
     * Canonical identity: an AWS ARN (for role sessions the session ARN, or its source identity
     * when one was set), a GCP principal email, an Azure UPN or object id.
     */
    public String principal;

    public PrincipalType principalType;
    /** The cloud's own word for the identity type (IAMUser, AssumedRole, ServicePrincipal, ...). */
    public String principalTypeRaw;
    /** For AWS role sessions: the role the session was issued from. */
    public String roleArn;

    public String sourceIp;
    public String userAgent;
    /** eventSource / serviceName / resource provider, e.g. "s3.amazonaws.com", "storage.googleapis.com". */
    public String service;
    /** eventName / methodName / operationName, e.g. "StopLogging", "storage.objects.get". */
    public String action;

    public Outcome outcome;
    public String errorCode;
    public String errorMessage;
    public String region;
    public Category category;
    /** The provider's read-only flag where it has one; null when unknown. */
    public Boolean readOnly;

    /** Named resources the call touched: bucket, objectKey, snapshotId, userName, trailName, ... */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> resources = new LinkedHashMap<>();

    /** Request parameters rules need, flattened to dotted paths (bounded in count and length). */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> params = new LinkedHashMap<>();

    /** Location the provider itself supplied (Entra sign-ins); null when it supplied none. */
    public Geo providerGeo;
    /**
     * The event's location after enrichment; null before enrichment or when unknown. When the
     * provider supplied a location, this is the provider's location (it saw the sign-in; GeoIP only
     * guesses from the address), with the network facts (ASN, anonymizer flags) that providers do
     * not give filled in from GeoIP; GeoIP's own answer is then kept in {@link #geoIp}.
     */
    public Geo geo;
    /**
     * GeoIP's answer for {@link #sourceIp}, kept beside the provider's location when {@link #geo}
     * is the provider's; null otherwise (then {@code geo} is GeoIP's answer), so the answer is not
     * carried twice.
     */
    public Geo geoIp;
    /**
     * What enrichment made of {@link #sourceIp}: public (looked up), private, reserved, a cloud
     * service name, invalid, or none; null before enrichment. Public with a null {@code geo} means
     * looked up and not found.
     */
    public AddressKind sourceIpKind;

    /** Where the record was read from: file and record number, topic/partition/offset, shard/sequence. */
    public String origin;

    public AuditEvent() {}

    /** The key every per-principal rule uses: cloud, account and principal together. */
    public String principalKey() {
        return principalKey(cloud, account, principal);
    }

    /**
     * Azure identities (UPNs, object ids) are unique across tenants and act in the tenant (sign-ins)
     * and in its subscriptions (Activity Log): keyed without the account, one identity has one history.
     */
    public static String principalKey(Cloud cloud, String account, String principal) {
        if (cloud == Cloud.AZURE && principal != null) {
            return "azure||" + principal;
        }
        return (cloud == null ? "?" : cloud.id()) + "|" + (account == null ? "" : account) + "|" + (principal == null ? "" : principal);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    public boolean failed() {
        return outcome == Outcome.FAILURE;
    }

    /** The source network: GeoIP's (or, after enrichment, the provider's) in {@code geo}, else the provider's own (Entra's, unenriched). */
    public Long asn() {
        if (geo != null && geo.asn != null) {
            return geo.asn;
        }
        return providerGeo != null ? providerGeo.asn : null;
    }

    public String resource(String name) {
        return resources.get(name);
    }

    public String param(String path) {
        return params.get(path);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuditEvent)) {
            return false;
        }
        AuditEvent e = (AuditEvent) o;
        return eventTime == e.eventTime
                && Objects.equals(eventId, e.eventId)
                && cloud == e.cloud
                && Objects.equals(account, e.account)
                && Objects.equals(principal, e.principal)
                && principalType == e.principalType
                && Objects.equals(principalTypeRaw, e.principalTypeRaw)
                && Objects.equals(roleArn, e.roleArn)
                && Objects.equals(sourceIp, e.sourceIp)
                && Objects.equals(userAgent, e.userAgent)
                && Objects.equals(service, e.service)
                && Objects.equals(action, e.action)
                && outcome == e.outcome
                && Objects.equals(errorCode, e.errorCode)
                && Objects.equals(errorMessage, e.errorMessage)
                && Objects.equals(region, e.region)
                && category == e.category
                && Objects.equals(readOnly, e.readOnly)
                && Objects.equals(resources, e.resources)
                && Objects.equals(params, e.params)
                && Objects.equals(providerGeo, e.providerGeo)
                && Objects.equals(geo, e.geo)
                && Objects.equals(geoIp, e.geoIp)
                && sourceIpKind == e.sourceIpKind
                && Objects.equals(origin, e.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventTime, cloud, principal, action);
    }

    @Override
    public String toString() {
        return "AuditEvent{" + cloud + " " + java.time.Instant.ofEpochMilli(eventTime) + " " + account + " " + principal
                + " " + service + ":" + action + " " + outcome + (errorCode == null ? "" : "(" + errorCode + ")")
                + " from " + sourceIp + " id=" + eventId + "}";
    }
}
