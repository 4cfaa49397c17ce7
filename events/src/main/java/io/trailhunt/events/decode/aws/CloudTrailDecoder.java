package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.decode.Flattener;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.decode.Timestamps;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;

/**
 * One AWS CloudTrail event object (as delivered to S3, EventBridge, CloudWatch Logs or returned by
 * LookupEvents, all unwrapped by the envelope router) to an AuditEvent.
 *
 * <p>A record needs a time, an eventName and an eventSource; everything else is optional, because
 * partial records (trimmed test events, records with no userIdentity) still say who did what when.
 */
public final class CloudTrailDecoder implements FormatDecoder {
    static final String TIME = "eventTime";
    /** Logstash-shipped CloudTrail (the OTRF datasets) renames eventTime to @timestamp. */
    static final String LOGSTASH_TIME = "@timestamp";
    private static final String CONSOLE_LOGIN = "ConsoleLogin";
    private static final String INSIGHT = "insightDetails";
    private static final int MAX_ERROR_MESSAGE = 256;

    @Override
    public AuditEvent decode(JsonNode r, String origin) throws RecordRejectedException {
        AuditEvent e = new AuditEvent();
        e.eventTime = eventTime(r);
        JsonNode named = apiNamedIn(r);
        e.action = required(named, "eventName", "no action");
        e.service = required(named, "eventSource", "no service");
        e.cloud = Cloud.AWS;
        String id = Json.text(r, "eventID");
        e.eventId = id != null ? id : EventIds.fromContent(r);

        JsonNode ui = Json.object(r, "userIdentity");
        e.region = Json.text(r, "awsRegion");
        CloudTrailIdentity.apply(ui, e.region, e);
        e.account = account(r, ui);
        e.userAgent = Json.text(r, "userAgent");
        e.sourceIp = CallerAddress.strip(Json.text(r, "sourceIPAddress"));
        e.readOnly = Json.bool(r, "readOnly");
        e.category = CloudTrailCategory.of(r, e.service, e.action);
        outcome(r, e);

        CloudTrailResources.collect(r, e.service, e.action, e.resources);
        params(r, e);
        e.origin = origin;
        return e;
    }

    /** Insight events summarise unusual call rates of one API, which they name inside insightDetails. */
    private static JsonNode apiNamedIn(JsonNode r) {
        JsonNode insight = CloudTrailCategory.isInsight(r) ? Json.object(r, INSIGHT) : null;
        return insight != null ? insight : r;
    }

    private static long eventTime(JsonNode r) throws RecordRejectedException {
        String time = Json.text(r, TIME);
        if (time != null) {
            return Timestamps.parse(time, TIME);
        }
        String logstash = Json.text(r, LOGSTASH_TIME);
        if (logstash != null) {
            return Timestamps.parse(logstash, LOGSTASH_TIME);
        }
        return Timestamps.parse(null, TIME);
    }

    private static String required(JsonNode r, String field, String problem) throws RecordRejectedException {
        String v = Json.text(r, field);
        if (v == null) {
            throw new RecordRejectedException(problem + ": field '" + field + "' is missing");
        }
        return v;
    }

    /** The account the call was made in; the caller's own account only when the record omits it. */
    private static String account(JsonNode r, JsonNode ui) {
        String recipient = Json.text(r, "recipientAccountId");
        if (recipient != null) {
            return recipient;
        }
        String callers = Json.text(ui, "accountId");
        return CloudTrailIdentity.AWS_ANONYMOUS.equals(callers) ? null : callers;
    }

    /**
     * An errorCode means the call failed. Sign-in events have none: their result is the value of
     * responseElements.&lt;eventName&gt; (ConsoleLogin: Success | Failure), and when a sign-in
     * record gives no result the outcome is unknown.
     */
    private static void outcome(JsonNode r, AuditEvent e) {
        if (CloudTrailCategory.isInsight(r)) {
            e.outcome = Outcome.UNKNOWN; // a statistic about calls, not a call that succeeded or failed
            return;
        }
        String errorCode = Json.text(r, "errorCode");
        String result = Json.text(r, "responseElements", e.action);
        if (result == null) {
            result = Json.text(r, "responseElements", CONSOLE_LOGIN);
        }
        if (errorCode != null || "Failure".equals(result)) {
            e.outcome = Outcome.FAILURE;
            e.errorCode = errorCode;
            e.errorMessage = clip(Json.text(r, "errorMessage"));
        } else if ("Success".equals(result)) {
            e.outcome = Outcome.SUCCESS;
        } else {
            e.outcome = CloudTrailCategory.isSignIn(r) ? Outcome.UNKNOWN : Outcome.SUCCESS;
        }
    }

    /** requestParameters, then additionalEventData (MFAUsed, bytesTransferredOut, ...), one shared bound. */
    private static void params(JsonNode r, AuditEvent e) {
        Flattener.flatten(Json.at(r, "requestParameters"), "", e.params, Flattener.DEFAULT_MAX_ENTRIES);
        Flattener.flatten(Json.at(r, "additionalEventData"), "additional", e.params, Flattener.DEFAULT_MAX_ENTRIES);
        // The only response worth carrying: a sign-in's result is one short word.
        String login = Json.text(r, "responseElements", CONSOLE_LOGIN);
        if (login != null) {
            e.params.put("response." + CONSOLE_LOGIN, login);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_ERROR_MESSAGE ? s : s.substring(0, MAX_ERROR_MESSAGE);
    }
}
