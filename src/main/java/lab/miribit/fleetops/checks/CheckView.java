package lab.miribit.fleetops.checks;

import java.time.Instant;
import java.util.List;

/**
 * A configured check as {@code GET /checks} shows it: its latest result, or {@code pending} until its first run,
 * and when the schedule runs it next.
 *
 * @param status    {@code pending}, or the latest result's status
 * @param checkedAt null while pending
 * @param nextRunAt when this replica's schedule runs it next (replicas that do not hold the schedule's Lease skip it)
 */
public record CheckView(String name, String status, Instant checkedAt, Instant nextRunAt, List<CheckResult.Item> items) {

    static CheckView pending(String name, Instant nextRunAt) {
        return new CheckView(name, "pending", null, nextRunAt, List.of());
    }

    static CheckView of(CheckResult result, Instant nextRunAt) {
        return new CheckView(result.name(), result.status().label(), result.checkedAt(), nextRunAt, result.items());
    }
}
