package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One event a finding rests on, with just enough of it for an analyst to find it again. */
public class Evidence {
    public String eventId;
    public long eventTime;
    public String service;
    public String action;
    public Outcome outcome;
    public String errorCode;
    public String sourceIp;
    public String userAgent;
    public String region;
    public String countryIso;
    public String city;
    public Double latitude;
    public Double longitude;
    public Long asn;
    public String asOrg;
    /** The event's named resources and anything the rule wants to point at. */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> details = new LinkedHashMap<>();

    public Evidence() {}

    public static Evidence of(AuditEvent e) {
        Evidence ev = new Evidence();
        ev.eventId = e.eventId;
        ev.eventTime = e.eventTime;
        ev.service = e.service;
        ev.action = e.action;
        ev.outcome = e.outcome;
        ev.errorCode = e.errorCode;
        ev.sourceIp = e.sourceIp;
        ev.userAgent = e.userAgent;
        ev.region = e.region;
        Geo g = e.geo != null ? e.geo : e.providerGeo;
        if (g != null) {
            ev.countryIso = g.countryIso;
            ev.city = g.city;
            ev.latitude = g.latitude;
            ev.longitude = g.longitude;
            ev.asn = g.asn;
            ev.asOrg = g.asOrg;
        }
        ev.details.putAll(e.resources);
        return ev;
    }

    public Evidence withDetail(String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return eventTime == e.eventTime
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(service, e.service)
                && Objects.equals(action, e.action)
                && outcome == e.outcome
                && Objects.equals(errorCode, e.errorCode)
                && Objects.equals(sourceIp, e.sourceIp)
                && Objects.equals(userAgent, e.userAgent)
                && Objects.equals(region, e.region)
                && Objects.equals(countryIso, e.countryIso)
                && Objects.equals(city, e.city)
                && Objects.equals(latitude, e.latitude)
                && Objects.equals(longitude, e.longitude)
                && Objects.equals(asn, e.asn)
                && Objects.equals(asOrg, e.asOrg)
                && Objects.equals(details, e.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventTime, action);
    }

    @Override
    public String toString() {
        return "Evidence{" + java.time.Instant.ofEpochMilli(eventTime) + " " + action + " " + outcome + " " + sourceIp + " id=" + eventId + "}";
    }
}
