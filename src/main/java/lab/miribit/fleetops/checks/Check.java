package lab.miribit.fleetops.checks;

import java.time.Duration;

/** A check fleet-ops runs on its own schedule (and on demand): certificates, S3, drift. */
public interface Check {

    /** Stable name, used in {@code /checks/{name}/run}. */
    String name();

    /** Runs the check, bounded in time; failures of what it probes are items, not exceptions. */
    CheckResult run();

    /** How often the schedule runs it. */
    Duration interval();
}
