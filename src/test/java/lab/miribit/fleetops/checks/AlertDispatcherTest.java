package lab.miribit.fleetops.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.operations.Note;

class AlertDispatcherTest {

    /** Collects what would be fired. */
    private static final class Fired implements Event<Alert> {
        final List<Alert> alerts = new ArrayList<>();

        @Override
        public void fire(Alert event) {
            alerts.add(event);
        }

        @Override
        public <U extends Alert> CompletionStage<U> fireAsync(U event) {
            alerts.add(event);
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends Alert> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return fireAsync(event);
        }

        @Override
        public Event<Alert> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends Alert> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }

        @Override
        public <U extends Alert> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }
    }

    private final Fired fired = new Fired();
    private final AlertDispatcher dispatcher = new AlertDispatcher(fired);

    private static CheckResult.Item cert(String cluster, CheckResult.Status status, long days) {
        return new CheckResult.Item("cluster/" + cluster, status, Note.of("certificate-expires", Note.of("client-certificate"), days),
                Map.of("source", "client-certificate"));
    }

    @Test
    void theFirstResultAfterStartIsOnlyABaseline() {
        dispatcher.onResult(CheckResult.of("certificates", List.of(cert("cluster-03", CheckResult.Status.WARNING, 10))));
        assertThat(fired.alerts).isEmpty();
    }

    @Test
    void aThresholdCrossingIsOneAlertButAnotherDayLeftIsNone() {
        dispatcher.onResult(CheckResult.of("certificates", List.of(cert("cluster-03", CheckResult.Status.WARNING, 10))));
        dispatcher.onResult(CheckResult.of("certificates", List.of(cert("cluster-03", CheckResult.Status.WARNING, 9))));
        assertThat(fired.alerts).isEmpty();
        dispatcher.onResult(CheckResult.of("certificates", List.of(cert("cluster-03", CheckResult.Status.CRITICAL, 7))));
        assertThat(fired.alerts).hasSize(1);
        assertThat(fired.alerts.get(0).group()).isEqualTo("cluster-03");
        assertThat(fired.alerts.get(0).changes()).containsExactly(new Alert.Change(Alert.Kind.CHANGED, CheckResult.Status.CRITICAL,
                "cluster/cluster-03", Note.of("certificate-expires", Note.of("client-certificate"), 7)));
        assertThat(fired.alerts.get(0).changes().get(0).summary()).isEqualTo("client certificate expires in 7 days");
    }

    @Test
    void changesAreGroupedPerCluster() {
        dispatcher.onResult(CheckResult.of("drift", List.of()));
        dispatcher.onResult(CheckResult.of("drift", List.of(
                new CheckResult.Item("app/a-cluster-02", CheckResult.Status.CRITICAL, Note.verbatim("Degraded"), Map.of("cluster", "cluster-02")),
                new CheckResult.Item("app/b-cluster-02", CheckResult.Status.WARNING, Note.verbatim("OutOfSync"), Map.of("cluster", "cluster-02")),
                new CheckResult.Item("app/c-cluster-04", CheckResult.Status.WARNING, Note.verbatim("OutOfSync"), Map.of("cluster", "cluster-04")))));
        assertThat(fired.alerts).extracting(Alert::group).containsExactly("cluster-02", "cluster-04");
        assertThat(fired.alerts.get(0).worst()).isEqualTo(CheckResult.Status.CRITICAL);
        assertThat(fired.alerts.get(0).changes()).hasSize(2);
    }
}
