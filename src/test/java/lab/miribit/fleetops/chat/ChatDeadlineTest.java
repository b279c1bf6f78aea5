package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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

    @AfterEach
    void releaseWorkers() {
        release.countDown();
        deadline.stop();
    }

    @Test
    void aQuickCommandIsAnsweredNow() {
        assertThat(deadline.within(Duration.ofSeconds(10), () -> DONE, EN)).isEqualTo(new ChatDeadline.Answer.Now(DONE));
    }

    @Test
    void aSlowCommandIsAnsweredLaterAndNotAbandoned() throws Exception {
        ChatDeadline.Answer answer = deadline.within(Duration.ofMillis(20), this::heldUntilReleased, EN);
        assertThat(answer).isInstanceOf(ChatDeadline.Answer.Later.class);
        var reply = ((ChatDeadline.Answer.Later) answer).reply();
        assertThat(reply).isNotDone();
        release.countDown();
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(DONE);
    }

    @Test
    void aCommandFailingInsideIsAnErrorReplyWithACorrelationId() throws Exception {
        ChatDeadline.Answer now = deadline.within(Duration.ofSeconds(10), () -> {
            throw new IllegalStateException("broken");
        }, EN);
        ChatReply reply = ((ChatDeadline.Answer.Now) now).reply();
        assertThat(reply.kind()).isEqualTo(ChatReply.Kind.ERROR);
        assertThat(reply.lines()).singleElement().asString().matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*").doesNotContain("broken");

        ChatDeadline.Answer later = deadline.within(Duration.ZERO, () -> {
            heldUntilReleased();
            throw new IllegalStateException("broken later");
        }, EN);
        release.countDown();
        assertThat(((ChatDeadline.Answer.Later) later).reply().get(10, TimeUnit.SECONDS).kind()).isEqualTo(ChatReply.Kind.ERROR);
    }

    @Test
    void beyondTheQueueACommandIsRefusedAtOnce() {
        deadline.within(Duration.ZERO, this::heldUntilReleased, EN); // the one worker
        deadline.within(Duration.ZERO, this::heldUntilReleased, EN); // the one place in the queue
        ChatDeadline.Answer refused = deadline.within(Duration.ofSeconds(10), () -> DONE, EN);
        ChatReply reply = ((ChatDeadline.Answer.Now) refused).reply();
        assertThat(reply.kind()).isEqualTo(ChatReply.Kind.REFUSED);
        assertThat(reply.title()).isEqualTo(EN.get("overloaded.title"));
        assertThat(reply.retryAfterSeconds()).isEqualTo(60);
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
