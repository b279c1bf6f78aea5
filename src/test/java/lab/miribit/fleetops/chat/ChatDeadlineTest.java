package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chat command answered in time, late, failing inside, or when more wait than are taken on. */
class ChatDeadlineTest {

    private static final ChatText EN = new ChatLocales("en").service();
    private static final ChatReply DONE = ChatReply.info("done", List.of());

    private final ChatDeadline deadline = new ChatDeadline(1, 1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<ChatReply> delivered = new CompletableFuture<>();
    private final CompletableFuture<Thread> deliveredOn = new CompletableFuture<>();

    @AfterEach
    void releaseWorkers() {
        release.countDown();
        deadline.stop();
    }

    @Test
    void aQuickCommandIsAnsweredNowAndNothingIsDeliveredLater() {
        assertThat(deadline.within(Duration.ofSeconds(10), () -> DONE, this::late, EN)).contains(DONE);
        assertThat(delivered).isNotDone();
    }

    @Test
    void aSlowCommandIsAnsweredLaterOnAWorkerAndNotAbandoned() throws Exception {
        assertThat(deadline.within(Duration.ofMillis(20), this::heldUntilReleased, this::late, EN)).isEmpty();
        assertThat(delivered).isNotDone();
        release.countDown();
        assertThat(delivered.get(10, TimeUnit.SECONDS)).isEqualTo(DONE);
        assertThat(deliveredOn.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
        assertThat(deliveredOn.get().getName()).startsWith("chat-command-");
    }

    @Test
    void aCommandFailingInsideIsAnErrorReplyWithACorrelationIdInTimeOrLate() throws Exception {
        ChatReply now = deadline.within(Duration.ofSeconds(10), () -> {
            throw new IllegalStateException("broken");
        }, this::late, EN).orElseThrow();
        assertThat(now.kind()).isEqualTo(ChatReply.Kind.ERROR);
        assertThat(now.lines()).singleElement().asString().matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*").doesNotContain("broken");

        assertThat(deadline.within(Duration.ZERO, () -> {
            heldUntilReleased();
            throw new IllegalStateException("broken later");
        }, this::late, EN)).isEmpty();
        release.countDown();
        assertThat(delivered.get(10, TimeUnit.SECONDS).kind()).isEqualTo(ChatReply.Kind.ERROR);
    }

    @Test
    void beyondTheQueueACommandIsRefusedAtOnce() {
        deadline.within(Duration.ZERO, this::heldUntilReleased, reply -> { }, EN); // the one worker
        deadline.within(Duration.ZERO, this::heldUntilReleased, reply -> { }, EN); // the one place in the queue
        ChatReply reply = deadline.within(Duration.ofSeconds(10), () -> DONE, this::late, EN).orElseThrow();
        assertThat(reply.kind()).isEqualTo(ChatReply.Kind.REFUSED);
        assertThat(reply.title()).isEqualTo(EN.get("overloaded.title"));
        assertThat(reply.retryAfterSeconds()).isEqualTo(60);
    }

    private void late(ChatReply reply) {
        deliveredOn.complete(Thread.currentThread());
        delivered.complete(reply);
    }

    private ChatReply heldUntilReleased() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DONE;
    }
}
