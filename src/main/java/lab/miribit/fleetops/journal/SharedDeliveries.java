package lab.miribit.fleetops.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.operations.DeliveryLedger;

/**
 * The {@link DeliveryLedger} as one small ConfigMap per delivery in fleet-ops' namespace, named
 * {@code fleet.journal.deliveries-prefix} and a digest of the key (nothing of the request is stored), holding until when it
 * is remembered and what it led to. Claiming is creating it: the API server lets exactly one create of a name succeed, so
 * of two replicas claiming the same delivery at once one wins in a single round trip, and deliveries of different keys
 * never wait on each other (a single shared ConfigMap made every claim a read-modify-write of all of them: under 32
 * concurrent senders most writes were refused as stale and retried until they gave up). What the first led to is written
 * after the acknowledgement, off its path. Expired entries are swept on a schedule. With the central API unreachable,
 * this replica's own memory still answers.
 */
@ApplicationScoped
public class SharedDeliveries implements DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(SharedDeliveries.class);
    static final String LEDGER_LABEL = "fleet-ops.miribit.lab/ledger";
    static final String LEDGER = "deliveries";
    private static final String UNTIL = "until";
    private static final String OUTCOME = "outcome";
    /** A claim whose entry expired is taken over by deleting it first; a few rounds are enough for any race. */
    private static final int ATTEMPTS = 3;

    private final KubernetesClient central;
    private final JournalConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> local = new LinkedHashMap<>();
    /** Settles and releases, in the order they were asked for, after the answer that caused them. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-ledger-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** Until when a delivery is remembered, and what it led to (empty while the first is being submitted). */
    private record Entry(Instant until, String outcome) {
        static Entry of(ConfigMap map) {
            Map<String, String> data = map == null || map.getData() == null ? Map.of() : map.getData();
            try {
                return data.get(UNTIL) == null ? null : new Entry(Instant.parse(data.get(UNTIL)), data.getOrDefault(OUTCOME, ""));
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }

        String told() {
            return outcome.isEmpty() ? BEING_HANDLED : outcome;
        }
    }

    SharedDeliveries(KubernetesClient central, JournalConfig config) {
        this.central = central;
        this.config = config;
    }

    @Override
    public Optional<String> claim(String key, Duration remember) {
        String name = name(key);
        Instant now = clock.instant();
        synchronized (local) {
            // Nearly in expiry order (most deliveries are remembered equally long): trimmed from the head, and an
            // expired entry left behind a fresher one is ignored when met.
            for (var oldest = local.values().iterator(); oldest.hasNext() && oldest.next().until().isBefore(now);) {
                oldest.remove();
            }
            Entry mine = local.get(name);
            if (mine != null && !mine.until().isBefore(now)) {
                return Optional.of(mine.told());
            }
            local.put(name, new Entry(now.plus(remember), ""));
        }
        Optional<Entry> earlier = claimShared(name, new Entry(now.plus(remember), ""), now);
        synchronized (local) {
            if (earlier.isEmpty()) {
                return Optional.empty();
            }
            // Another replica's claim: remembered here once settled; while it is being handled, asked for again next time.
            if (earlier.get().outcome().isEmpty()) {
                local.remove(name);
            } else {
                local.put(name, earlier.get());
            }
        }
        return earlier.map(Entry::told);
    }

    @Override
    public void settle(String key, String outcome, Duration remember) {
        String name = name(key);
        Entry settled = new Entry(clock.instant().plus(remember), outcome);
        synchronized (local) {
            local.put(name, settled);
        }
        writer.execute(() -> shared("record what a delivery led to", () -> {
            // One request: the claim's entry is there in all but the rarest case (swept, or never written).
            try {
                resource(name).patch(PatchContext.of(PatchType.JSON_MERGE), new ConfigMapBuilder().withNewMetadata().endMetadata()
                        .addToData(UNTIL, settled.until().toString()).addToData(OUTCOME, settled.outcome()).build());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                resource(name).create(map(name, settled));
            }
        }));
    }

    @Override
    public void release(String key) {
        String name = name(key);
        synchronized (local) {
            local.remove(name);
        }
        writer.execute(() -> shared("forget a refused delivery", () -> resource(name).delete()));
    }

    /** Deletes the entries that have expired, whichever replica wrote them; any replica may sweep, twice is harmless. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        shared("sweep expired deliveries", () -> central.configMaps().inNamespace(config.namespace())
                .withLabel(LEDGER_LABEL, LEDGER).list().getItems().stream()
                .filter(map -> {
                    Entry entry = Entry.of(map);
                    return entry == null || entry.until().isBefore(now);
                })
                .forEach(map -> resource(map.getMetadata().getName()).lockResourceVersion(map.getMetadata().getResourceVersion())
                        .delete()));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Empty when this replica's claim is the first; else the claim another made first. */
    private Optional<Entry> claimShared(String name, Entry claim, Instant now) {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    resource(name).create(map(name, claim));
                    return Optional.empty();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
                ConfigMap found = resource(name).get();
                Entry entry = Entry.of(found);
                if (entry != null && entry.until().isAfter(now)) {
                    return Optional.of(entry);
                }
                if (found != null) {
                    // Expired (or unreadable): taken over, unless another replica changed it since it was read.
                    try {
                        resource(name).lockResourceVersion(found.getMetadata().getResourceVersion()).delete();
                    } catch (KubernetesClientException changed) {
                        if (changed.getCode() != 409) {
                            throw changed;
                        }
                    }
                }
            }
            LOG.warnf("cannot share a delivery with the other replicas: its entry %s kept changing", name);
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot share a delivery with the other replicas (only this one remembers it): the central"
                    + " cluster's Kubernetes API %s", ApiServerFailure.of(e).summary());
        }
        return Optional.empty();
    }

    private void shared(String what, Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot %s shared with the other replicas (this replica remembers it): the central cluster's"
                    + " Kubernetes API %s", what, ApiServerFailure.of(e).summary());
        }
    }

    private Resource<ConfigMap> resource(String name) {
        return central.configMaps().inNamespace(config.namespace()).withName(name);
    }

    private ConfigMap map(String name, Entry entry) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(config.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").addToLabels(LEDGER_LABEL, LEDGER).endMetadata()
                .addToData(UNTIL, entry.until().toString()).addToData(OUTCOME, entry.outcome()).build();
    }

    /** The entry's name: the prefix and a digest of the key, so that no delivery id is stored. */
    private String name(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return config.deliveriesPrefix() + "-" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
