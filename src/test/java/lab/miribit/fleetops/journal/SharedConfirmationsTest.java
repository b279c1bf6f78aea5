package lab.miribit.fleetops.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.chat.PendingConfirmations;
import lab.miribit.fleetops.demo.EmbeddedApiServer;

/** Confirmations asked on one replica and pressed on another, on a Kubernetes API (the embedded one, over HTTP). */
class SharedConfirmationsTest {

    @Test
    void askedOnOneReplicaPressedOnAnotherAndTakenByExactlyOne() throws Exception {
        try (EmbeddedApiServer api = new EmbeddedApiServer("confirmations-test").start()) {
            SharedConfirmations asked = new SharedConfirmations(api.client(), JournalSettings.defaults());
            SharedConfirmations pressedHere = new SharedConfirmations(api.client(), JournalSettings.defaults());
            SharedConfirmations pressedThere = new SharedConfirmations(api.client(), JournalSettings.defaults());
            PendingConfirmations.Pending pending = new PendingConfirmations.Pending("slack:T1:U1", "rollback grafana-cluster-01",
                    "0123456789abcdef01234567", Instant.now().plus(Duration.ofMinutes(5)));
            asked.put("c-token-digest", pending);
            assertThat(pressedHere.find("c-token-digest")).contains(pending);

            ExecutorService presses = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> taken = presses.invokeAll(List.<Callable<Boolean>>of(
                        () -> pressedHere.take("c-token-digest"), () -> pressedThere.take("c-token-digest")));
                assertThat(taken.stream().filter(result -> {
                    try {
                        return result.get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).count()).as("exactly one press wins").isEqualTo(1);
            } finally {
                presses.shutdownNow();
            }
            assertThat(asked.find("c-token-digest")).as("gone for the replica that asked too").isEmpty();

            // An expired confirmation is dropped by the next write.
            asked.put("c-old", new PendingConfirmations.Pending("u", "bootstrap", "h", Instant.now().minusSeconds(1)));
            asked.put("c-new", pending);
            assertThat(api.client().configMaps().inNamespace("fleet-ops").withName("fleet-ops-confirmations").get().getData())
                    .containsOnlyKeys("c-new");

            // A change is one read and one conditional patch, no second read.
            api.takeRequests();
            asked.put("c-counted", pending);
            assertThat(api.takeRequests()).containsExactly("GET /api/v1/namespaces/fleet-ops/configmaps/fleet-ops-confirmations",
                    "PATCH /api/v1/namespaces/fleet-ops/configmaps/fleet-ops-confirmations");
        }
    }
}
