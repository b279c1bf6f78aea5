package lab.miribit.fleetops.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;

/**
 * Keeps a chat message up to date with an operation: publishes when its steps change, no more often than the
 * platform tolerates, within a budget of updates of which the last is always kept for the result.
 */
@ApplicationScoped
public class OperationWatcher {

    private final OperationService operations;
    private final String slashCommand;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-operation-watch");
        thread.setDaemon(true);
        return thread;
    });

    OperationWatcher(OperationService operations, ChatService chat) {
        this.operations = operations;
        this.slashCommand = chat.grammar().catalog().slashCommand();
    }

    /**
     * How a platform lets a message be updated.
     *
     * @param minInterval least time between two progress updates
     * @param updates     how many updates the message may get at most (the last is the result's)
     * @param lifetime    how long the message can still be updated at all
     */
    public record Limits(Duration minInterval, int updates, Duration lifetime) {
    }

    /** Publishes the operation's progress and result as {@link ChatReply}s in {@code t}'s language until it ends or the limits run out. */
    public void watch(String operationId, Limits limits, ChatText t, Consumer<ChatReply> publish) {
        if (limits.updates() < 1) {
            return;
        }
        Watch watch = new Watch(operationId, limits, t, publish);
        watch.task = timer.scheduleWithFixedDelay(watch::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    private final class Watch {
        private final String operationId;
        private final Limits limits;
        private final Consumer<ChatReply> publish;
        private final ChatText t;
        private final Instant deadline;
        private int left;
        /** The acceptance was just shown: the first progress update waits its interval like the others. */
        private Instant lastUpdate = Instant.now();
        private List<Operation.Step> shown;
        private ScheduledFuture<?> task;

        Watch(String operationId, Limits limits, ChatText t, Consumer<ChatReply> publish) {
            this.t = t;
            this.operationId = operationId;
            this.limits = limits;
            this.publish = publish;
            this.left = limits.updates();
            this.deadline = Instant.now().plus(limits.lifetime());
        }

        void tick() {
            Optional<Operation.Snapshot> current = operations.find(operationId);
            if (current.isEmpty() || Instant.now().isAfter(deadline)) {
                task.cancel(false);
                return;
            }
            Operation.Snapshot op = current.get();
            if (op.state().finished()) {
                update(op);
                task.cancel(false);
                return;
            }
            boolean changed = !op.steps().equals(shown);
            boolean spare = left > 1;
            if (changed && spare && Duration.between(lastUpdate, Instant.now()).compareTo(limits.minInterval()) >= 0) {
                update(op);
            }
        }

        private void update(Operation.Snapshot op) {
            left--;
            lastUpdate = Instant.now();
            shown = op.steps();
            publish.accept(OperationReplies.progress(op, slashCommand, t));
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
