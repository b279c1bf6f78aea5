package lab.miribit.fleetops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** The embedded API server applies a JSON merge patch as a real one does (RFC 7386), through the fabric8 client. */
class MergePatchTest {

    @Test
    void anArrayIsReplacedANullRemovesAFieldAndObjectsMerge() {
        try (EmbeddedApiServer server = new EmbeddedApiServer("merge-patch").start()) {
            var pods = server.client().pods().inNamespace("argocd");
            pods.resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("argocd")
                    .addToLabels("keep", "yes").addToLabels("drop", "yes").endMetadata()
                    .withNewSpec().addNewContainer().withName("a").withImage("a:1").endContainer()
                    .addNewContainer().withName("b").withImage("b:1").endContainer().endSpec().build()).create();

            Pod patched = pods.withName("p").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"drop\":null,\"new\":\"yes\"}},"
                            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"c:1\"}]}}");

            for (Pod pod : new Pod[] { patched, pods.withName("p").get() }) {
                assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("c");
                assertThat(pod.getMetadata().getLabels()).containsOnlyKeys("keep", "new");
            }
        }
    }
}
