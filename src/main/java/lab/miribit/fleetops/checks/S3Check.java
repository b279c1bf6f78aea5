package lab.miribit.fleetops.checks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.storage.ObjectStore;
import lab.miribit.fleetops.storage.StorageConfig;

/**
 * The S3 problems people otherwise find when GitLab breaks: is the endpoint there, do the keys work, do the
 * buckets exist, and does a small object survive a round trip (with its latency).
 */
@ApplicationScoped
public class S3Check implements Check {

    static final String NAME = "s3";

    private final ObjectStore store;
    private final StorageConfig config;
    private final MultiGauge bucketPresent;
    private volatile double up;
    private volatile double probeSeconds = Double.NaN;

    public S3Check(ObjectStore store, StorageConfig config, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        Gauge.builder("fleet.s3.up", this, check -> check.up).description("1 when S3 answers with the configured keys")
                .register(registry);
        Gauge.builder("fleet.s3.probe.seconds", this, check -> check.probeSeconds)
                .description("Duration of the last put/get/delete round trip of the probe object").register(registry);
        this.bucketPresent = MultiGauge.builder("fleet.s3.bucket.present").description("1 when the required bucket exists")
                .register(registry);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return config.interval();
    }

    @Override
    public CheckResult run() {
        String endpoint = config.endpoint().orElse("(not configured)");
        if (!store.configured()) {
            up = 0;
            return CheckResult.of(NAME, List.of(new CheckResult.Item("s3", CheckResult.Status.WARNING,
                    Note.of("s3-not-configured"), Map.of())));
        }
        List<CheckResult.Item> items = new ArrayList<>();
        List<String> existing;
        try {
            existing = store.bucketNames();
            items.add(new CheckResult.Item("endpoint", CheckResult.Status.OK, Note.of("s3-answers"),
                    Map.of("endpoint", endpoint)));
        } catch (ObjectStore.StorageFailure failure) {
            up = 0;
            probeSeconds = Double.NaN;
            bucketPresent.register(List.of(), true);
            return CheckResult.of(NAME, List.of(new CheckResult.Item("endpoint", CheckResult.Status.CRITICAL, Note.verbatim(failure.getMessage()),
                    Map.of("endpoint", endpoint, "problem", failure.kind().name().toLowerCase(java.util.Locale.ROOT)))));
        }
        up = 1;
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String bucket : config.buckets()) {
            boolean present = existing.contains(bucket);
            rows.add(MultiGauge.Row.of(Tags.of("bucket", bucket), present ? 1 : 0));
            items.add(new CheckResult.Item("bucket/" + bucket, present ? CheckResult.Status.OK : CheckResult.Status.CRITICAL,
                    present ? Note.of("bucket-present") : Note.of("bucket-missing"), Map.of("bucket", bucket)));
        }
        bucketPresent.register(rows, true);
        items.add(roundTrip(existing));
        return CheckResult.of(NAME, items);
    }

    /** Writes, reads back and deletes a small object, timing the three. */
    private CheckResult.Item roundTrip(List<String> existing) {
        String bucket = config.probeBucket();
        if (!existing.contains(bucket)) {
            probeSeconds = Double.NaN;
            return new CheckResult.Item("probe", CheckResult.Status.CRITICAL, Note.of("probe-bucket-missing", bucket),
                    Map.of("bucket", bucket));
        }
        String object = "fleet-ops-probe/" + UUID.randomUUID();
        byte[] content = ("fleet-ops S3 probe " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try {
            store.put(bucket, object, content);
            byte[] back = store.get(bucket, object);
            store.delete(bucket, object);
            double seconds = (System.nanoTime() - start) / 1e9;
            probeSeconds = seconds;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("bucket", bucket);
            details.put("seconds", seconds);
            if (!Arrays.equals(content, back)) {
                return new CheckResult.Item("probe", CheckResult.Status.CRITICAL, Note.of("probe-differs"), details);
            }
            return new CheckResult.Item("probe", CheckResult.Status.OK, Note.of("probe-took",
                    Duration.ofNanos(System.nanoTime() - start).toMillis()), details);
        } catch (ObjectStore.StorageFailure failure) {
            probeSeconds = Double.NaN;
            return new CheckResult.Item("probe", CheckResult.Status.CRITICAL, Note.of("probe-failed", Note.verbatim(failure.getMessage())),
                    Map.of("bucket", bucket));
        }
    }
}
