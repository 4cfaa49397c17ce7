package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;

import java.util.Map;
import java.util.function.Predicate;

/** Copies of events for the NFAs: every field, and of the request parameters only those asked for. */
public final class Slim {
    private Slim() {}

    public static AuditEvent copy(AuditEvent e, Predicate<String> keepParam) {
        AuditEvent c = new AuditEvent();
        c.eventId = e.eventId;
        c.eventTime = e.eventTime;
        c.cloud = e.cloud;
        c.account = e.account;
        c.principal = e.principal;
        c.principalType = e.principalType;
        c.principalTypeRaw = e.principalTypeRaw;
        c.roleArn = e.roleArn;
        c.sourceIp = e.sourceIp;
        c.userAgent = e.userAgent;
        c.service = e.service;
        c.action = e.action;
        c.outcome = e.outcome;
        c.errorCode = e.errorCode;
        c.errorMessage = e.errorMessage;
        c.region = e.region;
        c.category = e.category;
        c.readOnly = e.readOnly;
        c.resources.putAll(e.resources);
        for (Map.Entry<String, String> p : e.params.entrySet()) {
            if (keepParam.test(p.getKey())) {
                c.params.put(p.getKey(), p.getValue());
            }
        }
        // Geo objects are not changed after enrichment; the copy is serialized at the keyBy that follows.
        c.providerGeo = e.providerGeo;
        c.geo = e.geo;
        c.origin = e.origin;
        return c;
    }
}
