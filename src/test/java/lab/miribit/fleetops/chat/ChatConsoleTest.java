package lab.miribit.fleetops.chat;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.Tokens;

/** The console transport: chat commands over REST, answered as chat would answer them. */
@QuarkusTest
class ChatConsoleTest {

    private static JsonPath say(String token, String text) {
        return json(token, "{\"text\":\"" + text + "\"}").post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath confirm(String token, String text, String confirmation) {
        return json(token, "{\"text\":\"" + text + "\",\"confirmation\":\"" + confirmation + "\"}").post("/api/v1/chat")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void readsAnswerWithTextAndStructure() {
        String viewer = Tokens.bearer("chat-reader", "fleet-viewer");
        JsonPath status = say(viewer, "/fleet status");
        assertThat(status.getString("reply.kind")).isEqualTo("info");
        assertThat(status.getString("text")).startsWith("Fleet status").contains("cluster-03 (edge) Successful");
        assertThat(say(viewer, "status thanos-compactor-cluster-01").getString("text"))
                .contains("last operation Failed");
        assertThat(say(viewer, "status " + lab.miribit.fleetops.demo.DemoFleetSeed.RENDER_ERROR_APP).getString("text"))
                .contains("condition ComparisonError");
        assertThat(say(viewer, "apps cluster-01 --out-of-sync").getList("reply.lines"))
                .anyMatch(line -> line.toString().startsWith("grafana-cluster-01 — OutOfSync"));
        assertThat(say(viewer, "history longhorn-cluster-04").getString("reply.title")).isEqualTo("History of longhorn-cluster-04");
        assertThat(say(viewer, "help").getString("text")).contains("/fleet sync CLUSTER|APP...");
    }

    @Test
    void aClientAskingForKoreanIsAnsweredInKoreanWithIdentifiersAsTheyAre() {
        String viewer = Tokens.bearer("chat-korean-reader", "fleet-viewer");
        java.util.function.Function<String, JsonPath> korean = text -> json(viewer, "{\"text\":\"" + text + "\"}")
                .header("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8").post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
        JsonPath status = korean.apply("status");
        assertThat(status.getString("reply.title")).isEqualTo("전체 클러스터 상태");
        assertThat(status.getString("text")).contains("cluster-03 (edge) Successful — 애플리케이션 ");
        assertThat(korean.apply("snyc cluster-03").getString("reply.title"))
                .isEqualTo("'snyc'라는 명령은 없습니다. 혹시 'sync' 명령인가요? 전체 목록은 /fleet help로 확인하세요.");
        assertThat(korean.apply("sync cluster-03").getString("reply.title")).isEqualTo("sync 명령에는 fleet-operator 역할이 필요합니다");
        assertThat(korean.apply("help sync").getString("text")).contains("애플리케이션 동기화").contains("--prune — Git에 더 이상 없는 리소스를 삭제합니다")
                .contains("사용법: /fleet sync CLUSTER|APP...");
        // A refusal from below the chat with a reason is worded in Korean, names as they are ...
        assertThat(korean.apply("status no-such-app").getString("reply.title"))
                .isEqualTo("이름이 'no-such-app'인 애플리케이션이 없습니다. /fleet apps로 목록을 확인하세요");
        assertThat(korean.apply("certs cluster-99").getString("reply.title"))
                .isEqualTo("클러스터 'cluster-99'은(는) fleet에 등록되어 있지 않습니다. /fleet status로 클러스터를 확인하세요");
        // What the service below the chat found or did reads in Korean too, commands and names as they are: a diagnosis ...
        assertThat(korean.apply("diagnose " + lab.miribit.fleetops.demo.DemoFleetSeed.RENDER_ERROR_APP).getString("text"))
                .contains(lab.miribit.fleetops.demo.DemoFleetSeed.RENDER_ERROR_APP + "의 매니페스트를 렌더링할 수 없습니다")
                .contains("저장소에서 kustomize build --enable-helm ");
        // ... and an operation's steps and result.
        String operator = Tokens.bearer("chat-korean-operator", "fleet-operator");
        java.util.function.Function<String, JsonPath> koreanOperator = text -> json(operator, "{\"text\":\"" + text + "\"}")
                .header("Accept-Language", "ko").post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
        String id = koreanOperator.apply("sync cluster-04 --dry-run").getString("reply.operationId");
        awaitFinished(Tokens.viewer(), id);
        assertThat(korean.apply("op " + id).getList("reply.lines", String.class)).contains("✔ Wave 0: namespaces-cluster-04 — 드라이 런 성공")
                .anyMatch(line -> line.matches("애플리케이션 \\d+개를 Wave \\d+개에 걸쳐 드라이 런 완료"));
        assertThat(say(viewer, "op " + id).getList("reply.lines", String.class)).contains("✔ wave 0: namespaces-cluster-04 — dry run succeeded");
        // Without Accept-Language, the service's language (en in the tests).
        assertThat(say(viewer, "status").getString("reply.title")).isEqualTo("Fleet status");
    }

    @Test
    void aSyncIsAcceptedAndFollowedAsAnOperation() {
        String operator = Tokens.bearer("chat-operator", "fleet-operator");
        JsonPath accepted = say(operator, "sync cluster-02 --dry-run");
        assertThat(accepted.getString("reply.kind")).isEqualTo("accepted");
        String id = accepted.getString("reply.operationId");
        assertThat(accepted.getString("text")).contains("follow it with /fleet op " + id).contains("wave 0: namespaces-cluster-02");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("via")).isEqualTo("rest");
        assertThat(say(operator, "op " + id).getString("reply.title")).isEqualTo("sync cluster/cluster-02: succeeded (" + id + ")");

        JsonPath two = say(operator, "sync longhorn-cluster-02 fluent-bit-cluster-03 --dry-run");
        assertThat(two.getString("reply.title")).contains("apps/longhorn-cluster-02,fluent-bit-cluster-03");
        awaitFinished(Tokens.viewer(), two.getString("reply.operationId"));
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        String viewer = Tokens.bearer("chat-viewer", "fleet-viewer");
        JsonPath refused = say(viewer, "sync cluster-03");
        assertThat(refused.getString("reply.kind")).isEqualTo("refused");
        assertThat(refused.getString("text")).isEqualTo("sync needs the role fleet-operator");
        // Who may not sync learns nothing of which names exist; who may, learns it in their language.
        assertThat(say(viewer, "sync no-such-thing").getString("text")).isEqualTo("sync needs the role fleet-operator");
        String operator = Tokens.bearer("chat-operator", "fleet-operator");
        assertThat(say(operator, "sync no-such-thing").getString("text"))
                .isEqualTo("no cluster or application is named 'no-such-thing'; try /fleet apps");
        assertThat(say(operator, "sync cluster-03 no-such-thing").getString("text")).contains("'no-such-thing'");
        assertThat(say(viewer, "bootstrap --dry-run").getString("text")).isEqualTo("bootstrap needs the role fleet-admin");
        assertThat(say(viewer, "snyc cluster-03").getString("text")).contains("Did you mean 'sync'?");
        String nobody = Tokens.bearer("chat-nobody", "marketing");
        assertThat(say(nobody, "status").getString("text")).isEqualTo("status needs the role fleet-viewer");
        assertThat(say(nobody, "help").getString("reply.kind")).isEqualTo("info");
        json(null, "{\"text\":\"status\"}").post("/api/v1/chat").then().statusCode(401);
        json(viewer, "{\"txt\":\"status\"}").post("/api/v1/chat").then().statusCode(400);
    }

    /**
     * fleet-ci may sync what a merge changed through POST /sync; in chat it reads operations only. The same line is
     * refused (and audited) whatever the number of targets, and never runs without the confirmation --prune needs.
     */
    @Test
    void aCiIdentityOnlyReadsOperationsInChatWhateverTheTargets() {
        String ci = Tokens.ci();
        long operationsBefore = json(Tokens.viewer(), "").get("/api/v1/operations?limit=500").jsonPath().getList("id").size();
        for (String line : java.util.List.of("sync cluster-02 cluster-03 --dry-run", "sync longhorn-cluster-02 fluent-bit-cluster-03 --prune",
                "sync longhorn-cluster-02 --dry-run", "sync cluster-03 --prune", "refresh longhorn-cluster-02", "rollback longhorn-cluster-02")) {
            JsonPath refused = say(ci, line);
            assertThat(refused.getString("reply.kind")).as(line).isEqualTo("refused");
            assertThat(refused.getString("text")).as(line).contains("needs the role fleet-");
            assertThat(refused.getString("text")).as(line).contains("POST /api/v1/sync");
        }
        assertThat(json(Tokens.viewer(), "").get("/api/v1/operations?limit=500").jsonPath().getList("id")).as("nothing ran")
                .hasSize((int) operationsBefore);
        json(Tokens.viewer(), "").get("/api/v1/audit?limit=5000").then().statusCode(200)
                .body("findAll { it.caller == '" + Tokens.subjectOf("observability/thanos-multi-cluster") + "' && it.command == 'sync' "
                        + "&& it.outcome == 'refused' }.target",
                        hasItem("targets/longhorn-cluster-02,fluent-bit-cluster-03"));
        // What it may read in chat: operations.
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/namespaces-cluster-04/sync").then().statusCode(202)
                .extract().path("id");
        assertThat(say(ci, "op " + id).getString("reply.kind")).isEqualTo("info");
        assertThat(say(ci, "status").getString("reply.kind")).isEqualTo("refused");
        awaitFinished(Tokens.viewer(), id);

        // An operator is asked to confirm --prune over several targets exactly as over one.
        String operator = Tokens.bearer("chat-multi-pruner", "fleet-operator");
        assertThat(say(operator, "sync longhorn-cluster-02 fluent-bit-cluster-03 --prune --dry-run").getString("reply.kind"))
                .isEqualTo("confirm");
        assertThat(say(operator, "sync cluster-02 cluster-03 --prune --dry-run").getString("reply.kind")).isEqualTo("confirm");
    }

    @Test
    void pruneIsConfirmedOnlyByTheSameUserForTheSameCommandOnce() {
        String operator = Tokens.bearer("chat-pruner", "fleet-operator");
        JsonPath asked = say(operator, "sync fluent-operator-cluster-04 --prune --dry-run");
        assertThat(asked.getString("reply.kind")).isEqualTo("confirm");
        assertThat(asked.getString("text")).contains("--prune deletes resources of fluent-operator-cluster-04");
        String token = asked.getString("reply.confirmation.token");

        String someoneElse = Tokens.bearer("chat-other", "fleet-admin");
        assertThat(confirm(someoneElse, "sync fluent-operator-cluster-04 --prune --dry-run", token).getString("text"))
                .isEqualTo("only the person who sent the command can confirm it");
        assertThat(confirm(operator, "sync fluent-operator-cluster-03 --prune --dry-run", token).getString("text"))
                .contains("the command changed");

        JsonPath accepted = confirm(operator, "/fleet sync  fluent-operator-cluster-04 --prune --dry-run", token);
        assertThat(accepted.getString("reply.kind")).isEqualTo("accepted");
        awaitFinished(Tokens.viewer(), accepted.getString("reply.operationId"));
        assertThat(confirm(operator, "sync fluent-operator-cluster-04 --prune --dry-run", token).getString("text"))
                .contains("unknown or was already used");
    }

    @Test
    void oneUserOverTheRateLimitDoesNotSlowOthers() {
        String chatty = Tokens.bearer("chat-chatty", "fleet-viewer");
        for (int i = 0; i < 10; i++) {
            assertThat(say(chatty, "help").getString("reply.kind")).isEqualTo("info");
        }
        // Over HTTP, the console says it in HTTP's words: 429 with when to come back.
        io.restassured.response.Response limited = json(chatty, "{\"text\":\"help\"}").post("/api/v1/chat");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getString("detail")).startsWith("Easy — you sent more than 10 commands");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        json(Tokens.bearer("chat-calm", "fleet-viewer"), "{\"text\":\"status cluster-02\"}").post("/api/v1/chat").then()
                .statusCode(200).body("reply.kind", equalTo("info")).body("reply.lines", hasItem(containsString("cluster-02")));
    }
}
