package lab.miribit.fleetops.storage;

import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.testing.InjectS3;
import lab.miribit.fleetops.testing.S3Server;
import lab.miribit.fleetops.testing.Tokens;

/** The audit trail's daily objects in S3, through an S3 outage: every record written once. */
@QuarkusTest
class AuditArchiveTest {

    @Inject
    AuditArchive archive;

    @Inject
    ObjectStore store;

    @InjectS3
    S3Server s3;

    private String todaysObject() throws Exception {
        return new String(store.get("fleet-audit", archive.object(LocalDate.now(ZoneOffset.UTC))), StandardCharsets.UTF_8);
    }

    private static long lines(String content, String caller) {
        return Arrays.stream(content.split("\n")).filter(line -> line.contains("\"caller\":\"" + Tokens.subjectOf(caller) + "\"")).count();
    }

    @Test
    void recordsWaitForS3AndAreWrittenExactlyOnce() throws Exception {
        json(Tokens.bearer("audit-before", "fleet-viewer"), "{}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(403);
        assertThat(archive.flush()).isPositive();
        assertThat(lines(todaysObject(), "audit-before")).isEqualTo(1);

        s3.stop();
        try {
            json(Tokens.bearer("audit-during", "fleet-viewer"), "{}").post("/api/v1/apps/longhorn-cluster-02/sync").then()
                    .statusCode(403);
            assertThat(archive.flush()).as("nothing can be written while S3 is down").isZero();
            assertThat(archive.flush()).isZero();
        } finally {
            s3.start();
        }
        assertThat(archive.flush()).isPositive();
        archive.flush();
        String content = todaysObject();
        assertThat(lines(content, "audit-before")).isEqualTo(1);
        assertThat(lines(content, "audit-during")).isEqualTo(1);
        assertThat(content).contains("\"outcome\":\"refused\"").doesNotContain("Bearer");
    }
}
