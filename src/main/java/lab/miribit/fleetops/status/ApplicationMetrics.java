package lab.miribit.fleetops.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.argocd.ApplicationCache;

/** {@code fleet_applications{cluster,sync,health}}: how many applications are in each state, recounted from the cache. */
@ApplicationScoped
class ApplicationMetrics {

    private final FleetStatus status;
    private final ApplicationCache cache;
    private final MultiGauge gauge;

    ApplicationMetrics(FleetStatus status, ApplicationCache cache, MeterRegistry registry) {
        this.status = status;
        this.cache = cache;
        this.gauge = MultiGauge.builder("fleet.applications")
                .description("Applications by destination cluster, sync status and health status").register(registry);
    }

    @Scheduled(every = "${fleet.status.recount-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recount() {
        if (!cache.synced()) {
            return;
        }
        Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (AppView app : status.apps(AppFilter.none())) {
            counts.merge(List.of(String.valueOf(app.cluster()), app.sync().status(), app.health().status()), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(MultiGauge.Row.of(
                Tags.of("cluster", key.get(0), "sync", key.get(1), "health", key.get(2)), count)));
        gauge.register(rows, true);
    }
}
