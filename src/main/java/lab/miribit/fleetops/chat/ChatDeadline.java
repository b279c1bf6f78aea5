package lab.miribit.fleetops.chat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** What the transport has by its deadline. */
    public sealed interface Answer {
        /** The reply, in time for the acknowledgement. */
        record Now(ChatReply reply) implements Answer {
        }

        /** The reply still being worked out; the future always completes with a reply, never exceptionally. */
        record Later(CompletableFuture<ChatReply> reply) implements Answer {
        }
    }

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
     * @param t the reader's language, for the replies this class words itself (overloaded, failed inside)
     */
    public Answer within(Duration budget, Supplier<ChatReply> command, ChatText t) {
        CompletableFuture<ChatReply> reply;
        try {
            reply = CompletableFuture.supplyAsync(command, workers).exceptionally(failure -> failed(failure, t));
        } catch (RejectedExecutionException full) {
            LOG.warn("chat commands are arriving faster than they can be answered; one was refused");
            return new Answer.Now(ChatReply.overloaded(t));
        }
        try {
            return new Answer.Now(reply.get(Math.max(0, budget.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            return new Answer.Later(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Later(reply);
        } catch (ExecutionException cannotHappen) {
            // exceptionally() above turns every failure into a reply
            return new Answer.Now(failed(cannotHappen.getCause(), t));
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
