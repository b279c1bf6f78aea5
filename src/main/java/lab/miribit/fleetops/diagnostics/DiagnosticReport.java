package lab.miribit.fleetops.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /diagnostics}: what was looked at, when, and what was found, most severe first.
 *
 * @param complete false when part of the evidence could not be read; {@code gaps} then says which part and why,
 *                 and the findings stand for what could be seen only
 */
public record DiagnosticReport(String scope, Instant checkedAt, boolean complete, List<Gap> gaps, List<Finding> findings) {

    public DiagnosticReport {
        gaps = List.copyOf(gaps);
        findings = List.copyOf(findings);
    }

    /** A source of evidence left unread: {@code cluster/cluster-05}, {@code rule/gitlab-s3}, and why. */
    public record Gap(String source, String reason) {
    }
}
