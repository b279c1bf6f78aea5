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

/**
 * Deliveries already taken, shared by every replica: a signed Slack request captured and sent again lands on any
 * replica behind the Service, so a memory of one replica alone would let it run twice within Slack's five-minute
 * window. A delivery is claimed in the ConfigMap {@code fleet.journal.deliveries-config-map} beside the operation
 * journal; the write carries the resourceVersion it read, so of two replicas claiming the same delivery at once one
 * write is refused (409) and that replica sees the other's claim when it reads again. Keys are digests (nothing of
 * the request is stored) and expire. With the central API unreachable, this replica's own memory still answers.
 */
@ApplicationScoped
public class SharedDeliveries {

    private static final Logger LOG = Logger.getLogger(SharedDeliveries.class);
    private static final int MAX_ENTRIES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient central;
    private final JournalConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> local = new LinkedHashMap<>();

    SharedDeliveries(KubernetesClient central, JournalConfig config) {
        this.central = central;
        this.config = config;
    }

    /**
     * Claims {@code key} (e.g. a request signature) for {@code remember}.
     *
     * @return true for the first delivery of that key on any replica, false for a repeat
     */
    public boolean claim(String source, String key, Duration remember) {
        String entry = digest(source + ":" + key);
        Instant now = clock.instant();
        synchronized (local) {
            local.values().removeIf(at -> at.isBefore(now.minus(remember)));
            if (local.putIfAbsent(entry, now) != null) {
                return false;
            }
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                return claimShared(entry, now, remember);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    LOG.warnf("cannot share a delivery with the other replicas (only this one remembers it): the central"
                            + " cluster's Kubernetes API %s", ApiServerFailure.of(e).summary());
                    return true;
                }
            }
        }
        LOG.warn("cannot share a delivery with the other replicas: the deliveries ConfigMap kept changing; taken as new");
        return true;
    }

    private boolean claimShared(String entry, Instant now, Duration remember) {
        var resource = central.configMaps().inNamespace(config.namespace()).withName(config.deliveriesConfigMap());
        ConfigMap current = resource.get();
        if (current == null) {
            central.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(config.deliveriesConfigMap()).withNamespace(config.namespace())
                    .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                    .addToData(entry, now.toString()).build()).create();
            return true;
        }
        Map<String, String> data = current.getData() == null ? Map.of() : current.getData();
        Instant claimed = parse(data.get(entry));
        if (claimed != null && !claimed.isBefore(now.minus(remember))) {
            return false;
        }
        Map<String, String> changes = new HashMap<>();
        changes.put(entry, now.toString());
        data.entrySet().stream()
                .filter(other -> !other.getKey().equals(entry))
                .filter(other -> parse(other.getValue()) == null || parse(other.getValue()).isBefore(now.minus(remember)))
                .forEach(expired -> changes.put(expired.getKey(), null));
        long kept = data.size() - changes.values().stream().filter(value -> value == null).count();
        if (kept >= MAX_ENTRIES) {
            data.entrySet().stream().filter(other -> !changes.containsKey(other.getKey()))
                    .sorted(Map.Entry.comparingByValue()).limit(kept - MAX_ENTRIES + 1)
                    .forEach(oldest -> changes.put(oldest.getKey(), null));
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
        patch.put("data", changes);
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), toJson(patch));
        return true;
    }

    private static String toJson(Map<String, Object> patch) {
        try {
            return JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant parse(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            return null;
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
