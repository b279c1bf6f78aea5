package lab.miribit.fleetops.operations;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail: one JSON line per event on the {@code fleet.audit} logger (collected from stdout by the
 * fleet's Fluent Bit) and the most recent records in memory for {@code GET /audit}.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger AUDIT = Logger.getLogger("fleet.audit");

    private final ObjectMapper json;
    private final int retained;
    private final Deque<AuditRecord> recent = new ArrayDeque<>();
    private final Event<AuditRecord> archive;

    AuditLog(ObjectMapper json, OperationsConfig config, Event<AuditRecord> archive) {
        this.json = json;
        this.retained = config.auditRetained();
        this.archive = archive;
    }

    void record(AuditRecord entry) {
        synchronized (recent) {
            recent.addLast(entry);
            while (recent.size() > retained) {
                recent.removeFirst();
            }
        }
        try {
            AUDIT.info(json.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            AUDIT.errorf("audit record for operation %s could not be written as JSON", entry.operationId());
        }
        // Observers (the S3 archive) only queue it; the caller is never held up by storage.
        archive.fire(entry);
    }

    /** Records at or after {@code since} (all kept records when null), oldest first. */
    public List<AuditRecord> since(Instant since) {
        synchronized (recent) {
            List<AuditRecord> out = new ArrayList<>(recent.size());
            for (AuditRecord entry : recent) {
                if (since == null || !entry.at().isBefore(since)) {
                    out.add(entry);
                }
            }
            return out;
        }
    }
}
