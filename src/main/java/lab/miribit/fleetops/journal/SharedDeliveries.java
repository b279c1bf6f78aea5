package lab.miribit.fleetops.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.operations.DeliveryLedger;

/**
 * The {@link DeliveryLedger} in the ConfigMap {@code fleet.journal.deliveries-config-map}, beside the operation
 * journal. Each entry is a digest of the key (nothing of the request is stored) → until when it is remembered and what
 * it led to. A write carries the resourceVersion it read, so of two replicas claiming the same delivery at once one write is
 * refused (409) and that replica sees the other's claim when it reads again. Entries expire. With the central API
 * unreachable, this replica's own memory still answers.
 */
@ApplicationScoped
public class SharedDeliveries implements DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(SharedDeliveries.class);
    private static final int MAX_ENTRIES = 5_000;
    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient central;
    private final JournalConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> local = new LinkedHashMap<>();

    /** Until when a delivery is remembered, and what it led to (empty while the first is being submitted). */
    private record Entry(Instant until, String outcome) {
        static Entry parse(String value) {
            if (value == null) {
                return null;
            }
            int space = value.indexOf(' ');
            try {
                return new Entry(Instant.parse(space < 0 ? value : value.substring(0, space)), space < 0 ? "" : value.substring(space + 1));
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }

        String value() {
            return outcome.isEmpty() ? until.toString() : until + " " + outcome;
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
        String digest = digest(key);
        Instant now = clock.instant();
        synchronized (local) {
            local.values().removeIf(entry -> entry.until().isBefore(now));
            Entry mine = local.get(digest);
            if (mine != null) {
                return Optional.of(mine.told());
            }
            local.put(digest, new Entry(now.plus(remember), ""));
        }
        Optional<Entry> earlier = write(digest, now, current -> {
            Entry claimed = Entry.parse(current.get(digest));
            return claimed != null && claimed.until().isAfter(now) ? Optional.of(claimed) : Optional.empty();
        }, new Entry(now.plus(remember), "").value());
        synchronized (local) {
            if (earlier.isEmpty()) {
                return Optional.empty();
            }
            // Another replica's claim: remembered here once settled; while it is being handled, asked for again next time.
            if (earlier.get().outcome().isEmpty()) {
                local.remove(digest);
            } else {
                local.put(digest, earlier.get());
            }
        }
        return earlier.map(Entry::told);
    }

    @Override
    public void settle(String key, String outcome, Duration remember) {
        String digest = digest(key);
        Instant now = clock.instant();
        Entry settled;
        synchronized (local) {
            settled = new Entry(now.plus(remember), outcome);
            local.put(digest, settled);
        }
        write(digest, now, current -> Optional.empty(), settled.value());
    }

    @Override
    public void release(String key) {
        String digest = digest(key);
        synchronized (local) {
            local.remove(digest);
        }
        write(digest, clock.instant(), current -> Optional.empty(), null);
    }

    /**
     * Sets {@code digest} to {@code value} (null removes it) unless {@code found} reads an entry that answers instead,
     * dropping expired entries on the way; retried when another replica wrote in between.
     */
    private Optional<Entry> write(String digest, Instant now, Function<Map<String, String>, Optional<Entry>> found,
            String value) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return writeOnce(digest, now, found, value);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    LOG.warnf("cannot share a delivery with the other replicas (only this one remembers it): the central"
                            + " cluster's Kubernetes API %s", ApiServerFailure.of(e).summary());
                    return Optional.empty();
                }
            }
        }
        LOG.warn("cannot share a delivery with the other replicas: the deliveries ConfigMap kept changing");
        return Optional.empty();
    }

    private Optional<Entry> writeOnce(String digest, Instant now, Function<Map<String, String>, Optional<Entry>> found,
            String value) {
        var resource = central.configMaps().inNamespace(config.namespace()).withName(config.deliveriesConfigMap());
        ConfigMap current = resource.get();
        if (current == null) {
            if (value != null) {
                central.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(config.deliveriesConfigMap()).withNamespace(config.namespace())
                        .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                        .addToData(digest, value).build()).create();
            }
            return Optional.empty();
        }
        Map<String, String> data = current.getData() == null ? Map.of() : current.getData();
        Optional<Entry> answer = found.apply(data);
        if (answer.isPresent()) {
            return answer;
        }
        Map<String, String> changes = new HashMap<>();
        changes.put(digest, value);
        data.entrySet().stream()
                .filter(other -> !other.getKey().equals(digest))
                .filter(other -> Entry.parse(other.getValue()) == null || Entry.parse(other.getValue()).until().isBefore(now))
                .forEach(old -> changes.put(old.getKey(), null));
        long kept = data.size() - changes.values().stream().filter(v -> v == null).count();
        if (kept >= MAX_ENTRIES) {
            data.entrySet().stream().filter(other -> !changes.containsKey(other.getKey()))
                    .sorted(Map.Entry.comparingByValue()).limit(kept - MAX_ENTRIES + 1)
                    .forEach(oldest -> changes.put(oldest.getKey(), null));
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
        patch.put("data", changes);
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), toJson(patch));
        return Optional.empty();
    }

    private static String toJson(Map<String, Object> patch) {
        try {
            return JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
