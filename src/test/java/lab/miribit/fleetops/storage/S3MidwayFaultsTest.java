package lab.miribit.fleetops.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.operations.AuditRecord;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.testing.S3Server;
import lab.miribit.fleetops.testing.TcpLink;
import lab.miribit.fleetops.checks.S3CheckTest;
import lab.miribit.fleetops.checks.S3Check;

/**
 * S3 failing in the middle of things, against a real S3 server (s3rver) reached through a {@link TcpLink}: an
 * audit write that reached S3 but whose answer was lost is written again with the same bytes (every record
 * once), and S3 stopped in the middle of a check makes that check report where it broke, not fail or hang.
 */
class S3MidwayFaultsTest {

    private S3Server s3;
    private TcpLink link;
    /** fleet-ops' store, through the link. */
    private ObjectStore store;
    /** A look at S3 that bypasses the link. */
    private ObjectStore direct;

    @BeforeEach
    void startS3BehindALink() throws Exception {
        s3 = new S3Server(List.of("gitlab-lfs", "gitlab-tmp"));
        link = new TcpLink(URI.create(s3.endpoint()).getPort());
        store = new ObjectStore(S3CheckTest.config("http://127.0.0.1:" + link.port(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        direct = new ObjectStore(S3CheckTest.config(s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
    }

    @AfterEach
    void stopThem() {
        link.close();
        s3.close();
    }

    @Test
    void anAuditWriteWhoseAnswerIsLostIsWrittenAgainWithoutDuplicatingARecord() throws Exception {
        AuditArchive archive = new AuditArchive(store, archiveConfig(),
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS),
                new SimpleMeterRegistry());
        archive.queue(record("before"));
        assertThat(archive.flush()).isEqualTo(1);

        link.loseAnswers();
        archive.queue(record("answer-lost"));
        assertThat(archive.flush()).as("no answer: the record is kept").isZero();
        // S3 did store it: only the answer went missing, so fleet-ops cannot tell and must write again.
        assertThat(count(today(archive), "answer-lost")).isEqualTo(1);

        link.flow();
        archive.queue(record("after"));
        assertThat(archive.flush()).isEqualTo(2);
        String content = today(archive);
        assertThat(count(content, "before")).isEqualTo(1);
        assertThat(count(content, "answer-lost")).isEqualTo(1);
        assertThat(count(content, "after")).isEqualTo(1);
    }

    @Test
    void s3StoppedInTheMiddleOfACheckIsReportedWhereItBroke() throws Exception {
        S3Check check = new S3Check(store, S3CheckTest.config("http://127.0.0.1:" + link.port(), S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY), new SimpleMeterRegistry());
        // Every answer takes half a second: the check has listed the buckets when S3 goes, and its round trip has not run.
        link.slowDown(Duration.ofMillis(500));
        CompletableFuture<CheckResult> running = CompletableFuture.supplyAsync(check::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.delayedAnswers() >= 1);
        s3.stop();

        CheckResult result = running.get();
        assertThat(result.items()).extracting(CheckResult.Item::target).containsExactly("endpoint", "bucket/gitlab-lfs", "probe");
        assertThat(result.items().get(0).status()).isEqualTo(CheckResult.Status.OK);
        assertThat(result.items().get(2).status()).isEqualTo(CheckResult.Status.CRITICAL);
        assertThat(result.items().get(2).summary()).startsWith("round trip failed: S3 endpoint not reachable");
        assertThat(result.status()).isEqualTo(CheckResult.Status.CRITICAL);

        s3.start();
        link.slowDown(Duration.ZERO);
        assertThat(check.run().status()).isEqualTo(CheckResult.Status.OK);
    }

    private static AuditRecord record(String caller) {
        return new AuditRecord(Instant.now(), caller, caller, Via.REST, "sync", "app/longhorn-cluster-02", "refused", null, "test");
    }

    private String today(AuditArchive archive) throws ObjectStore.StorageFailure {
        return new String(direct.get("fleet-audit", archive.object(LocalDate.now(ZoneOffset.UTC))), StandardCharsets.UTF_8);
    }

    private static long count(String content, String caller) {
        return Arrays.stream(content.split("\n")).filter(line -> line.contains("\"caller\":\"" + caller + "\"")).count();
    }

    private static AuditArchiveConfig archiveConfig() {
        return new AuditArchiveConfig() {
            @Override
            public String bucket() {
                return "fleet-audit";
            }

            @Override
            public Duration flushInterval() {
                return Duration.ofHours(1);
            }

            @Override
            public int bufferLimit() {
                return 100;
            }
        };
    }
}
