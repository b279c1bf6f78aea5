package lab.miribit.fleetops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;

/**
 * Objects read, patched, replaced and deleted by name on the embedded API server, where the store finds them through its
 * index of names instead of a scan: every answer must be the one fabric8's scan gives.
 */
class StoredNamesTest {

    @Test
    void objectsAreFoundByNameThroughEveryChangeOfTheirKey() {
        try (EmbeddedApiServer server = new EmbeddedApiServer("stored-names").start()) {
            var client = server.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("edge").endMetadata().build()).create();
            for (String namespace : new String[] { "argocd", "edge" }) {
                client.configMaps().inNamespace(namespace).resource(configMap(namespace, "same", namespace)).create();
            }

            assertThat(client.configMaps().inNamespace("argocd").withName("same").get().getData()).containsEntry("from", "argocd");
            assertThat(client.configMaps().inNamespace("edge").withName("same").get().getData()).containsEntry("from", "edge");
            assertThat(client.namespaces().withName("edge").get()).isNotNull();
            assertThat(client.configMaps().inNamespace("argocd").withName("other").get()).isNull();
            assertThatThrownBy(() -> client.configMaps().inNamespace("edge").resource(configMap("edge", "same", "again")).create())
                    .isInstanceOf(KubernetesClientException.class).extracting(e -> ((KubernetesClientException) e).getCode())
                    .isEqualTo(409);

            // a label is part of the store's key: the object must still be found, and found by its new label
            client.configMaps().inNamespace("edge").withName("same").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"tier\":\"edge\"}},\"data\":{\"from\":\"patched\"}}");
            assertThat(client.configMaps().inNamespace("edge").withName("same").get().getData()).containsEntry("from", "patched");
            assertThat(client.configMaps().inNamespace("edge").withLabel("tier", "edge").list().getItems())
                    .extracting(c -> c.getMetadata().getName()).containsExactly("same");

            ConfigMap replaced = client.configMaps().inNamespace("argocd").withName("same").get();
            replaced.getData().put("from", "replaced");
            client.configMaps().inNamespace("argocd").resource(replaced).update();
            assertThat(client.configMaps().inNamespace("argocd").withName("same").get().getData()).containsEntry("from", "replaced");

            client.configMaps().inNamespace("edge").withName("same").delete();
            assertThat(client.configMaps().inNamespace("edge").withName("same").get()).isNull();
            assertThat(client.configMaps().inNamespace("argocd").withName("same").get()).isNotNull();
            client.configMaps().inNamespace("edge").resource(configMap("edge", "same", "recreated")).create();
            assertThat(client.configMaps().inNamespace("edge").withName("same").get().getData()).containsEntry("from", "recreated");
        }
    }

    @Test
    void aKeyTheStoreDidNotUseStopsTheIndexAnsweringInsteadOfMisleadingIt() {
        StoredNames names = new StoredNames();
        Map<AttributeSet, String> stored = new HashMap<>();
        AttributeSet key = new AttributeSet(new Attribute("plural", "configmaps"), new Attribute("name", "a"));
        AttributeSet query = new AttributeSet(new Attribute("name", "a"));
        String object = "{}";
        stored.put(key, object);
        names.remember(key, object, stored);
        assertThat(names.answers(query)).isTrue();
        assertThat(names.find(query, stored).entry().getValue()).isSameAs(object);
        assertThat(names.find(new AttributeSet(new Attribute("name", "z")), stored)).isEqualTo(StoredNames.Lookup.NONE);

        AttributeSet sameNameElsewhere = new AttributeSet(new Attribute("plural", "secrets"), new Attribute("name", "a"));
        stored.put(sameNameElsewhere, "{\"kind\":\"Secret\"}");
        names.remember(sameNameElsewhere, stored.get(sameNameElsewhere), stored);
        assertThat(names.find(query, stored).decided()).as("two objects match: only fabric8's scan knows its first").isFalse();
        assertThat(names.find(new AttributeSet(new Attribute("plural", "secrets"), new Attribute("name", "a")), stored).entry()
                .getKey()).isEqualTo(sameNameElsewhere);
        assertThat(names.answers(new AttributeSet(new Attribute("name", "*")))).isFalse();

        names.remember(new AttributeSet(new Attribute("name", "b")), "{\"other\":1}", stored);
        assertThat(names.answers(query)).isFalse();
    }

    private static ConfigMap configMap(String namespace, String name, String from) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData("from", from).build();
    }
}
