package lab.miribit.fleetops.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.operations.DeliveryLedger;

/** Two replicas share one ledger in a ConfigMap on a Kubernetes API (the embedded one, over HTTP). */
class SharedDeliveriesTest {

    @Test
    void aDeliveryIsFirstOnOneReplicaOnlyAndItsRepeatsLearnWhatItStarted() {
        try (EmbeddedApiServer api = new EmbeddedApiServer("deliveries-test").start()) {
            SharedDeliveries one = new SharedDeliveries(api.client(), JournalSettings.defaults());
            SharedDeliveries two = new SharedDeliveries(api.client(), JournalSettings.defaults());
            Duration remember = Duration.ofMinutes(10);

            assertThat(one.claim("slack:trigger-1", remember)).isEmpty();
            assertThat(two.claim("slack:trigger-1", remember)).contains(DeliveryLedger.BEING_HANDLED);
            one.settle("slack:trigger-1", "op-abcdefghij", remember);
            assertThat(two.claim("slack:trigger-1", remember)).as("read again, not kept as pending").contains("op-abcdefghij");
            SharedDeliveries three = new SharedDeliveries(api.client(), JournalSettings.defaults());
            assertThat(three.claim("slack:trigger-1", remember)).contains("op-abcdefghij");

            // A refused first delivery is forgotten everywhere: a repeat may try again.
            assertThat(one.claim("gitlab:uuid-2", remember)).isEmpty();
            one.release("gitlab:uuid-2");
            assertThat(three.claim("gitlab:uuid-2", remember)).isEmpty();

            // Remembered for as long as asked, not longer.
            assertThat(one.claim("discord:3", Duration.ofMillis(300))).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> three.claim("discord:3", remember).isEmpty());

            ConfigMap shared = api.client().configMaps().inNamespace("fleet-ops").withName("fleet-ops-deliveries").get();
            assertThat(shared.getData().keySet()).allMatch(key -> key.matches("d-[0-9a-f]{48}"));
            assertThat(shared.getData().toString()).doesNotContain("trigger-1").doesNotContain("uuid-2");
        }
    }
}
