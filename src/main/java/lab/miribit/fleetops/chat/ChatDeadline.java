package lab.miribit.fleetops.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Keeps a chat platform's deadline for the first answer (Slack's three seconds) whatever a command meets on its way: most
 * answers come from memory in milliseconds, but a few need the central API server (a deployment history, the shared
 * ledger of deliveries and confirmations), and a hung API server holds those for the Kubernetes client's whole request
 * timeout. A command is run on a worker; the transport waits for it up to its budget and, past it, acknowledges at once
 * and delivers the reply when it comes (Slack's {@code response_url}). The command is never abandoned: an action it
 * starts is accepted, or refused with its reason, exactly as if it had been quick.
 */
@ApplicationScoped
public class ChatDeadline {

    private static final Logger LOG = Logger.getLogger(ChatDeadline.class);

    private final ThreadPoolExecutor workers;

    @Inject
    ChatDeadline() {
        // Enough workers for a burst of senders on two cores (the work is CPU for milliseconds); the queue takes what a
        // hung API server holds up, and beyond it a command is refused at once rather than left waiting unseen.
        this(16, 1_000);
    }

    ChatDeadline(int workerCount, int queued) {
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, "chat-command-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code command} and waits for its reply up to {@code budget}.
     *
     * @param late receives the reply when it was not ready in time, on a worker: the caller's acknowledgement must not wait
     *             for what {@code late} sends; what it throws is logged
     * @param t    the reader's language, for the replies this class words itself (overloaded, failed inside)
     * @return the reply in time for the acknowledgement, or empty when it goes to {@code late} (always with no budget)
     */
    public Optional<ChatReply> within(Duration budget, Supplier<ChatReply> command, Consumer<ChatReply> late, ChatText t) {
        CompletableFuture<ChatReply> reply;
        try {
            reply = CompletableFuture.supplyAsync(command, workers).exceptionally(failure -> failed(failure, t));
        } catch (RejectedExecutionException full) {
            LOG.warn("chat commands are arriving faster than they can be answered; one was refused");
            return Optional.of(ChatReply.overloaded(t));
        }
        if (budget.isNegative() || budget.isZero()) {
            return handedOver(reply, late);
        }
        try {
            return Optional.of(reply.get(budget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            return handedOver(reply, late);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return handedOver(reply, late);
        } catch (ExecutionException cannotHappen) {
            // exceptionally() above turns every failure into a reply
            return Optional.of(failed(cannotHappen.getCause(), t));
        }
    }

    /** The hand-over runs on the pool even when the reply completes right now, so that the acknowledgement goes first. */
    private Optional<ChatReply> handedOver(CompletableFuture<ChatReply> reply, Consumer<ChatReply> late) {
        reply.thenAcceptAsync(late, this::deliver).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "a chat reply that came after the acknowledgement could not be delivered");
            }
        });
        return Optional.empty();
    }

    /** A late reply's delivery on a worker; with every worker busy and the queue full, on the thread that has the reply. */
    private void deliver(Runnable delivery) {
        try {
            workers.execute(delivery);
        } catch (RejectedExecutionException full) {
            delivery.run();
        }
    }

    private static ChatReply failed(Throwable failure, ChatText t) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(failure, "chat command failed, correlation id %s", correlationId);
        return ChatReply.error(correlationId, t);
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}
