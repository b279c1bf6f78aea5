package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.testing.ManualClock;


class ConfirmationsTest {

    private static final ChatText EN = new ChatLocales("en").service();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    /** One replica's view of the shared store (journal/SharedConfirmationsTest covers the sharing itself). */
    private static final class OneReplica implements PendingConfirmations {
        private final java.util.Map<String, Pending> entries = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void put(String tokenDigest, Pending pending) {
            entries.put(tokenDigest, pending);
        }

        @Override
        public java.util.Optional<Pending> find(String tokenDigest) {
            return java.util.Optional.ofNullable(entries.get(tokenDigest));
        }

        @Override
        public boolean take(String tokenDigest) {
            return entries.remove(tokenDigest) != null;
        }
    }

    private final OneReplica store = new OneReplica();
    private final Confirmations confirmations = new Confirmations(store, Duration.ofMinutes(5), clock);

    @Test
    void theStoreNeverHoldsAPressableToken() {
        ChatReply.Confirmation pending = confirmations.open("slack:T1:U1", "rollback grafana-cluster-01");
        assertThat(store.entries).hasSize(1);
        assertThat(store.entries.keySet()).noneMatch(key -> key.contains(pending.token()) || key.contains(pending.token().split("\\.")[0]));
    }

    @Test
    void theRightUserConfirmsTheSameCommandOnceInTime() {
        ChatReply.Confirmation pending = confirmations.open("slack:T1:U1", "sync cluster-04 --prune");
        assertThat(pending.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(4));
        confirmations.redeem(pending.token(), "slack:T1:U1", "sync cluster-04 --prune", EN);
        assertThatThrownBy(() -> confirmations.redeem(pending.token(), "slack:T1:U1", "sync cluster-04 --prune", EN))
                .isInstanceOf(ChatRefusal.class);
    }

    @Test
    void anExpiredConfirmationDoesNothingButSaySo() {
        ChatReply.Confirmation pending = confirmations.open("slack:T1:U1", "sync cluster-04 --prune");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThatThrownBy(() -> confirmations.redeem(pending.token(), "slack:T1:U1", "sync cluster-04 --prune", EN))
                .isInstanceOf(ChatRefusal.class).hasMessageContaining("expired");
    }

    @Test
    void anotherUsersPressLeavesTheConfirmationToItsOwner() {
        ChatReply.Confirmation pending = confirmations.open("slack:T1:U1", "sync cluster-04 --prune");
        assertThatThrownBy(() -> confirmations.redeem(pending.token(), "slack:T1:U2", "sync cluster-04 --prune", EN))
                .isInstanceOf(ChatRefusal.class).hasMessageContaining("only the person");
        confirmations.redeem(pending.token(), "slack:T1:U1", "sync cluster-04 --prune", EN);
    }

    @Test
    void aForgedTokenForAnotherCommandIsRefused() {
        ChatReply.Confirmation pending = confirmations.open("slack:T1:U1", "sync cluster-04 --prune --dry-run");
        assertThatThrownBy(() -> confirmations.redeem(pending.token(), "slack:T1:U1", "sync cluster-04 --prune", EN))
                .isInstanceOf(ChatRefusal.class).hasMessageContaining("changed");
        assertThatThrownBy(() -> confirmations.redeem("forged", "slack:T1:U1", "sync cluster-04 --prune", EN))
                .isInstanceOf(ChatRefusal.class);
    }

    @Test
    void theRateLimitWindowSlides() {
        ChatRateLimit limit = new ChatRateLimit(2, clock);
        assertThat(limit.tryAcquire("u", null)).isTrue();
        assertThat(limit.tryAcquire("u", "slack:trigger-1")).isTrue();
        assertThat(limit.tryAcquire("u", null)).isFalse();
        assertThat(limit.tryAcquire("u", "slack:trigger-1")).as("the platform's retry of a counted request").isTrue();
        assertThat(limit.tryAcquire("u", "slack:trigger-2")).isFalse();
        assertThat(limit.tryAcquire("v", null)).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(limit.tryAcquire("u", null)).isTrue();
    }
}
