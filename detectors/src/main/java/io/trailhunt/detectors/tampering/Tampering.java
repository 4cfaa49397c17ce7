package io.trailhunt.detectors.tampering;

import io.trailhunt.events.model.Severity;

/**
 * What one call did to the audit trail: which kind of tampering, on what, how bad.
 *
 * @param kind stable short name, e.g. "trail-stopped"
 * @param target the trail, sink, flow log or setting acted on (may be null when the log omits it)
 * @param description a phrase for the explanation, e.g. "stopped CloudTrail trail 'main'"
 */
public record Tampering(String kind, String target, Severity severity, String description) {}
