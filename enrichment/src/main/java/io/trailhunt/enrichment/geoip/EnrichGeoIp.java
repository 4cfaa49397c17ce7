package io.trailhunt.enrichment.geoip;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment step of the job: a thin Flink shell around {@link GeoIpEnricher}. The databases
 * are opened in {@link #open}, per subtask, and closed in {@link #close}. Stateless: nothing goes
 * into checkpoints, so the step can be added, removed or reconfigured across savepoints.
 *
 * <p>Metrics: {@code geoipLookups} (public addresses, from cache or database),
 * {@code geoipCacheHits}, {@code geoipCacheMisses}, {@code geoipNotLookedUp},
 * {@code geoipLookupErrors}, and gauges {@code geoipCacheSize}, {@code geoipReloads},
 * {@code geoipReloadFailures}. Cache hits and misses are also accumulators, for the end of a
 * bounded run.
 */
public class EnrichGeoIp extends RichMapFunction<AuditEvent, AuditEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EnrichGeoIp.class);

    public static final String CACHE_HITS_ACCUMULATOR = "trailhunt.geoip-cache-hits";
    public static final String CACHE_MISSES_ACCUMULATOR = "trailhunt.geoip-cache-misses";

    private final GeoIpSettings settings;
    private final Ticker ticker;

    private transient GeoIpEnricher enricher;
    private transient Counter lookups;
    private transient Counter hits;
    private transient Counter misses;
    private transient Counter notLookedUp;
    private transient Counter lookupErrors;
    private transient LongCounter hitsTotal;
    private transient LongCounter missesTotal;

    public EnrichGeoIp(GeoIpSettings settings) {
        this(settings, Ticker.system());
    }

    EnrichGeoIp(GeoIpSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        enricher = GeoIpEnricher.open(settings, ticker);
        MetricGroup m = getRuntimeContext().getMetricGroup();
        lookups = m.counter("geoipLookups");
        hits = m.counter("geoipCacheHits");
        misses = m.counter("geoipCacheMisses");
        notLookedUp = m.counter("geoipNotLookedUp");
        lookupErrors = m.counter("geoipLookupErrors");
        GeoIpEnricher e = enricher;
        m.gauge("geoipCacheSize", (Gauge<Integer>) e::cacheSize);
        m.gauge("geoipReloads", (Gauge<Long>) e::reloads);
        m.gauge("geoipReloadFailures", (Gauge<Long>) e::reloadFailures);
        hitsTotal = getRuntimeContext().getLongCounter(CACHE_HITS_ACCUMULATOR);
        missesTotal = getRuntimeContext().getLongCounter(CACHE_MISSES_ACCUMULATOR);
        // The client says which enrichments are active at every start; this confirms it per task.
        if (LOG.isDebugEnabled()) {
            LOG.debug("GeoIP enrichment open in subtask {}: {}{}{}", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), enricher.describe(),
                    enricher.hasDatabases() ? "; " + settings.describeCacheAndReload() : "",
                    settings.testDatabases() ? "; MaxMind TEST databases, for the bundled sample only" : "");
        }
    }

    @Override
    public AuditEvent map(AuditEvent event) {
        switch (enricher.enrich(event)) {
            case CACHE_HIT -> {
                lookups.inc();
                hits.inc();
                hitsTotal.add(1);
            }
            case CACHE_MISS -> {
                lookups.inc();
                misses.inc();
                missesTotal.add(1);
            }
            case LOOKUP_FAILED -> {
                lookups.inc();
                misses.inc();
                missesTotal.add(1);
                lookupErrors.inc();
            }
            default -> notLookedUp.inc();
        }
        return event;
    }

    @Override
    public void close() throws Exception {
        if (enricher != null) {
            enricher.close();
            enricher = null;
        }
    }
}
