package lab.miribit.fleetops.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail's copy in S3: one JSON-lines object per day and replica. */
@ConfigMapping(prefix = "fleet.audit")
public interface AuditArchiveConfig {

    @WithDefault("fleet-audit")
    String bucket();

    /** How often buffered records are written. */
    @WithDefault("10s")
    Duration flushInterval();

    /** Records kept while S3 is unreachable; beyond it the oldest are dropped (they remain in the log). */
    @WithDefault("10000")
    int bufferLimit();
}
