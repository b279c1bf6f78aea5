package lab.miribit.fleetops.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Where confirmations wait for their user, shared by every replica: the button press behind a load balancer lands on
 * any of them. Keyed by a digest of the token, so the store never holds a token that could be pressed.
 */
public interface PendingConfirmations {

    /** A confirmation waiting for {@code user}: the exact command, its hash, and when it stops being accepted. */
    record Pending(String user, String command, String commandHash, Instant expiresAt) {
    }

    void put(String tokenDigest, Pending pending);

    Optional<Pending> find(String tokenDigest);

    /** Removes the confirmation; true for exactly one caller on any replica, false when it was gone already. */
    boolean take(String tokenDigest);
}
