package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real tokens from the running Keycloak, through its token endpoint, and what its admin API can change. */
public final class Keycloak {

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    Keycloak(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** The password grant of a public client, as a person's command-line tool would ask. */
    public String password(String client, String user, String password) {
        return token("fleet", Map.of("grant_type", "password", "client_id", client, "username", user, "password", password));
    }

    /** The client-credentials grant of a confidential client, as a service would ask. */
    public String clientCredentials(String client, String secret) {
        return token("fleet", Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /** Adds an RSA signing key above the realm's current one: from now on tokens carry a new {@code kid}. */
    public void rotateSigningKey() {
        String admin = token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakResource.ADMIN,
                "password", KeycloakResource.ADMIN_PASSWORD));
        JsonNode realm = send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/fleet")).header("Authorization", "Bearer " + admin)
                .GET().build());
        String component = "{\"name\":\"rotated-" + System.nanoTime() + "\",\"providerId\":\"rsa-generated\","
                + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realm.path("id").asText() + "\","
                + "\"config\":{\"priority\":[\"" + (1000 + System.nanoTime() % 1000) + "\"],\"keySize\":[\"2048\"],"
                + "\"active\":[\"true\"],\"enabled\":[\"true\"],\"algorithm\":[\"RS256\"]}}";
        send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/fleet/components")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(component)).build());
    }

    /** The {@code kid} in a JWT's header. */
    public String keyId(String jwt) {
        try {
            return json.readTree(java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).path("kid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build())
                .path("access_token").asText();
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
