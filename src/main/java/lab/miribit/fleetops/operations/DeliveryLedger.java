package lab.miribit.fleetops.operations;

import java.time.Duration;
import java.util.Optional;

/**
 * Deliveries already taken, by the key their transport gives them (Slack's or Mattermost's {@code trigger_id}, a
 * Discord interaction id, GitLab's event UUID), shared by every replica: a repeated delivery lands on any replica
 * behind the Service, so the memory of one would let it run twice.
 */
public interface DeliveryLedger {

    /** What a repeat of a delivery whose first is still being submitted is told. */
    String BEING_HANDLED = "being handled";

    /**
     * Claims {@code key} for {@code remember}.
     *
     * @return empty for the first delivery of the key on any replica (then {@link #settle} or {@link #release} follows),
     *         else what the first led to: an operation id, or {@link #BEING_HANDLED}
     */
    Optional<String> claim(String key, Duration remember);

    /** Records what the first delivery led to, for its repeats to be told. */
    void settle(String key, String outcome, Duration remember);

    /** The first delivery was refused: a repeat may try again. */
    void release(String key);
}
