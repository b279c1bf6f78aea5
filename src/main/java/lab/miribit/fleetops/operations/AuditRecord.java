package lab.miribit.fleetops.operations;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audited event of an action.
 *
 * @param caller     the caller's stable id (see {@link Caller})
 * @param callerName the caller's display name, a label only
 * @param outcome {@code accepted}, {@code refused}, {@code succeeded} or {@code failed}
 * @param reason  why it was refused or failed (user-safe), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(Instant at, String caller, String callerName, Via via, String command, String target, String outcome,
        String operationId, String reason) {
}
