package lab.miribit.fleetops.bootstrap;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * What each step of the last bootstrap runs ended in, kept in a ConfigMap of fleet-ops' namespace so that any
 * replica shows it and a bootstrap that was killed is seen to have stopped where it stopped.
 */
@ApplicationScoped
class BootstrapState {

    /** How a step ended: {@code done}, {@code skipped} (already so), {@code failed}. Stored as JSON (Jackson). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Entry(String state, String message, Instant at, String operationId) {
    }

    private final KubernetesClient central;
    private final BootstrapConfig config;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    BootstrapState(KubernetesClient central, BootstrapConfig config) {
        this.central = central;
        this.config = config;
    }

    Map<String, Entry> read() {
        ConfigMap map = call(() -> central.configMaps().inNamespace(config.namespace()).withName(config.stateConfigMap()).get());
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (map != null && map.getData() != null) {
            map.getData().forEach((step, value) -> parse(value).ifPresent(entry -> entries.put(step, entry)));
        }
        return entries;
    }

    /** Records the end of one step; creates the ConfigMap (and nothing else) the first time. */
    void record(String step, Entry entry) {
        String value;
        try {
            value = json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        call(() -> {
            var resource = central.configMaps().inNamespace(config.namespace()).withName(config.stateConfigMap());
            ConfigMap current = resource.get();
            if (current == null) {
                central.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(config.stateConfigMap()).withNamespace(config.namespace())
                        .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                        .addToData(step, value).build()).create();
            } else {
                resource.edit(map -> new ConfigMapBuilder(map).addToData(step, value).build());
            }
            return null;
        });
    }

    private Optional<Entry> parse(String value) {
        try {
            return Optional.of(json.readValue(value, Entry.class));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new FleetProblem.Unavailable("cannot read or write the bootstrap state ConfigMap: the central cluster's"
                    + " Kubernetes API " + ApiServerFailure.of(e).summary(), 30);
        }
    }
}
