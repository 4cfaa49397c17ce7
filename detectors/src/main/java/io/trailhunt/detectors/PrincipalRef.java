package io.trailhunt.detectors;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.PrincipalType;

/**
 * Whose state this is, kept in a detector's state so a finding can be built on a timer, when no
 * event is at hand. A Flink POJO.
 */
public class PrincipalRef {
    public Cloud cloud;
    public String account;
    public String principal;
    public PrincipalType principalType;

    public PrincipalRef() {}

    public static PrincipalRef of(AuditEvent e) {
        PrincipalRef p = new PrincipalRef();
        p.cloud = e.cloud;
        p.account = e.account;
        p.principal = e.principal;
        p.principalType = e.principalType;
        return p;
    }

    /** An event carrying only the identity, for {@code FindingBuilder.about}. */
    public AuditEvent asEvent() {
        AuditEvent e = new AuditEvent();
        e.cloud = cloud;
        e.account = account;
        e.principal = principal;
        e.principalType = principalType;
        return e;
    }
}
