package lab.miribit.fleetops.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import lab.miribit.fleetops.demo.EmbeddedApiServer;

/** Two replicas compete for the schedule's Lease on a Kubernetes API (the embedded one): one leads, then the other. */
class ScheduleLeaseTest {

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverWhenItGoes() {
        try (EmbeddedApiServer api = new EmbeddedApiServer("lease-test").start()) {
            ScheduleLease a = new ScheduleLease(api.client(), "fleet-ops", "fleet-ops-schedule", "replica-a", Duration.ofSeconds(2));
            ScheduleLease b = new ScheduleLease(api.client(), "fleet-ops", "fleet-ops-schedule", "replica-b", Duration.ofSeconds(2));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> a.leading() || b.leading());
                assertThat(a.leading() && b.leading()).as("never two leaders").isFalse();
                ScheduleLease leader = a.leading() ? a : b;
                ScheduleLease other = leader == a ? b : a;
                Lease lease = api.client().leases().inNamespace("fleet-ops").withName("fleet-ops-schedule").get();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.identity());

                leader.close();
                await().atMost(Duration.ofSeconds(10)).until(other::leading);
                assertThat(leader.leading()).isFalse();
                assertThat(api.client().leases().inNamespace("fleet-ops").withName("fleet-ops-schedule").get().getSpec()
                        .getHolderIdentity()).isEqualTo(other.identity());
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
