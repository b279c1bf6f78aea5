package lab.miribit.fleetops.checks;

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
    private final AlertDispatcher alerts;

    Checks(@All List<Check> checks, AlertDispatcher alerts) {
        checks.forEach(check -> this.checks.put(check.name(), check));
        this.alerts = alerts;
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

    /** Runs {@code name} now and keeps its result. */
    public CheckResult run(String name) {
        Check check = checks.get(DnsLabel.require("check", name));
        if (check == null) {
            throw new FleetProblem.NotFound("no check named '" + name + "'; checks: " + String.join(", ", checks.keySet()));
        }
        CheckResult result = check.run();
        latest.put(name, result);
        alerts.onResult(result);
        return result;
    }
}
