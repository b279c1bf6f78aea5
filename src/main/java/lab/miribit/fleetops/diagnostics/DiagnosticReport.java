package lab.miribit.fleetops.diagnostics;

import java.time.Instant;
import java.util.List;

/** {@code GET /diagnostics}: what was looked at, when, and what was found, most severe first. */
public record DiagnosticReport(String scope, Instant checkedAt, List<Finding> findings) {
}
