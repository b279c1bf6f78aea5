package lab.miribit.fleetops.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A long action being tracked: its planned steps and how far it got. Mutated only by the thread running it
 * (through {@link Progress}); readers take {@link #snapshot()}s.
 */
public final class Operation {

    public enum State {
        PENDING, RUNNING, SUCCEEDED, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    public enum StepState {
        PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param name    what the step does, in English (the REST API's and the audit's words)
     * @param message what came of it so far, in English; null while there is nothing to say
     * @param title   {@code name} as a {@link Note}, for readers in other languages
     * @param note    {@code message} as a {@link Note}; null with it
     */
    @JsonPropertyOrder({ "name", "state", "message" })
    public record Step(String name, StepState state, String message, @JsonIgnore Note title, @JsonIgnore Note note) {

        public Step(Note title, StepState state, Note note) {
            this(title.english(), state, note == null ? null : note.english(), title, note);
        }
    }

    /**
     * @param requestedBy     the caller's stable id (see {@link Caller})
     * @param requestedByName the caller's display name, a label only
     * @param message         where the operation stands or how it ended, in English
     * @param note            {@code message} as a {@link Note}, for readers in other languages
     */
    public record Snapshot(String id, String kind, String target, String requestedBy, String requestedByName, Via via, State state,
            Instant startedAt, Instant finishedAt, List<Step> steps, String message, @JsonIgnore Note note) {
    }

    private final String id;
    private final String kind;
    private final String target;
    private final String requestedBy;
    private final String requestedByName;
    private final Via via;
    private final Instant startedAt;
    private final List<Step> steps;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private State state = State.PENDING;
    private Instant finishedAt;
    private String message;
    private Note note;

    Operation(String id, Command command, Caller caller, List<Note> plannedSteps) {
        this(id, command.kind(), command.target(), caller.id(), caller.name(), caller.via(), Instant.now(), plannedSteps);
    }

    private Operation(String id, String kind, String target, String requestedBy, String requestedByName, Via via, Instant startedAt,
            List<Note> plannedSteps) {
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.requestedBy = requestedBy;
        this.requestedByName = requestedByName;
        this.via = via;
        this.startedAt = startedAt;
        this.steps = new ArrayList<>();
        plannedSteps.forEach(title -> steps.add(new Step(title, StepState.PENDING, null)));
        say(Note.of("accepted"));
    }

    /** An operation another (stopped) process accepted and never finished, recorded here as failed. */
    static Operation interrupted(Snapshot accepted, Note reason) {
        Operation operation = new Operation(accepted.id(), accepted.kind(), accepted.target(), accepted.requestedBy(),
                accepted.requestedByName(), accepted.via(), accepted.startedAt(), List.of());
        operation.finish(State.FAILED, reason.english(), reason);
        return operation;
    }

    public String id() {
        return id;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, kind, target, requestedBy, requestedByName, via, state, startedAt, finishedAt, List.copyOf(steps), message, note);
    }

    /**
     * Registers a listener for every later change and returns the current snapshot, atomically, so that
     * a follower never misses an update between reading and subscribing.
     */
    synchronized Snapshot follow(Consumer<Snapshot> listener) {
        if (!state.finished()) {
            listeners.add(listener);
        }
        return snapshot();
    }

    void unfollow(Consumer<Snapshot> listener) {
        listeners.remove(listener);
    }

    synchronized void begin() {
        state = State.RUNNING;
        say(Note.of("running"));
        publish();
    }

    synchronized void step(int index, StepState stepState, Note stepNote) {
        steps.set(index, new Step(steps.get(index).title(), stepState, stepNote));
        publish();
    }

    /**
     * Ends the operation.
     *
     * @param finalMessage how it ended, in English
     * @param finalNote    the same for other languages: a note, or the reason of the refusal it ended with
     */
    synchronized void finish(State outcome, String finalMessage, Note finalNote) {
        state = outcome;
        message = finalMessage;
        note = finalNote;
        finishedAt = Instant.now();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.state() == StepState.PENDING || s.state() == StepState.RUNNING) {
                boolean stopped = s.state() == StepState.RUNNING && outcome == State.FAILED;
                steps.set(i, new Step(s.name(), outcome == State.SUCCEEDED ? StepState.SUCCEEDED : StepState.SKIPPED,
                        stopped ? "stopped: " + finalMessage : s.message(), s.title(), stopped ? Note.of("stopped", finalNote) : s.note()));
            }
        }
        publish();
        listeners.clear();
        ended.countDown();
    }

    /** Waits until the operation has ended or {@code max} has passed; true when it ended. */
    boolean awaitEnd(java.time.Duration max) throws InterruptedException {
        return ended.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void say(Note now) {
        message = now.english();
        note = now;
    }

    private void publish() {
        Snapshot now = snapshot();
        listeners.forEach(listener -> listener.accept(now));
    }
}
