package lab.miribit.fleetops.checks;

import java.util.List;

/**
 * A change of state worth telling a channel about, for one cluster (or the fleet as a whole): fired as a CDI
 * event; the chat adapters deliver it to their alert channels.
 *
 * @param group  the cluster the changes are about, or {@code fleet}
 * @param lines  one line per change: new problem, changed severity, recovered
 */
public record Alert(String check, String group, CheckResult.Status worst, String title, List<String> lines) {

    public String text() {
        return title + "\n" + String.join("\n", lines);
    }
}
