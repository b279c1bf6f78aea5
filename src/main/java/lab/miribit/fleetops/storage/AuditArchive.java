package lab.miribit.fleetops.storage;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.operations.AuditRecord;

/**
 * Appends audit records to {@code <bucket>/audit/<day>/<replica>.jsonl} in the fleet's S3. S3 cannot append, so
 * each replica writes its own object whole: it knows that object's content (read once per day), and a write
 * repeated after an unclear failure puts the same bytes again — a record is written once, however often S3
 * stumbles. While S3 is away records wait in a bounded buffer and are written when it returns.
 */
@ApplicationScoped
class AuditArchive {

    private static final Logger LOG = Logger.getLogger(AuditArchive.class);

    private final ObjectStore store;
    private final AuditArchiveConfig config;
    private final ObjectMapper json;
    private final String replica;
    private final Deque<AuditRecord> pending = new ArrayDeque<>();
    private final Map<LocalDate, StringBuilder> written = new HashMap<>();
    private final Counter dropped;
    private boolean bucketReady;

    AuditArchive(ObjectStore store, AuditArchiveConfig config, ObjectMapper json, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.json = json;
        this.replica = java.util.Optional.ofNullable(System.getenv("HOSTNAME")).orElse("fleet-ops-" + UUID.randomUUID());
        Gauge.builder("fleet.audit.buffered", pending, Deque::size).description("Audit records waiting to be written to S3")
                .register(registry);
        this.dropped = Counter.builder("fleet.audit.dropped").description("Audit records dropped from a full buffer (still in the log)")
                .register(registry);
    }

    void queue(@Observes AuditRecord record) {
        if (!store.configured()) {
            return;
        }
        synchronized (pending) {
            pending.addLast(record);
            while (pending.size() > config.bufferLimit()) {
                pending.removeFirst();
                dropped.increment();
            }
        }
    }

    @Scheduled(every = "${fleet.audit.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flush();
    }

    /** Writes what is buffered; returns how many records were written (0 while S3 is away). */
    synchronized int flush() {
        List<AuditRecord> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            ensureBucket();
            Map<LocalDate, StringBuilder> next = new HashMap<>();
            for (AuditRecord record : batch) {
                LocalDate day = record.at().atZone(ZoneOffset.UTC).toLocalDate();
                StringBuilder content = next.get(day);
                if (content == null) {
                    content = new StringBuilder(known(day));
                    next.put(day, content);
                }
                content.append(json.writeValueAsString(record)).append('\n');
            }
            for (Map.Entry<LocalDate, StringBuilder> day : next.entrySet()) {
                store.put(config.bucket(), object(day.getKey()), day.getValue().toString().getBytes(StandardCharsets.UTF_8));
                written.put(day.getKey(), day.getValue());
            }
        } catch (ObjectStore.StorageFailure failure) {
            LOG.debugf("audit records wait for S3: %s", failure.getMessage());
            return 0;
        } catch (JsonProcessingException e) {
            LOG.errorf("an audit record could not be written as JSON; it stays in the log only");
        }
        synchronized (pending) {
            // Normally at the head; found wherever a full buffer's dropping has left them.
            batch.forEach(pending::removeFirstOccurrence);
        }
        written.keySet().removeIf(day -> day.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        return batch.size();
    }

    /** What this replica's object for {@code day} holds: read from S3 the first time (e.g. after a restart). */
    private String known(LocalDate day) throws ObjectStore.StorageFailure {
        StringBuilder cached = written.get(day);
        if (cached != null) {
            return cached.toString();
        }
        try {
            return new String(store.get(config.bucket(), object(day)), StandardCharsets.UTF_8);
        } catch (ObjectStore.StorageFailure failure) {
            if (failure.kind() == ObjectStore.StorageFailure.Kind.NOT_FOUND) {
                return "";
            }
            throw failure;
        }
    }

    private void ensureBucket() throws ObjectStore.StorageFailure {
        if (!bucketReady) {
            if (!store.bucketExists(config.bucket())) {
                store.createBucket(config.bucket());
            }
            bucketReady = true;
        }
    }

    String object(LocalDate day) {
        return "audit/" + day + "/" + replica + ".jsonl";
    }
}
