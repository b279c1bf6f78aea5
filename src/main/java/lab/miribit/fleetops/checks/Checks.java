package lab.miribit.fleetops.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/** Every check and its latest result on this replica. */
@ApplicationScoped
public class Checks {

    private final Map<String, Check> checks = new TreeMap<>();
    private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();
    /** When the schedule runs each check next: first {@code fleet.checks.first-run-delay} after start, then every interval. */
    private final Map<String, Instant> nextRun = new ConcurrentHashMap<>();
    private final AlertDispatcher alerts;

    Checks(@All List<Check> checks, AlertDispatcher alerts, ScheduleConfig schedule) {
        Instant firstRun = Instant.now().plus(schedule.firstRunDelay());
        checks.forEach(check -> {
            this.checks.put(check.name(), check);
            nextRun.put(check.name(), firstRun);
        });
        this.alerts = alerts;
    }

    /** Every configured check, from the first second: its latest result, or pending, and its next run. */
    public List<CheckView> views() {
        List<CheckView> views = new ArrayList<>();
        checks.keySet().forEach(name -> views.add(Optional.ofNullable(latest.get(name))
                .map(result -> CheckView.of(result, nextRun.get(name)))
                .orElseGet(() -> CheckView.pending(name, nextRun.get(name)))));
        return views;
    }

    /** Called by the schedule when it runs (or skips) a check: the next run is an interval later. */
    void scheduled(String name) {
        Check check = checks.get(name);
        if (check != null) {
            nextRun.put(name, Instant.now().plus(check.interval()));
        }
    }

    /** The latest result of every check; a check that has not run yet is absent. */
    public List<CheckResult> latest() {
        List<CheckResult> results = new ArrayList<>();
        checks.keySet().forEach(name -> Optional.ofNullable(latest.get(name)).ifPresent(results::add));
        return results;
    }

    public Optional<CheckResult> latest(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    /** The check named {@code name}, or a 404 naming the ones there are. */
    Check require(String name) {
        Check check = checks.get(DnsLabel.require("check", name));
        if (check == null) {
            throw new FleetProblem.NotFound("no check named '" + name + "'; checks: " + String.join(", ", checks.keySet()));
        }
        return check;
    }

    /** When the schedule runs {@code name} next. */
    public Optional<Instant> nextRun(String name) {
        return Optional.ofNullable(nextRun.get(name));
    }

    /**
     * Runs {@code name} now and keeps its result: for the schedule, and for {@link RunCheckHandler} once the door let a
     * run on demand through. Nothing else calls it.
     */
    CheckResult run(String name) {
        CheckResult result = require(name).run();
        latest.put(name, result);
        alerts.onResult(result);
        return result;
    }
}
