package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Test helpers over events. */
public final class Events {
    private static final TypeSerializer<AuditEvent> SERIALIZER = serializer();

    private Events() {}

    private static TypeSerializer<AuditEvent> serializer() {
        ExecutionConfig c = new ExecutionConfig();
        c.disableGenericTypes();
        return TypeInformation.of(AuditEvent.class).createSerializer(c.getSerializerConfig());
    }

    /** A deep copy, as a record that crossed the network would be. */
    public static AuditEvent copy(AuditEvent e) {
        return SERIALIZER.copy(e);
    }

    public static AuditEvent[] reversed(AuditEvent... events) {
        AuditEvent[] out = new AuditEvent[events.length];
        for (int i = 0; i < events.length; i++) {
            out[i] = events[events.length - 1 - i];
        }
        return out;
    }
}
