package lab.miribit.fleetops.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.operations.DeliveryLedger;

/** Replicas share one ledger, an entry per delivery, on a Kubernetes API (the embedded one, over HTTP). */
class SharedDeliveriesTest {

    private static final Duration REMEMBER = Duration.ofMinutes(10);

    @Test
    void aDeliveryIsFirstOnOneReplicaOnlyAndItsRepeatsLearnWhatItStarted() {
        try (EmbeddedApiServer api = new EmbeddedApiServer("deliveries-test").start()) {
            SharedDeliveries one = new SharedDeliveries(api.client(), JournalSettings.defaults());
            SharedDeliveries two = new SharedDeliveries(api.client(), JournalSettings.defaults());

            assertThat(one.claim("slack:trigger-1", REMEMBER)).isEmpty();
            assertThat(two.claim("slack:trigger-1", REMEMBER)).contains(DeliveryLedger.BEING_HANDLED);
            one.settle("slack:trigger-1", "op-abcdefghij", REMEMBER);
            // What the first led to is written after its answer: the other replicas learn it a moment later.
            await().atMost(Duration.ofSeconds(5)).until(() -> two.claim("slack:trigger-1", REMEMBER).equals(Optional.of("op-abcdefghij")));
            SharedDeliveries three = new SharedDeliveries(api.client(), JournalSettings.defaults());
            assertThat(three.claim("slack:trigger-1", REMEMBER)).contains("op-abcdefghij");

            // A refused first delivery is forgotten everywhere: a repeat may try again.
            assertThat(one.claim("gitlab:uuid-2", REMEMBER)).isEmpty();
            one.release("gitlab:uuid-2");
            await().atMost(Duration.ofSeconds(5)).until(() -> entries(api).size() == 1);
            assertThat(three.claim("gitlab:uuid-2", REMEMBER)).isEmpty();

            // Remembered for as long as asked, not longer: an expired entry is taken over by the next claim.
            assertThat(one.claim("discord:3", Duration.ofMillis(300))).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> three.claim("discord:3", REMEMBER).isEmpty());
            assertThat(two.claim("discord:3", REMEMBER)).contains(DeliveryLedger.BEING_HANDLED);

            assertThat(entries(api)).extracting(map -> map.getMetadata().getName())
                    .allMatch(name -> name.matches("fleet-ops-delivery-[0-9a-f]{48}"));
            assertThat(entries(api).toString()).doesNotContain("trigger-1").doesNotContain("uuid-2").doesNotContain("discord:3");
        }
    }

    @Test
    void whatADeliveryLedToIsWrittenInOneRequest() {
        try (EmbeddedApiServer api = new EmbeddedApiServer("deliveries-settle").start()) {
            SharedDeliveries one = new SharedDeliveries(api.client(), JournalSettings.defaults());
            assertThat(one.claim("slack:trigger-9", REMEMBER)).isEmpty();
            api.takeRequests();
            one.settle("slack:trigger-9", "op-0123456789", REMEMBER);
            await().atMost(Duration.ofSeconds(5)).until(() -> entries(api).toString().contains("op-0123456789"));
            assertThat(api.takeRequests().stream().filter(request -> request.contains("/configmaps/fleet-ops-delivery-"))
                    .map(request -> request.substring(0, request.indexOf(' ')))).containsExactly("PATCH");
        }
    }

    @Test
    void ofManyReplicasClaimingTheSameDeliveryAtOnceExactlyOneIsFirst() throws Exception {
        try (EmbeddedApiServer api = new EmbeddedApiServer("deliveries-race").start()) {
            ExecutorService replicas = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "slack:race-" + round;
                    List<Callable<Optional<String>>> claims = new ArrayList<>();
                    for (int r = 0; r < 8; r++) {
                        SharedDeliveries replica = new SharedDeliveries(api.client(), JournalSettings.defaults());
                        claims.add(() -> replica.claim(key, REMEMBER));
                    }
                    List<Optional<String>> answers = new ArrayList<>();
                    for (Future<Optional<String>> answer : replicas.invokeAll(claims)) {
                        answers.add(answer.get());
                    }
                    assertThat(answers.stream().filter(Optional::isEmpty)).as(key).hasSize(1);
                    assertThat(answers.stream().filter(Optional::isPresent).map(Optional::get)).as(key)
                            .containsOnly(DeliveryLedger.BEING_HANDLED);
                }
            } finally {
                replicas.shutdown();
            }
        }
    }

    @Test
    void theSweepDeletesExpiredEntriesOnly() {
        try (EmbeddedApiServer api = new EmbeddedApiServer("deliveries-sweep").start()) {
            SharedDeliveries ledger = new SharedDeliveries(api.client(), JournalSettings.defaults());
            ledger.claim("slack:short", Duration.ofMillis(200));
            ledger.claim("slack:long", REMEMBER);
            assertThat(entries(api)).hasSize(2);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> {
                ledger.sweep();
                return entries(api).size() == 1;
            });
            assertThat(new SharedDeliveries(api.client(), JournalSettings.defaults()).claim("slack:long", REMEMBER))
                    .contains(DeliveryLedger.BEING_HANDLED);
        }
    }

    private static List<ConfigMap> entries(EmbeddedApiServer api) {
        return api.client().configMaps().inNamespace("fleet-ops").withLabel(SharedDeliveries.LEDGER_LABEL, SharedDeliveries.LEDGER)
                .list().getItems();
    }
}
