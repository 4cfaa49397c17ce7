package io.trailhunt.job.streams;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** A real single-node KRaft Kafka cluster in the test JVM (../shared/RECIPES.md). */
final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    KafkaBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("transaction.max.timeout.ms", "3600000")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(props())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    void produce(String topic, List<byte[]> values) {
        Properties p = props();
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, v));
            }
            producer.flush();
        }
    }

    void produceText(String topic, String... values) {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(v.getBytes(StandardCharsets.UTF_8));
        }
        produce(topic, bytes);
    }

    /**
     * Reads the topic as a read_committed consumer until it holds at least {@code count} records or
     * the deadline passes (the caller then asserts on what arrived).
     */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int count, Duration deadline) {
        Properties p = props();
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("group.id", "reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Instant end = Instant.now().plus(deadline);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (out.size() < count && Instant.now().isBefore(end)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Everything committed in the topic now: read up to the last stable offset of every partition. */
    List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic) {
        return readAll(topic, IsolationLevel.READ_COMMITTED);
    }

    /**
     * Everything in the topic now at that isolation: read_committed up to the last stable offset,
     * read_uncommitted up to the high watermark, so also records of open and aborted transactions.
     */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = fromTheBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads the topic from the beginning at that isolation until the values read so far satisfy
     * {@code done} or the deadline passes; says whether they did. Each poll waits on the broker.
     */
    boolean awaitValues(String topic, IsolationLevel isolation, Predicate<List<byte[]>> done, Duration deadline) {
        List<byte[]> values = new ArrayList<>();
        Instant end = Instant.now().plus(deadline);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            fromTheBeginning(consumer, topic);
            while (!done.test(values)) {
                if (!Instant.now().isBefore(end)) {
                    return false;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return true;
    }

    private KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        Properties p = props();
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", isolation.name().toLowerCase(java.util.Locale.ROOT));
        return new KafkaConsumer<>(p);
    }

    private static List<TopicPartition> fromTheBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /**
     * Like {@link #readAllCommitted}, for a topic whose writer has finished: a producer's
     * commitTransaction returns once the coordinator has logged the commit, and the markers reach
     * the partitions after that, so until then read_committed readers see the transaction as open.
     * Waits, up to the deadline, until no partition has an open transaction.
     */
    List<ConsumerRecord<byte[], byte[]>> readAllCommittedOnceSettled(String topic, Duration deadline) throws Exception {
        Instant end = Instant.now().plus(deadline);
        try (Admin admin = Admin.create(props())) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            while (!endOffsets(admin, partitions, IsolationLevel.READ_COMMITTED).equals(endOffsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED))
                    && Instant.now().isBefore(end)) {
                readCommitted(topic, Integer.MAX_VALUE, Duration.ofMillis(500)); // waits on the broker, not on a timer
            }
        }
        return readAllCommitted(topic);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    Properties props() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
