package io.trailhunt.enrichment.geoip;

import io.trailhunt.events.model.AddressKind;
import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** The Flink function in an operator harness: opened, fed, its database replaced while it runs, closed. */
class EnrichGeoIpTest {
    /** The harness does not serialize the function, so the test can move its clock. */
    private static final class ManualTicker implements Ticker {
        private static final long serialVersionUID = 1L;
        final AtomicLong now = new AtomicLong();

        @Override
        public long nanos() {
            return now.get();
        }
    }

    @TempDir
    Path dir;

    private static OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> harness(EnrichGeoIp fn) throws Exception {
        OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(fn));
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    private static AuditEvent event(String ip) {
        return aws("cloudtrail.amazonaws.com", "StopLogging").ip(ip).build();
    }

    private static List<AuditEvent> output(OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h) {
        return h.extractOutputValues();
    }

    private static long accumulator(OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h, String name) {
        Accumulator<?, ?> a = h.getOperator().getRuntimeContext().getAccumulator(name);
        return a == null ? 0 : ((Number) a.getLocalValue()).longValue();
    }

    @Test
    void eventsLeaveWithTheirLocationAndTheCacheIsCounted() throws Exception {
        try (OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h = harness(new EnrichGeoIp(TestDatabases.all()))) {
            h.open();
            h.processElement(new StreamRecord<>(event("175.16.199.20"), 1));
            h.processElement(new StreamRecord<>(event("175.16.199.20:4444"), 2));
            h.processElement(new StreamRecord<>(event("175.16.199.20"), 3));
            h.processElement(new StreamRecord<>(event("ec2.amazonaws.com"), 4));

            List<AuditEvent> out = output(h);
            assertThat(out).extracting(e -> e.geo == null ? null : e.geo.city).containsExactly("Changchun", "Changchun", "Changchun", null);
            assertThat(out).extracting(e -> e.sourceIpKind)
                    .containsExactly(AddressKind.PUBLIC, AddressKind.PUBLIC, AddressKind.PUBLIC, AddressKind.CLOUD_SERVICE);
            assertThat(accumulator(h, EnrichGeoIp.CACHE_MISSES_ACCUMULATOR)).isEqualTo(2); // the address with a port is its own entry
            assertThat(accumulator(h, EnrichGeoIp.CACHE_HITS_ACCUMULATOR)).isEqualTo(1);
        }
    }

    @Test
    void theDatabaseFileIsReplacedUnderTheRunningFunction() throws Exception {
        Path city = dir.resolve("GeoIP2-City.mmdb");
        Files.write(city, TestDatabases.bytes(TestDatabases.LITE_CITY));
        ManualTicker ticker = new ManualTicker();
        GeoIpSettings settings = new GeoIpSettings(true, city.toString(), null, null, null, 1000, Duration.ofSeconds(30), false);
        try (OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h = harness(new EnrichGeoIp(settings, ticker))) {
            h.open();
            h.processElement(new StreamRecord<>(event("214.0.0.5"), 1));

            TestDatabases.replace(city, "truncated".getBytes());
            ticker.now.addAndGet(Duration.ofSeconds(30).toNanos());
            h.processElement(new StreamRecord<>(event("214.0.0.5"), 2));
            h.processElement(new StreamRecord<>(event("81.2.69.142"), 3));

            TestDatabases.replace(city, TestDatabases.bytes(TestDatabases.CITY));
            ticker.now.addAndGet(Duration.ofSeconds(30).toNanos());
            h.processElement(new StreamRecord<>(event("214.0.0.5"), 4));

            assertThat(output(h)).extracting(e -> e.geo == null ? null : e.geo.city)
                    .containsExactly(null, null, "London", "Singapore");
        }
    }

    @Test
    void theFunctionTravelsToTheTaskManagers() throws Exception {
        EnrichGeoIp fn = new EnrichGeoIp(TestDatabases.all());
        EnrichGeoIp copy = InstantiationUtil.clone(fn);
        try (OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h = harness(copy)) {
            h.open();
            h.processElement(new StreamRecord<>(event("81.2.69.142"), 1));
            assertThat(output(h).get(0).geo.torExitNode).isTrue();
        }
    }

    @Test
    void aFunctionWithoutDatabasesStillMarksAddresses() throws Exception {
        try (OneInputStreamOperatorTestHarness<AuditEvent, AuditEvent> h = harness(new EnrichGeoIp(GeoIpSettings.defaults()))) {
            h.open();
            h.processElement(new StreamRecord<>(event("10.0.12.34"), 1));
            h.processElement(new StreamRecord<>(event("81.2.69.142"), 2));
            assertThat(output(h)).extracting(e -> e.sourceIpKind).containsExactly(AddressKind.PRIVATE, AddressKind.PUBLIC);
            assertThat(output(h)).allSatisfy(e -> assertThat(e.geo).isNull());
        }
    }
}
