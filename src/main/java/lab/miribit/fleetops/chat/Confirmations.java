package lab.miribit.fleetops.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Pending confirmations of destructive commands. A confirmation is bound to the user who asked, to a hash of
 * the exact command line, and expires; it can be redeemed once, on whichever replica the press lands
 * ({@link PendingConfirmations}).
 */
@ApplicationScoped
class Confirmations {

    private final PendingConfirmations pending;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    Confirmations(PendingConfirmations pending, ChatConfig config) {
        this(pending, config.confirmationTimeout(), Clock.systemUTC());
    }

    Confirmations(PendingConfirmations pending, Duration timeout, Clock clock) {
        this.pending = pending;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Opens a confirmation of {@code command} by {@code user}; the token carries the command's hash. */
    ChatReply.Confirmation open(String user, String command) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String hash = hash(command);
        String token = HexFormat.of().formatHex(id) + "." + hash;
        Instant expiresAt = clock.instant().plus(timeout);
        pending.put(digest(token), new PendingConfirmations.Pending(user, command, hash, expiresAt));
        return new ChatReply.Confirmation(token, command, expiresAt);
    }

    /**
     * Redeems {@code token} for {@code command} by {@code user}. Refused, and left in place for its rightful
     * owner, when another user presses it; refused when expired, unknown or for a different command.
     */
    void redeem(String token, String user, String command, ChatText t) {
        PendingConfirmations.Pending found = token == null ? null : pending.find(digest(token)).orElse(null);
        if (found == null) {
            throw new ChatRefusal(t.get("confirmation.unknown"));
        }
        if (!found.user().equals(user)) {
            throw new ChatRefusal(t.get("confirmation.not-yours"));
        }
        if (found.expiresAt().isBefore(clock.instant())) {
            pending.take(digest(token));
            throw new ChatRefusal(t.get("confirmation.expired"));
        }
        if (!MessageDigest.isEqual(found.commandHash().getBytes(StandardCharsets.US_ASCII),
                hash(command).getBytes(StandardCharsets.US_ASCII)) || !token.endsWith("." + hash(command))) {
            throw new ChatRefusal(t.get("confirmation.changed"));
        }
        // Two presses at once, on two replicas: one takes it, the other is told it was used.
        if (!pending.take(digest(token))) {
            throw new ChatRefusal(t.get("confirmation.used"));
        }
    }

    /** Withdraws a pending confirmation; only the user who asked may, as only they may confirm it. */
    String cancel(String token, String user, ChatText t) {
        PendingConfirmations.Pending found = token == null ? null : pending.find(digest(token)).orElse(null);
        if (found == null) {
            throw new ChatRefusal(t.get("confirmation.cancel-unknown"));
        }
        if (!found.user().equals(user)) {
            throw new ChatRefusal(t.get("confirmation.cancel-not-yours"));
        }
        pending.take(digest(token));
        return found.command();
    }

    /**
     * The command a pending confirmation is for, for platforms whose buttons cannot carry the command line
     * (Discord's custom ids are short); empty when the token is unknown.
     */
    java.util.Optional<String> commandOf(String token) {
        return token == null ? java.util.Optional.empty()
                : pending.find(digest(token)).map(PendingConfirmations.Pending::command);
    }

    private static String hash(String command) {
        return sha256(command, 12);
    }

    /** What the shared store is keyed by: a token it holds could not be pressed. */
    private static String digest(String token) {
        return "c-" + sha256(token, 24);
    }

    private static String sha256(String value, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
