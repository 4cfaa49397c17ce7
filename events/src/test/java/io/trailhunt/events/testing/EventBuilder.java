package io.trailhunt.events.testing;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds AuditEvents for tests, relative to a fixed instant: no test reads the clock. */
public final class EventBuilder {
    /** Monday 2026-11-02 09:00 UTC. */
    public static final Instant BEGINNING = Instant.parse("2026-11-02T09:00:00Z");

    private static final AtomicLong IDS = new AtomicLong();

    private final AuditEvent e = new AuditEvent();

    private EventBuilder(Cloud cloud, String service, String action) {
        e.eventId = "evt-" + IDS.incrementAndGet();
        e.eventTime = BEGINNING.toEpochMilli();
        e.cloud = cloud;
        e.service = service;
        e.action = action;
        e.outcome = Outcome.SUCCESS;
        e.category = Category.MANAGEMENT;
        e.principalType = PrincipalType.USER;
        switch (cloud) {
            case AWS:
                e.account = "111122223333";
                e.principal = "arn:aws:iam::111122223333:user/alice";
                e.principalTypeRaw = "IAMUser";
                e.region = "us-east-1";
                break;
            case GCP:
                e.account = "acme-prod";
                e.principal = "alice@acme.example";
                e.principalTypeRaw = "user";
                break;
            default:
                e.account = "00000000-0000-0000-0000-000000000001";
                e.principal = "alice@acme.example";
                e.principalTypeRaw = "User";
        }
        e.sourceIp = "81.2.69.142";
        e.origin = "test";
    }

    public static EventBuilder aws(String service, String action) {
        return new EventBuilder(Cloud.AWS, service, action);
    }

    public static EventBuilder gcp(String service, String method) {
        return new EventBuilder(Cloud.GCP, service, method);
    }

    public static EventBuilder azure(String service, String operation) {
        return new EventBuilder(Cloud.AZURE, service, operation);
    }

    public EventBuilder id(String id) {
        e.eventId = id;
        return this;
    }

    /** Event time as an offset from {@link #BEGINNING}. */
    public EventBuilder after(Duration offset) {
        e.eventTime = BEGINNING.plus(offset).toEpochMilli();
        return this;
    }

    public EventBuilder at(Instant t) {
        e.eventTime = t.toEpochMilli();
        return this;
    }

    public EventBuilder principal(String principal) {
        e.principal = principal;
        return this;
    }

    public EventBuilder principalType(PrincipalType type) {
        e.principalType = type;
        return this;
    }

    public EventBuilder account(String account) {
        e.account = account;
        return this;
    }

    public EventBuilder ip(String ip) {
        e.sourceIp = ip;
        return this;
    }

    public EventBuilder userAgent(String ua) {
        e.userAgent = ua;
        return this;
    }

    public EventBuilder region(String region) {
        e.region = region;
        return this;
    }

    public EventBuilder category(Category category) {
        e.category = category;
        return this;
    }

    public EventBuilder failed(String errorCode) {
        e.outcome = Outcome.FAILURE;
        e.errorCode = errorCode;
        return this;
    }

    public EventBuilder param(String path, String value) {
        e.params.put(path, value);
        return this;
    }

    public EventBuilder resource(String name, String value) {
        e.resources.put(name, value);
        return this;
    }

    public EventBuilder geo(String countryIso, String city, double lat, double lon, long asn) {
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        g.countryIso = countryIso;
        g.city = city;
        g.latitude = lat;
        g.longitude = lon;
        g.asn = asn;
        e.geo = g;
        return this;
    }

    public AuditEvent build() {
        return e;
    }
}
