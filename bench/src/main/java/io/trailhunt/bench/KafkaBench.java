package io.trailhunt.bench;

import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.KafkaConnection;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.config.KafkaOutputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.Accumulators;
import io.trailhunt.job.graph.ConfiguredSinks;
import io.trailhunt.job.graph.FutureEvents;
import io.trailhunt.job.graph.NamedSource;
import io.trailhunt.job.graph.PipelineSettings;
import io.trailhunt.job.graph.TrailhuntPipeline;
import io.trailhunt.job.sources.KafkaInputs;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka to Kafka: the job reading a topic and writing findings and dead letters to topics, against
 * the broker's own clients copying the same records from topic to topic (a consumer feeding a
 * producer, one thread), with exactly-once on (transactions committed with checkpoints) and off.
 * One uncounted warm-up run first (the first job in a JVM pays for class loading and JIT), then
 * rounds alternating off, on, on, off, ... with a clients' copy in each round, so drift on a shared
 * machine falls on both; the figures are the medians and their ratios.
 *
 * <pre>bench/kafka [--events N] [--rounds R]</pre>
 */
public final class KafkaBench {
    private KafkaBench() {}

    public static void main(String[] args) throws Exception {
        long target = 300_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> target = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: KafkaBench [--events N] [--rounds R]");
            }
        }
        Path work = Path.of("bench", "target", "kafka-bench");
        Files.createDirectories(work);
        List<Seeds.Seed> seeds = Seeds.load(List.of(Path.of("job", "sample-data")));
        try (KafkaClusterTestKit kafka = broker()) {
            String bs = kafka.bootstrapServers();
            createTopic(bs, "in", 4);
            long records = produce(bs, seeds, target);

            double warmUp = pipeline(bs, work, true, records, "warm-up");
            System.out.printf("warm-up (not counted), exactly-once on: %,.0f records/s%n", warmUp);

            List<Double> copy = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            List<Double> off = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double c = copyRate(bs, records, "copy-" + r);
                copy.add(c);
                System.out.printf("round %d, broker clients, 1 thread, consume 'in' and produce to a topic: %,.0f records/s%n", r + 1, c);
                // off, on, on, off, off, on, ...
                boolean[] order = r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
                for (boolean exactlyOnce : order) {
                    double rate = pipeline(bs, work, exactlyOnce, records, (exactlyOnce ? "eo-" : "alo-") + r);
                    (exactlyOnce ? on : off).add(rate);
                    System.out.printf("round %d, pipeline Kafka -> Kafka, parallelism 2, exactly-once %s: %,.0f records/s%n",
                            r + 1, exactlyOnce ? "on " : "off", rate);
                }
            }
            double copyMedian = Benches.median(copy);
            double onMedian = Benches.median(on);
            double offMedian = Benches.median(off);
            System.out.printf("medians over %d rounds: clients' copy %,.0f (%s); exactly-once on %,.0f (%s); off %,.0f (%s) records/s%n",
                    rounds, copyMedian, Benches.rates(copy), onMedian, Benches.rates(on), offMedian, Benches.rates(off));
            System.out.printf("ratio to the clients' copy: exactly-once on %.2f, off %.2f; on / off %.2f%n",
                    onMedian / copyMedian, offMedian / copyMedian, onMedian / offMedian);
        }
    }

    private static KafkaClusterTestKit broker() throws Exception {
        KafkaClusterTestKit k = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        k.format();
        k.startup();
        k.waitForReadyBrokers();
        return k;
    }

    private static void createTopic(String bs, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bs))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private static Properties producerProps(String bs) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bs);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        return p;
    }

    private static long produce(String bs, List<Seeds.Seed> seeds, long target) {
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bs))) {
            for (int k = 0; n < target; k++) {
                for (Seeds.Seed s : seeds) {
                    producer.send(new ProducerRecord<>("in", Corpus.copy(s, k, true).getBytes(StandardCharsets.UTF_8)));
                    n++;
                }
            }
            producer.flush();
        }
        System.out.printf("corpus: %,d records from %,d seeds of the sample day, in topic 'in' (4 partitions)%n", n, seeds.size());
        return n;
    }

    private static double copyRate(String bs, long records, String topic) throws Exception {
        createTopic(bs, topic, 4);
        Properties c = new Properties();
        c.put("bootstrap.servers", bs);
        c.put("group.id", topic);
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", ByteArrayDeserializer.class.getName());
        c.put("value.deserializer", ByteArrayDeserializer.class.getName());
        c.put("max.poll.records", "5000");
        long start = System.nanoTime();
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bs))) {
            consumer.subscribe(List.of("in"));
            while (copied < records) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
                    copied++;
                }
            }
            producer.flush();
        }
        return copied / ((System.nanoTime() - start) / 1e9);
    }

    /** One run over the whole topic, with its own consumer group, output topics and transactional ids. */
    private static double pipeline(String bs, Path work, boolean exactlyOnce, long records, String suffix) throws Exception {
        createTopic(bs, "findings-" + suffix, 4);
        createTopic(bs, "dead-" + suffix, 4);
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.setString("execution.checkpointing.interval", "5 s");
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        TrailhuntConfig config = ConfigLoader.defaults();
        KafkaConnection plain = new KafkaConnection(bs, "PLAINTEXT", null, null, null, null, null, Map.of());
        KafkaInputSettings in = new KafkaInputSettings("in", plain, List.of("in"), null, "bench-" + suffix, "earliest", null,
                Duration.ofMinutes(5), true, null);
        OutputSettings findings = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, "findings-" + suffix, exactlyOnce, "bench-findings-" + suffix, Duration.ofMinutes(10)), null);
        OutputSettings dead = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, "dead-" + suffix, exactlyOnce, "bench-dead-" + suffix, Duration.ofMinutes(10)), null);
        TrailhuntPipeline.defineWorkflow(env, List.of(new NamedSource("in", KafkaInputs.source(in, config.decoding(), FutureEvents.of(config)), Duration.ofHours(1))),
                new ConfiguredSinks(findings, dead), PipelineSettings.of(config));
        JobExecutionResult r = env.execute("kafka-bench-" + suffix);
        long events = ((Number) r.getAccumulatorResult(Accumulators.EVENTS)).longValue();
        long deadLetters = ((Number) r.getAccumulatorResult(Accumulators.DEAD_LETTERS)).longValue();
        Object late = r.getAccumulatorResult(Accumulators.LATE_EVENTS);
        long lateEvents = late == null ? 0 : ((Number) late).longValue();
        if (events + deadLetters + lateEvents < records) {
            throw new IllegalStateException("the job read " + (events + deadLetters + lateEvents) + " of " + records + " records");
        }
        return records / (r.getNetRuntime() / 1000.0);
    }
}
