package lab.miribit.fleetops.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Small helpers over REST Assured for the API under test. */
public final class Api {

    private Api() {
    }

    /**
     * A request as {@code token}'s holder, declaring JSON as a client of this API does: RestAssured would otherwise call
     * a bodiless POST a form, which the API refuses (415).
     */
    public static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }

    public static RequestSpecification json(String token, String body) {
        return as(token).contentType(ContentType.JSON).body(body);
    }

    /**
     * A request whose body is over the service's limit, sent the way curl sends large bodies: with
     * {@code Expect: 100-continue}, the body follows only if the server wants it. The service answers 413 from the
     * declared length at once, so the client reads that answer instead of sometimes failing with a broken pipe
     * while it is still writing a body the server has already refused (and closed the connection on).
     */
    public static RequestSpecification oversized(RequestSpecification request) {
        return request.header("Expect", "100-continue");
    }

    /** Waits until the operation has ended and returns it. */
    public static JsonPath awaitFinished(String token, String operationId) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = as(token).get("/api/v1/operations/" + operationId).then().statusCode(200).extract().jsonPath();
            String state = last[0].getString("state");
            return "succeeded".equals(state) || "failed".equals(state);
        });
        return last[0];
    }

    /** Starts an action that must be accepted and returns its operation id. */
    public static String accepted(RequestSpecification request, String method, String path) {
        return request.request(method, path).then().statusCode(202).extract().jsonPath().getString("id");
    }
}
