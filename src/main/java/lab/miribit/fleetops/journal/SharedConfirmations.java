package lab.miribit.fleetops.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
import lab.miribit.fleetops.chat.PendingConfirmations;
import lab.miribit.fleetops.fleet.ApiServerFailure;

/**
 * {@link PendingConfirmations} in the ConfigMap {@code fleet.journal.confirmations-config-map}: a confirmation asked
 * on one replica is pressed on another. Taking one removes it with the resourceVersion read, so of two presses at once
 * on two replicas exactly one wins. Entries are keyed by token digests and hold the user, the command and its expiry;
 * expired ones are dropped on the next write. With the central API unreachable, this replica's own memory still
 * answers its own confirmations.
 */
@ApplicationScoped
public class SharedConfirmations implements PendingConfirmations {

    private static final Logger LOG = Logger.getLogger(SharedConfirmations.class);
    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient central;
    private final JournalConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Pending> local = new ConcurrentHashMap<>();

    /** A confirmation as the ConfigMap holds it (read with Jackson: kept in the native image). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Stored(String user, String command, String commandHash, String expiresAt) {
        static Stored of(Pending pending) {
            return new Stored(pending.user(), pending.command(), pending.commandHash(), pending.expiresAt().toString());
        }

        Pending pending() {
            return new Pending(user, command, commandHash, Instant.parse(expiresAt));
        }
    }

    SharedConfirmations(KubernetesClient central, JournalConfig config) {
        this.central = central;
        this.config = config;
    }

    @Override
    public void put(String tokenDigest, Pending pending) {
        Instant now = clock.instant();
        local.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        local.put(tokenDigest, pending);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                var resource = central.configMaps().inNamespace(config.namespace()).withName(config.confirmationsConfigMap());
                ConfigMap current = resource.get();
                if (current == null) {
                    central.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                            .withName(config.confirmationsConfigMap()).withNamespace(config.namespace())
                            .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                            .addToData(tokenDigest, write(Stored.of(pending))).build()).create();
                    return;
                }
                Map<String, String> changes = new HashMap<>();
                changes.put(tokenDigest, write(Stored.of(pending)));
                Map<String, String> data = current.getData() == null ? Map.of() : current.getData();
                data.forEach((key, value) -> read(value).filter(other -> other.expiresAt().isBefore(now))
                        .ifPresent(expired -> changes.put(key, null)));
                data.forEach((key, value) -> {
                    if (read(value).isEmpty()) {
                        changes.put(key, null);
                    }
                });
                patch(current, changes);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    unshared(e);
                    return;
                }
            }
        }
    }

    @Override
    public Optional<Pending> find(String tokenDigest) {
        try {
            ConfigMap current = central.configMaps().inNamespace(config.namespace()).withName(config.confirmationsConfigMap()).get();
            Optional<Pending> shared = current == null || current.getData() == null ? Optional.empty()
                    : read(current.getData().get(tokenDigest));
            return shared.isPresent() ? shared : Optional.ofNullable(local.get(tokenDigest)).filter(mine -> !taken(current, tokenDigest));
        } catch (KubernetesClientException e) {
            unshared(e);
            return Optional.ofNullable(local.get(tokenDigest));
        }
    }

    @Override
    public boolean take(String tokenDigest) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                var resource = central.configMaps().inNamespace(config.namespace()).withName(config.confirmationsConfigMap());
                ConfigMap current = resource.get();
                if (current == null || current.getData() == null || !current.getData().containsKey(tokenDigest)) {
                    return local.remove(tokenDigest) != null && current == null;
                }
                Map<String, String> changes = new HashMap<>();
                changes.put(tokenDigest, null);
                patch(current, changes);
                local.remove(tokenDigest);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    unshared(e);
                    return local.remove(tokenDigest) != null;
                }
            }
        }
        return false;
    }

    /** The shared store exists and no longer holds it: another replica took it. */
    private static boolean taken(ConfigMap current, String tokenDigest) {
        return current != null && (current.getData() == null || !current.getData().containsKey(tokenDigest));
    }

    /**
     * A merge patch over the version just read (its resource version is the precondition). Sent through the object read,
     * not by name: fabric8's patch by name reads the object again first only to learn its name.
     */
    private void patch(ConfigMap current, Map<String, String> changes) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
        patch.put("data", changes);
        try {
            central.configMaps().inNamespace(config.namespace()).resource(current)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Stored stored) {
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Pending> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(value, Stored.class).pending());
        } catch (JsonProcessingException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void unshared(KubernetesClientException e) {
        LOG.warnf("cannot share a chat confirmation with the other replicas (only this one knows it): the central"
                + " cluster's Kubernetes API %s", ApiServerFailure.of(e).summary());
    }
}
