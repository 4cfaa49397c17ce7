package io.trailhunt.cep.backdoor;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.testing.EventBuilder;

import java.time.Duration;

/** Identity-management calls as the decoders give them (see the stratus and panther logs). */
final class BackdoorEvents {
    static final String ROOT = "arn:aws:iam::493859302102:root";
    static final String ADMIN = "arn:aws:iam::111122223333:user/alice";
    static final String OTHER = "arn:aws:iam::111122223333:user/bob";

    private BackdoorEvents() {}

    static EventBuilder iam(String action, long minute) {
        return EventBuilder.aws("iam.amazonaws.com", action).principal(ADMIN).after(Duration.ofMinutes(minute));
    }

    static AuditEvent createUser(String user, long minute) {
        return iam("CreateUser", minute).param("userName", user).resource("userName", user).build();
    }

    static AuditEvent accessKey(String user, long minute) {
        return iam("CreateAccessKey", minute).param("userName", user).resource("userName", user).resource("accessKeyId", "AKIA" + minute).build();
    }

    static AuditEvent loginProfile(String user, long minute) {
        return iam("CreateLoginProfile", minute).param("userName", user).resource("userName", user).build();
    }

    static AuditEvent attach(String user, String policy, long minute) {
        String arn = "arn:aws:iam::aws:policy/" + policy;
        return iam("AttachUserPolicy", minute).param("userName", user).param("policyArn", arn)
                .resource("userName", user).resource("policyArn", arn).build();
    }

    /** A role that an account outside the organisation may assume (the stratus iam-create-backdoor-role trust policy). */
    static AuditEvent outsideRole(String role, long minute) {
        String trust = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n"
                + "        \"AWS\": \"arn:aws:iam::193672423079:root\"\n      },\n      \"Action\": \"sts:AssumeRole\"\n    }\n  ]\n}";
        return iam("CreateRole", minute).param("roleName", role).param("assumeRolePolicyDocument", trust).resource("roleName", role).build();
    }

    static AuditEvent attachRole(String role, long minute) {
        return iam("AttachRolePolicy", minute).param("roleName", role).resource("roleName", role)
                .resource("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess").build();
    }

    static AuditEvent by(String principal, AuditEvent e) {
        e.principal = principal;
        return e;
    }

    static AuditEvent failed(AuditEvent e) {
        e.outcome = io.trailhunt.events.model.Outcome.FAILURE;
        e.errorCode = "AccessDenied";
        return e;
    }

    static long minutes(long m) {
        return EventBuilder.BEGINNING.toEpochMilli() + m * 60_000L;
    }
}
