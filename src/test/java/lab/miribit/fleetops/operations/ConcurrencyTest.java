package lab.miribit.fleetops.operations;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** Many callers at once on one target: one action runs, every other is told why it did not. */
@QuarkusTest
class ConcurrencyTest {

    private static final String APP = "fluent-operator-cluster-03";

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void fiftySimultaneousSyncsOfOneAppMakeOneOperationAndFortyNineConflicts() throws Exception {
        // Argo CD holds the sync, so it is still running when the last request arrives.
        fleet.simulator().hold(APP);
        List<Response> answers;
        try {
            answers = all(50, () -> json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/" + APP + "/sync"));
            Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
            assertThat(byStatus).containsOnlyKeys(202, 409).containsEntry(202, 1L).containsEntry(409, 49L);
            assertThat(answers.stream().filter(a -> a.statusCode() == 409))
                    .allSatisfy(a -> assertThat(a.jsonPath().getString("detail")).contains("another operation is already in progress"));
            // A rollback of the same application while the sync runs is refused as well.
            json(Tokens.admin(), "{\"disableAutoSync\":true}").post("/api/v1/apps/" + APP + "/rollback").then().statusCode(409);
        } finally {
            fleet.simulator().release(APP);
        }
        String id = answers.stream().filter(a -> a.statusCode() == 202).findFirst().orElseThrow().jsonPath().getString("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        // Exactly one operation was made for those 50 requests: the audit shows one acceptance, 49 refusals.
        List<Map<String, Object>> audit = json(Tokens.viewer(), "").get("/api/v1/audit?limit=5000").jsonPath()
                .getList("findAll { it.target == 'app/" + APP + "' && it.command == 'sync' }");
        assertThat(audit.stream().filter(r -> "accepted".equals(r.get("outcome")) && id.equals(r.get("operationId")))).hasSize(1);
        assertThat(audit.stream().filter(r -> "refused".equals(r.get("outcome"))).count()).isGreaterThanOrEqualTo(49);
    }

    private static List<Response> all(int callers, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
