package lab.miribit.fleetops.journal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.coordination.ScheduleLeadership;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationChanged;
import lab.miribit.fleetops.operations.OperationService;

/**
 * Operations live in the memory of the replica that accepted them; this journal keeps every running one in a
 * ConfigMap of fleet-ops' namespace with the replica that runs it, and each replica's heartbeat. When a replica
 * stops (killed, evicted, crashed) while operations ran, the schedule's holder finds them, reports each as
 * failed with the reason and audits it: an accepted action is done or reported failed, never silently lost.
 * Argo CD carries a sync it had started on to its end either way; a bootstrap resumes when run again.
 */
@ApplicationScoped
public class OperationJournal {

    private static final Logger LOG = Logger.getLogger(OperationJournal.class);
    private static final String OPERATION_PREFIX = "op-";
    private static final String REPLICA_PREFIX = "replica.";

    /** What the journal keeps of an operation; no message, no secret. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Entry(String replica, String kind, String target, String requestedBy, String requestedByName, String via, Instant startedAt) {
    }

    private final KubernetesClient central;
    private final JournalConfig config;
    private final ScheduleLeadership leadership;
    private final OperationService operations;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    // Written in order from one thread: an operation's acceptance never waits for the journal.
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "operation-journal");
        thread.setDaemon(true);
        return thread;
    });

    OperationJournal(KubernetesClient central, JournalConfig config, ScheduleLeadership leadership, OperationService operations) {
        this.central = central;
        this.config = config;
        this.leadership = leadership;
        this.operations = operations;
    }

    void onChange(@Observes OperationChanged change) {
        Operation.Snapshot operation = change.operation();
        if (operation.state() == Operation.State.PENDING) {
            Entry entry = new Entry(leadership.identity(), operation.kind(), operation.target(), operation.requestedBy(),
                    operation.requestedByName(), operation.via().label(), operation.startedAt());
            String value = toJson(entry);
            later(() -> write(Map.of(operation.id(), value)));
        } else if (operation.state().finished()) {
            later(() -> remove(operation.id()));
        }
    }

    private void later(Runnable change) {
        try {
            writer.execute(change);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // This replica is stopping and its journal is closed. An entry it can no longer remove is reported interrupted
            // by the next replica to look, as for any replica that stops mid-operation (an operation that ended in these
            // last moments included: its audit line says how it really ended).
            LOG.debug("the journal is closed, this replica is stopping: an operation's change is not written");
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        writer.shutdown();
    }

    @Scheduled(every = "${fleet.journal.heartbeat}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        write(Map.of(REPLICA_PREFIX + leadership.identity(), Instant.now().toString()));
        if (leadership.leading()) {
            reportInterrupted();
        }
    }

    /** Reports the operations of replicas that stopped (or of this replica's earlier life) as interrupted. */
    public void reportInterrupted() {
        Map<String, String> data = read();
        Instant staleBefore = Instant.now().minus(config.staleAfter());
        for (Map.Entry<String, String> item : data.entrySet()) {
            if (!item.getKey().startsWith(OPERATION_PREFIX)) {
                continue;
            }
            Entry entry = fromJson(item.getValue());
            if (entry == null) {
                remove(item.getKey());
                continue;
            }
            boolean mine = entry.replica().equals(leadership.identity());
            boolean known = operations.find(item.getKey()).isPresent();
            Instant heartbeat = parse(data.get(REPLICA_PREFIX + entry.replica()));
            boolean ownerGone = !mine && (heartbeat == null || heartbeat.isBefore(staleBefore));
            if (mine && !known || ownerGone) {
                Note reason = Note.of("interrupted", entry.replica(), entry.kind(), entry.target());
                operations.reportInterrupted(new Operation.Snapshot(item.getKey(), entry.kind(), entry.target(), entry.requestedBy(),
                        entry.requestedByName() == null ? entry.requestedBy() : entry.requestedByName(), via(entry.via()),
                        Operation.State.FAILED, entry.startedAt(), null, java.util.List.of(), reason.english(), reason), reason);
                remove(item.getKey());
                LOG.warnf("operation %s (%s %s) was interrupted: replica %s stopped", item.getKey(), entry.kind(), entry.target(),
                        entry.replica());
            }
        }
    }

    private Map<String, String> read() {
        try {
            ConfigMap map = central.configMaps().inNamespace(config.namespace()).withName(config.configMap()).get();
            return map == null || map.getData() == null ? Map.of() : new HashMap<>(map.getData());
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot read the operation journal: the central cluster's Kubernetes API %s", ApiServerFailure.of(e).summary());
            return Map.of();
        }
    }

    /** Every change goes through here, one at a time, retried when another replica changed the ConfigMap between. */
    private synchronized void change(java.util.function.UnaryOperator<ConfigMap> edit, Map<String, String> whenMissing) {
        for (int attempt = 1;; attempt++) {
            try {
                var resource = central.configMaps().inNamespace(config.namespace()).withName(config.configMap());
                if (resource.get() == null) {
                    if (whenMissing.isEmpty()) {
                        return;
                    }
                    central.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                            .withName(config.configMap()).withNamespace(config.namespace())
                            .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata().addToData(whenMissing).build())
                            .create();
                } else {
                    resource.edit(edit);
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    // The operation goes on; only its trace for the case of this replica's death is missing.
                    LOG.warnf("cannot change the operation journal: the central cluster's Kubernetes API %s",
                            ApiServerFailure.of(e).summary());
                    return;
                }
            }
        }
    }

    private void write(Map<String, String> values) {
        change(map -> new ConfigMapBuilder(map).addToData(values).build(), values);
    }

    private void remove(String key) {
        change(map -> new ConfigMapBuilder(map).removeFromData(key).build(), Map.of());
    }

    private String toJson(Entry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry fromJson(String value) {
        try {
            return json.readValue(value, Entry.class);
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    private static Instant parse(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static lab.miribit.fleetops.operations.Via via(String label) {
        for (lab.miribit.fleetops.operations.Via via : lab.miribit.fleetops.operations.Via.values()) {
            if (via.label().equals(label)) {
                return via;
            }
        }
        return lab.miribit.fleetops.operations.Via.REST;
    }
}
