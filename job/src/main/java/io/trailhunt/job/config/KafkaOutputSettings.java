package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * A Kafka topic as an output, keyed by principal.
 *
 * @param exactlyOnce transactional writes committed with checkpoints (readers use read_committed);
 *     false writes at-least-once without transactions
 * @param transactionTimeout must not exceed the brokers' transaction.max.timeout.ms (15 min by default)
 */
public record KafkaOutputSettings(KafkaConnection connection, String topic, boolean exactlyOnce,
                                  String transactionalIdPrefix, Duration transactionTimeout) implements Serializable {

    public static KafkaOutputSettings from(Section s, String defaultPrefix, Map<String, String> env) {
        KafkaConnection connection = KafkaConnection.from(s, env);
        String topic = s.requiredString("topic", "name the topic to write to");
        String delivery = s.choice("delivery", "exactly-once", "exactly-once", "at-least-once");
        return new KafkaOutputSettings(connection, topic, delivery.equals("exactly-once"),
                s.string("transactional-id-prefix", defaultPrefix),
                s.duration("transaction-timeout", Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1)));
    }
}
