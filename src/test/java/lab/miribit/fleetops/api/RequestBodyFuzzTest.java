package lab.miribit.fleetops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import lab.miribit.fleetops.testing.GitLabStandInResource;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Hostile bodies for every POST and PUT route of the OpenAPI document, sent by an admin so that nothing stops
 * them before the body is read. Bodies are generated from each route's schema: every field in turn gets a value
 * of the wrong type, a null inside its list, a repeated key with a contradicting value; and every route gets
 * bodies that are not its shape at all (truncated, nested 5 000 deep, trailing data, a bare string). Every body is
 * invalid, so each must be a 400 problem+json naming no internals; none may be a 5xx. Routes that read no body
 * (refresh, run a check) and those reading their own formats (GitLab's webhook) only must not fail with a 5xx.
 */
@QuarkusTest
class RequestBodyFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noGeneratedHostileBodyEndsInAServerError() throws Exception {
        JsonNode openApi = JSON.readTree(Management.given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        List<String> failures = new ArrayList<>();
        String admin = Tokens.admin(); // signed once: signing takes longer than the request
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("post", "put")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode() || path.getKey().equals("/slack/events")) {
                    continue; // Slack's route verifies a signature over the raw body first: SlackHttpModeTest covers it
                }
                String url = path.getKey().replace("{app}", "longhorn-cluster-02").replace("{cluster}", "cluster-02")
                        .replace("{check}", "drift").replace("{verb}", "confirm");
                JsonNode schema = resolve(openApi, operation.path("requestBody").path("content").path("application/json").path("schema"));
                boolean typed = schema.path("type").asText().equals("object") && schema.has("properties");
                Map<String, String> bodies = new LinkedHashMap<>(shapeless());
                if (typed) {
                    bodies.putAll(mutations(schema));
                } else {
                    // A route that reads no body (refresh, run a check) does its work whatever is sent: three bodies
                    // show it does not choke on them, without running the check a dozen times.
                    bodies.keySet().retainAll(List.of("a truncated object", "nested 5000 deep", "a control character"));
                }
                for (Map.Entry<String, String> body : bodies.entrySet()) {
                    Response answer = RestAssured.given().auth().oauth2(admin)
                            .header("X-Gitlab-Token", GitLabStandInResource.WEBHOOK_SECRET).contentType("application/json")
                            .body(body.getValue()).request(method.toUpperCase(java.util.Locale.ROOT), url);
                    sent++;
                    String where = method.toUpperCase(java.util.Locale.ROOT) + " " + url + " with " + body.getKey();
                    if (answer.statusCode() >= 500) {
                        failures.add(where + " → " + answer.statusCode() + " " + answer.asString());
                    } else if (typed && answer.statusCode() != 400) {
                        failures.add(where + " → " + answer.statusCode() + " (expected 400) " + answer.asString());
                    } else if (typed && !answer.contentType().startsWith("application/problem+json")) {
                        failures.add(where + " → not problem+json: " + answer.contentType());
                    } else if (answer.asString().matches("(?s).*(Exception|\\tat |jackson|lab\\.miribit).*")) {
                        failures.add(where + " → internals in the answer: " + answer.asString());
                    }
                }
            }
        }
        assertThat(sent).as("bodies sent").isGreaterThan(200);
        assertThat(failures).isEmpty();
    }

    /** Bodies that are not the route's shape at all. */
    private static Map<String, String> shapeless() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("a truncated object", "{\"dryRun\":");
        bodies.put("an array", "[]");
        bodies.put("an array of null", "[null]");
        bodies.put("a bare string", "\"sync\"");
        bodies.put("a bare number", "42");
        bodies.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        bodies.put("an object nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        bodies.put("trailing data", "{\"dryRun\":true} {\"dryRun\":false}");
        bodies.put("an unknown field", "{\"zzz\":1}");
        bodies.put("a control character", "{\"\u0000\":1}");
        bodies.put("a lone surrogate", "{\"\\ud800\":1}");
        bodies.put("a number too big for any type", "{\"dryRun\":1e999999}");
        return bodies;
    }

    /** Each property with values its type refuses, a null in its list, and repeated with a contradicting value. */
    private static Map<String, String> mutations(JsonNode schema) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Random random = new Random(15);
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            String type = property.getValue().path("type").asText();
            List<String> wrong = switch (type) {
                case "boolean" -> List.of("\"true\"", "1", "0.5", "[]", "{}", "\"\"");
                case "integer" -> List.of("\"1\"", "1.5", "true", "[]", "{}", "1e400", "99999999999999999999999", "\"\"");
                case "string" -> List.of("123", "true", "1.5", "[]", "{}", "[\"a\"]");
                case "array" -> List.of("[null]", "[\"x\", null]", "\"x\"", "[[]]", "[{}]", "[1]", "[true]", "{}", "1");
                default -> List.of("[]", "1");
            };
            for (String value : wrong) {
                bodies.put(name + " = " + value, "{\"" + name + "\":" + value + "}");
            }
            String valid = switch (type) {
                case "boolean" -> "true";
                case "integer" -> String.valueOf(random.nextInt(100));
                case "array" -> "[\"longhorn-cluster-02\"]";
                default -> "\"v" + random.nextInt(100) + "\"";
            };
            String other = switch (type) {
                case "boolean" -> "false";
                case "integer" -> "7";
                case "array" -> "[]";
                default -> "\"other\"";
            };
            bodies.put(name + " twice", "{\"" + name + "\":" + valid + ",\"" + name + "\":" + other + "}");
        }
        return bodies;
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? openApi.path("components").path("schemas").path(ref.substring(21)) : schema;
    }
}
