package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lab.miribit.fleetops.diagnostics.DiagnosticReport.Gap;

/**
 * What one diagnosis could not see, and why: a cluster whose pods could not be read, a rule that ran out of
 * time. Rules note gaps here as they meet them (from several threads); a report with gaps says it is partial.
 */
final class Gaps {

    private final List<Gap> gaps = new ArrayList<>();

    synchronized void add(String source, String reason) {
        if (find(source).isEmpty()) {
            gaps.add(new Gap(source, reason));
        }
    }

    /** The reason {@code source} was already found unreadable in this diagnosis, so that no one waits on it twice. */
    synchronized Optional<String> find(String source) {
        return gaps.stream().filter(gap -> gap.source().equals(source)).map(Gap::reason).findFirst();
    }

    synchronized List<Gap> list() {
        return List.copyOf(gaps);
    }
}
