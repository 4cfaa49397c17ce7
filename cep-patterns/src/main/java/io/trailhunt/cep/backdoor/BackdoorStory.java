package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.Text;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.util.List;

/** Tells a matched backdoor story, from either pattern, as one finding. */
final class BackdoorStory {
    static final String CREATE = "create";
    static final String FIRST = "first";
    static final String SECOND = "second";
    static final String POWER = "power";

    private BackdoorStory() {}

    static Finding tell(Match m, BackdoorSteps steps, BackdoorSettings settings) {
        AuditEvent create = m.first(CREATE);
        String identity = steps.identity(create);
        AuditEvent credential = null;
        AuditEvent power = null;
        for (AuditEvent e : List.of(m.all(FIRST), m.all(SECOND), m.all(POWER)).stream().flatMap(List::stream).toList()) {
            if (steps.kind(e) == BackdoorSteps.Kind.POWER) {
                power = e;
            } else {
                credential = e;
            }
        }
        String grant = steps.power(power);
        boolean ready = steps.kind(create) == BackdoorSteps.Kind.CREATE_READY;
        Severity severity = BackdoorSteps.isFullAdmin(grant) || create.principalType == PrincipalType.ROOT ? Severity.CRITICAL : Severity.HIGH;
        String name = identity.substring(identity.indexOf(':') + 1);
        String kind = identity.substring(0, identity.indexOf(':'));

        FindingBuilder b = FindingBuilder.rule(IamBackdoorChain.RULE_ID)
                .about(create)
                .title("New " + noun(kind) + " given " + (ready ? "" : "credentials and ") + "administrative power")
                .severity(severity)
                .mitre("T1136.003", "T1098")
                .subject(identity)
                .fact("identity", identity)
                .fact("created_by", create.action)
                .fact("credentials", credential == null ? (ready ? readyCredential(create, steps) : null) : credential.action)
                .fact("power", grant)
                .fact("window", Quantities.format(settings.window()));
        m.events().forEach(b::evidence);

        StringBuilder sb = new StringBuilder(create.principal).append(" created ").append(noun(kind)).append(' ').append(Text.quote(name))
                .append(" (").append(create.action).append(") at ").append(Text.at(create));
        if (ready) {
            sb.append(", ").append(readyCredential(create, steps));
        }
        if (credential != null) {
            sb.append(", gave it credentials (").append(credential.action).append(") at ").append(Text.at(credential));
        }
        sb.append(" and made it an administrator (").append(power.action).append(": ").append(grant).append(") at ").append(Text.at(power))
                .append(Text.from(create)).append('.');
        if (create.principalType == PrincipalType.ROOT) {
            sb.append(" The root user did this.");
        }
        sb.append(" An identity made and empowered in one go is how an intruder keeps a way back in: confirm it was requested,")
                .append(" otherwise delete it and its credentials and investigate ").append(create.principal).append('.');
        return b.explanation(sb.toString()).build();
    }

    private static String readyCredential(AuditEvent create, BackdoorSteps steps) {
        if ("CreateRole".equals(create.action)) {
            return "trusting " + String.join(", ", steps.trustedOutside(create)) + " to assume it";
        }
        return "with a password";
    }

    private static String noun(String kind) {
        switch (kind) {
            case "serviceaccount":
                return "service account";
            case "app":
                return "application";
            default:
                return kind;
        }
    }
}
