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
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka to Kafka: the job reading a topic and writing findings and dead letters to topics, against
 * the broker's own clients copying the same records from topic to topic (a consumer feeding a
 * producer, one thread). The ratio of the two rates, measured in one run, is the figure; with
 * exactly-once on (transactions committed with checkpoints) and off.
 *
 * <pre>bench/kafka [--events N]</pre>
 */
public final class KafkaBench {
    private KafkaBench() {}

    public static void main(String[] args) throws Exception {
        long target = args.length >= 2 && args[0].equals("--events") ? Long.parseLong(args[1]) : 300_000;
        Path work = Path.of("bench", "target", "kafka-bench");
        Files.createDirectories(work);
        List<Seeds.Seed> seeds = Seeds.load(List.of(Path.of("job", "sample-data")));
        try (KafkaClusterTestKit kafka = broker()) {
            String bs = kafka.bootstrapServers();
            for (String t : List.of("in", "copy", "findings-eo", "dead-eo", "findings-alo", "dead-alo")) {
                createTopic(bs, t, 4);
            }
            long records = produce(bs, seeds, target);
            double copy = copyRate(bs, records);
            System.out.printf("broker clients, 1 thread, consume 'in' and produce to 'copy': %,.0f records/s%n", copy);
            for (boolean exactlyOnce : new boolean[] {true, false}) {
                double rate = pipeline(bs, work, exactlyOnce, records);
                System.out.printf("pipeline Kafka -> Kafka, parallelism 2, exactly-once %s: %,.0f records/s; ratio to the clients' copy: %.2f%n",
                        exactlyOnce ? "on " : "off", rate, rate / copy);
            }
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

    private static double copyRate(String bs, long records) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bs);
        c.put("group.id", "copy");
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
                    producer.send(new ProducerRecord<>("copy", r.key(), r.value()));
                    copied++;
                }
            }
            producer.flush();
        }
        return copied / ((System.nanoTime() - start) / 1e9);
    }

    private static double pipeline(String bs, Path work, boolean exactlyOnce, long records) throws Exception {
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
        String suffix = exactlyOnce ? "eo" : "alo";
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
