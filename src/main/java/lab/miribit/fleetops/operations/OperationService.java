package lab.miribit.fleetops.operations;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The single door every action passes through, whatever transport it came from: check the caller's role,
 * let the handler validate and plan, refuse a second action on a busy target, audit, then run the work in
 * the background and track it as an {@link Operation}. Nothing accepted is dropped: the work either
 * finishes or the operation is marked failed with its reason.
 */
@ApplicationScoped
public class OperationService {

    private static final Logger LOG = Logger.getLogger(OperationService.class);
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
    private final OperationStore store;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Event<OperationChanged> changes;
    private final DeliveryLedger deliveries;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> busyTargets = new HashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fleet-operation");
        thread.setDaemon(true);
        return thread;
    });

    OperationService(@All List<CommandHandler<?>> handlers, OperationStore store, AuditLog audit, MeterRegistry metrics,
            Event<OperationChanged> changes, DeliveryLedger deliveries) {
        this.deliveries = deliveries;
        for (CommandHandler<?> handler : handlers) {
            for (Class<?> type : handler.handles()) {
                if (this.handlers.put(type, handler) != null) {
                    throw new IllegalStateException("two handlers for " + type.getSimpleName());
                }
            }
        }
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
        this.changes = changes;
    }

    /**
     * Every series of {@code fleet_operations_total} at 0 from the start: Prometheus' {@code increase()} needs two
     * samples, so a counter first seen at 1 (the first failure) would never fire {@code FleetOperationsFailing}.
     */
    void registerCounters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        for (String kind : Command.KINDS) {
            for (String outcome : List.of("refused", Operation.State.SUCCEEDED.label(), Operation.State.FAILED.label())) {
                for (Via via : Via.values()) {
                    counter(kind, outcome, via);
                }
            }
        }
    }

    /**
     * Accepts {@code command} from {@code caller} and starts it; returns the new operation.
     *
     * @throws FleetProblem when the caller may not, the input is wrong, or the target is busy; nothing changed then
     */
    public Operation.Snapshot submit(Caller caller, Command asked) {
        // Refusals are audited as asked; everything after resolution shows the precise command.
        Command command = asked;
        try {
            authorize(caller, asked);
            command = handlerFor(asked).resolve(asked);
            return start(caller, command);
        } catch (FleetProblem refused) {
            audit.record(new AuditRecord(Instant.now(), caller.id(), caller.name(), caller.via(), command.kind(), command.target(),
                    "refused", null, refused.getMessage()));
            counter(command.kind(), "refused", caller.via()).increment();
            throw refused;
        }
    }

    private Operation.Snapshot start(Caller caller, Command command) {
        CommandHandler.Accepted accepted = handlerFor(command).accept(command, caller);
        Operation operation = new Operation(newId(), command, caller, accepted.plannedSteps());
        claim(accepted, operation.id());
        store.add(operation);
        audit.record(new AuditRecord(Instant.now(), caller.id(), caller.name(), caller.via(), command.kind(), command.target(),
                "accepted", operation.id(), null));
        // The answer shows the operation as accepted, whatever the worker has done by the time it is sent.
        Operation.Snapshot acceptedState = operation.snapshot();
        announce(command, acceptedState);
        workers.execute(() -> run(operation, accepted, command, caller));
        return acceptedState;
    }

    /**
     * A request's identity on its transport — Slack's or Mattermost's {@code trigger_id}, a Discord interaction, GitLab's
     * event UUID — and how long a repeat of it is recognised.
     *
     * @param key the transport's name and its id, e.g. {@code slack:13345224609.738474920.8088930838d88f008e0}
     */
    public record Delivery(String key, Duration remember) {
    }

    /** What became of a delivery: the operation it started, or — for a repeat, on any replica — what the first led to. */
    public sealed interface Submitted {
        record Started(Operation.Snapshot operation) implements Submitted {
        }

        /** @param earlier the first delivery's operation id, or {@link DeliveryLedger#BEING_HANDLED} */
        record Repeated(String earlier) implements Submitted {
        }
    }

    /**
     * {@link #submit} once per delivery: transports that may deliver the same request twice (a platform's retry, a
     * captured request sent again, two gateway sessions) hand their delivery's key, and every replica agrees on the
     * first. A refused first delivery is forgotten, so that a repeat may try again.
     */
    public Submitted submitOnce(Caller caller, Command command, Delivery delivery) {
        Optional<String> earlier = deliveries.claim(delivery.key(), delivery.remember());
        if (earlier.isPresent()) {
            return new Submitted.Repeated(earlier.get());
        }
        try {
            Operation.Snapshot started = submit(caller, command);
            deliveries.settle(delivery.key(), started.id(), delivery.remember());
            return new Submitted.Started(started);
        } catch (RuntimeException refused) {
            deliveries.release(delivery.key());
            throw refused;
        }
    }

    /**
     * Records an operation a stopped replica had accepted and not finished (see the journal) as failed with
     * {@code reason}, audited, so that it is reported rather than silently lost. Does nothing for an operation
     * this replica knows.
     */
    public void reportInterrupted(Operation.Snapshot accepted, Note reason) {
        if (store.find(accepted.id()).isPresent()) {
            return;
        }
        Operation operation = Operation.interrupted(accepted, reason);
        store.add(operation);
        audit.record(new AuditRecord(Instant.now(), accepted.requestedBy(), accepted.requestedByName(), accepted.via(), accepted.kind(), accepted.target(),
                "failed", accepted.id(), reason.english()));
        counter(accepted.kind(), "failed", accepted.via()).increment();
    }

    public Optional<Operation.Snapshot> find(String id) {
        return store.find(id).map(Operation::snapshot);
    }

    public List<Operation.Snapshot> newest(int limit) {
        return store.newest(limit).stream().map(Operation::snapshot).toList();
    }

    /** The operation once it has ended, or as it stands after {@code max}: for callers that want to wait (CI jobs). */
    public Operation.Snapshot awaitEnd(String id, Duration max) {
        Operation operation = store.find(id).orElseThrow(() -> new FleetProblem.NotFound("operation '" + id + "' not found",
                FleetProblem.Reason.of("operation-not-found", id)));
        try {
            operation.awaitEnd(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return operation.snapshot();
    }

    /** The operation's snapshots from now until it ends: the current one first, then one per change. */
    public Multi<Operation.Snapshot> follow(String id) {
        Operation operation = store.find(id)
                .orElseThrow(() -> new FleetProblem.NotFound("operation '" + id + "' not found",
                        FleetProblem.Reason.of("operation-not-found", id)));
        return Multi.createFrom().emitter(emitter -> {
            Consumer<Operation.Snapshot> listener = snapshot -> {
                emitter.emit(snapshot);
                if (snapshot.state().finished()) {
                    emitter.complete();
                }
            };
            Operation.Snapshot current = operation.follow(listener);
            emitter.emit(current);
            if (current.state().finished()) {
                emitter.complete();
            }
            emitter.onTermination(() -> operation.unfollow(listener));
        });
    }

    private void authorize(Caller caller, Command command) {
        if (!command.allows(caller)) {
            throw new FleetProblem.Forbidden(command.kind() + " needs the role " + command.requiredRole().roleName());
        }
    }

    @SuppressWarnings("unchecked")
    private <C extends Command> CommandHandler<C> handlerFor(C command) {
        CommandHandler<C> handler = (CommandHandler<C>) handlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
        }
        return handler;
    }

    private void claim(CommandHandler.Accepted accepted, String operationId) {
        synchronized (busyTargets) {
            for (String target : accepted.locks()) {
                String holder = busyTargets.get(target);
                if (holder != null) {
                    throw new FleetProblem.Conflict(target + ": " + "another operation is already in progress (" + holder + ")",
                            FleetProblem.Reason.of("target-busy", target, holder));
                }
            }
            accepted.locks().forEach(target -> busyTargets.put(target, operationId));
        }
    }

    private void release(CommandHandler.Accepted accepted) {
        synchronized (busyTargets) {
            accepted.locks().forEach(busyTargets::remove);
        }
    }

    private void run(Operation operation, CommandHandler.Accepted accepted, Command command, Caller caller) {
        Operation.State outcome = Operation.State.FAILED;
        Note note;
        String message;
        try {
            operation.begin();
            announce(command, operation.snapshot());
            note = accepted.work().run(progressOf(operation));
            message = note.english();
            outcome = Operation.State.SUCCEEDED;
        } catch (FleetProblem problem) {
            message = problem.getMessage();
            note = problem.reason().map(Note::of).orElseGet(() -> Note.verbatim(problem.getMessage()));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            note = Note.of("service-stopped");
            message = note.english();
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "operation %s failed unexpectedly", operation.id());
            note = Note.of("internal-error", operation.id());
            message = note.english();
        } finally {
            release(accepted);
        }
        operation.finish(outcome, message, note);
        Operation.Snapshot done = operation.snapshot();
        announce(command, done);
        audit.record(new AuditRecord(Instant.now(), caller.id(), caller.name(), caller.via(), command.kind(), command.target(),
                outcome.label(), operation.id(), outcome == Operation.State.FAILED ? message : null));
        counter(command.kind(), outcome.label(), caller.via()).increment();
        Timer.builder("fleet.operation.duration").description("How long operations took, from acceptance to their end")
                .tags("kind", command.kind(), "outcome", outcome.label())
                .register(metrics).record(Duration.between(done.startedAt(), done.finishedAt()));
    }

    private void announce(Command command, Operation.Snapshot snapshot) {
        try {
            changes.fire(new OperationChanged(command, snapshot));
        } catch (RuntimeException observerFailed) {
            // An observer's fault must not change the operation's outcome.
            LOG.warnf(observerFailed, "an observer of operation %s failed", snapshot.id());
        }
    }

    private Counter counter(String kind, String outcome, Via via) {
        return Counter.builder("fleet.operations").description("Actions asked for, by kind, outcome and channel")
                .tags("kind", kind, "outcome", outcome, "via", via.label()).register(metrics);
    }

    private static Progress progressOf(Operation operation) {
        return new Progress() {
            @Override
            public String operationId() {
                return operation.id();
            }

            @Override
            public void started(int step, Note note) {
                operation.step(step, Operation.StepState.RUNNING, note);
            }

            @Override
            public void succeeded(int step, Note note) {
                operation.step(step, Operation.StepState.SUCCEEDED, note);
            }

            @Override
            public void failed(int step, Note note) {
                operation.step(step, Operation.StepState.FAILED, note);
            }

            @Override
            public void skipped(int step, Note note) {
                operation.step(step, Operation.StepState.SKIPPED, note);
            }
        };
    }

    private String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return "op-" + new String(id);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
