package io.trailhunt.cep.signin;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.EventBuilder;

import java.time.Duration;

/** Sign-ins as the decoders give them: Entra ID (resultType) and AWS console (responseElements.ConsoleLogin). */
final class SignInEvents {
    static final String GRACE = "grace@acme.example";
    static final String FRANK = "frank@acme.example";
    static final String ATTACKER = "175.16.199.40";
    static final String OFFICE = "89.160.20.115";

    private SignInEvents() {}

    static EventBuilder entra(String upn, long seconds, String ip) {
        return EventBuilder.azure("Microsoft.aadiam", "Sign-in activity").principal(upn).category(Category.SIGN_IN)
                .after(Duration.ofSeconds(seconds)).ip(ip);
    }

    static AuditEvent fail(String upn, long seconds, String ip) {
        return entra(upn, seconds, ip).failed("50126").build();
    }

    static AuditEvent interrupt(String upn, long seconds, String ip) {
        return entra(upn, seconds, ip).failed("50074").build();
    }

    static AuditEvent ok(String upn, long seconds, String ip) {
        return entra(upn, seconds, ip).build();
    }

    static AuditEvent console(boolean success, long seconds, String ip) {
        EventBuilder b = EventBuilder.aws("signin.amazonaws.com", "ConsoleLogin").principal("arn:aws:iam::493859302102:root")
                .account("493859302102").principalType(PrincipalType.ROOT).category(Category.SIGN_IN).after(Duration.ofSeconds(seconds)).ip(ip)
                .param("response.ConsoleLogin", success ? "Success" : "Failure");
        if (!success) {
            b.failed(null);
        }
        AuditEvent e = b.build();
        if (!success) {
            e.errorMessage = "Failed authentication";
        }
        return e;
    }

    static long seconds(long s) {
        return EventBuilder.BEGINNING.toEpochMilli() + s * 1000L;
    }
}
