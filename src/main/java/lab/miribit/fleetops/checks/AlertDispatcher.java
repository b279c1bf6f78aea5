package lab.miribit.fleetops.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import lab.miribit.fleetops.operations.Note;

/**
 * Turns check results into alerts: one per cluster per state change (a new problem, a changed severity, a
 * recovery), never one per tick. The first result of each check after start only sets the baseline, so a
 * restart does not replay every known problem into the channel.
 */
@ApplicationScoped
class AlertDispatcher {

    private final Event<Alert> alerts;
    private final Map<String, Map<String, CheckResult.Item>> known = new HashMap<>();

    AlertDispatcher(Event<Alert> alerts) {
        this.alerts = alerts;
    }

    synchronized void onResult(CheckResult result) {
        Map<String, CheckResult.Item> now = new LinkedHashMap<>();
        for (CheckResult.Item item : result.items()) {
            if (item.status() != CheckResult.Status.OK) {
                now.merge(key(item), item, (a, b) -> a);
            }
        }
        Map<String, CheckResult.Item> before = known.put(result.name(), now);
        if (before == null) {
            return;
        }
        Map<String, List<Alert.Change>> changes = new TreeMap<>();
        Map<String, CheckResult.Status> worst = new HashMap<>();
        now.forEach((key, item) -> {
            CheckResult.Item previous = before.get(key);
            if (previous == null || previous.status() != item.status()) {
                String group = group(item);
                changes.computeIfAbsent(group, g -> new ArrayList<>()).add(new Alert.Change(
                        previous == null ? Alert.Kind.NEW : Alert.Kind.CHANGED, item.status(), item.target(), item.summary(), item.note()));
                worst.merge(group, item.status(), CheckResult.Status::worse);
            }
        });
        before.forEach((key, item) -> {
            if (!now.containsKey(key)) {
                changes.computeIfAbsent(group(item), g -> new ArrayList<>()).add(new Alert.Change(Alert.Kind.RECOVERED,
                        CheckResult.Status.OK, item.target(), item.summary(), item.note()));
                worst.putIfAbsent(group(item), CheckResult.Status.OK);
            }
        });
        changes.forEach((group, list) -> alerts.fireAsync(new Alert(result.name(), group, worst.get(group), list)));
    }

    /**
     * What makes a problem the same problem from one run to the next: its target and its kind — not its wording,
     * which changes (a certificate's days left) without anything new to say.
     */
    private static String key(CheckResult.Item item) {
        Object source = item.details().get("source");
        String kind = source != null ? source.toString() : item.summary().split("[;:0-9]")[0].trim();
        return item.target() + " · " + kind;
    }

    private static String group(CheckResult.Item item) {
        Object cluster = item.details().get("cluster");
        if (cluster != null) {
            return cluster.toString();
        }
        return item.target().startsWith("cluster/") ? item.target().substring("cluster/".length()) : "fleet";
    }
}
