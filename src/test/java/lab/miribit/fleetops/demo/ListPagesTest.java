package lab.miribit.fleetops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** The embedded API server pages lists as the real one does: from one snapshot, every item once, 410 for a lost token. */
class ListPagesTest {

    @Test
    void pagesCoverOneSnapshotExactlyOnceWhileTheStoreChanges() throws Exception {
        try (EmbeddedApiServer server = new EmbeddedApiServer("paging").start()) {
            for (int i = 0; i < 7; i++) {
                server.client().configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("cm-" + i).withNamespace("argocd").endMetadata().build()).create();
            }
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                ConfigMapList page = server.client().configMaps().inNamespace("argocd")
                        .list(new ListOptionsBuilder().withLimit(3L).withContinue(token).build());
                page.getItems().forEach(item -> seen.add(item.getMetadata().getName()));
                token = page.getMetadata().getContinue();
                if (pages++ == 0) {
                    assertThat(page.getItems()).hasSize(3);
                    assertThat(page.getMetadata().getRemainingItemCount()).isEqualTo(4L);
                    // Written after the first page: not part of this list.
                    server.client().configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata()
                            .withName("cm-late").withNamespace("argocd").endMetadata().build()).create();
                }
            } while (token != null && !token.isEmpty());
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(7).doesNotHaveDuplicates().doesNotContain("cm-late");

            assertThatThrownBy(() -> server.client().configMaps().inNamespace("argocd")
                    .list(new ListOptionsBuilder().withLimit(3L).withContinue("gone:3").build()))
                    .isInstanceOf(KubernetesClientException.class).satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(410));

            SharedIndexInformer<ConfigMap> informer = server.client().configMaps().inNamespace("argocd").withLimit(2L).inform();
            try {
                org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(informer::hasSynced);
                assertThat(informer.getStore().list()).hasSize(8);
            } finally {
                informer.close();
            }
        }
    }

    @Test
    void aDoctoredTokenIsExpiredAndAHugeLimitEndsTheList() {
        try (EmbeddedApiServer server = new EmbeddedApiServer("paging-edges").start()) {
            for (int i = 0; i < 5; i++) {
                server.client().configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("cm-" + i).withNamespace("argocd").endMetadata().build()).create();
            }
            ConfigMapList first = server.client().configMaps().inNamespace("argocd")
                    .list(new ListOptionsBuilder().withLimit(2L).build());
            String token = first.getMetadata().getContinue();
            String id = token.substring(0, token.lastIndexOf(':'));
            for (String doctored : new String[] { id + ":-1", id + ":99", id + ":x" }) {
                assertThatThrownBy(() -> server.client().configMaps().inNamespace("argocd")
                        .list(new ListOptionsBuilder().withLimit(2L).withContinue(doctored).build()))
                        .as(doctored).isInstanceOf(KubernetesClientException.class)
                        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(410));
            }
            ConfigMapList rest = server.client().configMaps().inNamespace("argocd")
                    .list(new ListOptionsBuilder().withLimit(Long.MAX_VALUE).withContinue(token).build());
            assertThat(rest.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("cm-2", "cm-3", "cm-4");
            assertThat(rest.getMetadata().getContinue()).isNullOrEmpty();
        }
    }
}
