package lab.miribit.fleetops.api;

import static lab.miribit.fleetops.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import lab.miribit.fleetops.testing.Tokens;

/** Lists page like Kubernetes lists, answer 304 while unchanged and come gzipped when asked. */
@QuarkusTest
class ListPagingTest {

    @Test
    void followingTheContinueTokenGivesEveryApplicationOnceInOrder() {
        List<String> all = as(Tokens.viewer()).get("/api/v1/apps?limit=5000").then().statusCode(200).extract().jsonPath()
                .getList("name");
        assertThat(all).hasSizeGreaterThan(12).isSorted();
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Response page = as(Tokens.viewer()).queryParam("limit", 5).queryParam("continue", next == null ? "" : next)
                    .get("/api/v1/apps");
            page.then().statusCode(200);
            List<String> names = page.jsonPath().getList("name");
            assertThat(names).hasSizeLessThanOrEqualTo(5);
            paged.addAll(names);
            next = page.header(ListPage.CONTINUE_HEADER);
            if (next != null) {
                assertThat(page.header("Link")).contains("continue=" + next).endsWith(">; rel=\"next\"").contains("limit=5");
            }
            pages++;
        } while (next != null && pages < 100);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void everyListPagesAndAnUnknownTokenOrLimitIs400() {
        for (String list : List.of("/api/v1/clusters", "/api/v1/operations", "/api/v1/audit")) {
            Response page = as(Tokens.viewer()).get(list + "?limit=1");
            page.then().statusCode(200);
            assertThat(page.jsonPath().getList("$")).as(list).hasSizeLessThanOrEqualTo(1);
            as(Tokens.viewer()).get(list + "?continue=bm90LWEtdG9rZW4").then().statusCode(400)
                    .contentType("application/problem+json");
            as(Tokens.viewer()).get(list + "?limit=0").then().statusCode(400);
        }
        Response clusters = as(Tokens.viewer()).get("/api/v1/clusters?limit=1");
        String second = as(Tokens.viewer()).get("/api/v1/clusters?limit=1&continue=" + clusters.header(ListPage.CONTINUE_HEADER))
                .jsonPath().getString("[0].name");
        assertThat(second).isNotEqualTo(clusters.jsonPath().getString("[0].name"));
    }

    @Test
    void anUnchangedPageIs304AndAPageComesGzippedWhenAsked() {
        Response first = as(Tokens.viewer()).get("/api/v1/apps?cluster=cluster-02");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("W/\"");
        Response again = as(Tokens.viewer()).header("If-None-Match", etag).get("/api/v1/apps?cluster=cluster-02");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.asString()).isEmpty();
        assertThat(as(Tokens.viewer()).header("If-None-Match", "W/\"0000\"").get("/api/v1/apps?cluster=cluster-02").statusCode())
                .isEqualTo(200);

        Response gzipped = as(Tokens.viewer()).header("Accept-Encoding", "gzip").get("/api/v1/apps?limit=5000");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.jsonPath().getList("name")).hasSizeGreaterThan(12);
    }
}
