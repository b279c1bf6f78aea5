package lab.miribit.fleetops.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * fleet-ops' own credentials Secret: what bootstrap learns that is secret is kept here, never in the state
 * ConfigMap, an operation message, a log line or a chat reply.
 */
@ApplicationScoped
class FleetCredentials {

    private final KubernetesClient central;
    private final BootstrapConfig config;

    FleetCredentials(KubernetesClient central, BootstrapConfig config) {
        this.central = central;
        this.config = config;
    }

    boolean has(String key) {
        return get(key).isPresent();
    }

    Optional<String> get(String key) {
        Secret secret = central.secrets().inNamespace(config.namespace()).withName(config.credentialsSecret()).get();
        return Optional.ofNullable(SecretValue.of(secret, key));
    }

    void put(String key, String value) {
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        var resource = central.secrets().inNamespace(config.namespace()).withName(config.credentialsSecret());
        if (resource.get() == null) {
            central.secrets().inNamespace(config.namespace()).resource(new SecretBuilder().withNewMetadata()
                    .withName(config.credentialsSecret()).withNamespace(config.namespace())
                    .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                    .withType("Opaque").addToData(key, encoded).build()).create();
        } else {
            resource.edit(secret -> new SecretBuilder(secret).addToData(key, encoded).build());
        }
    }
}
