package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Keycloak (the distribution the build unpacks into target/keycloak) in development mode on loopback,
 * with the realm of {@code deploy/keycloak/fleet-realm.json} imported afresh: fleet-ops verifies its tokens
 * through its discovery document and JWKS like those of the fleet's own Keycloak.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "kc-admin";
    public static final String ADMIN_PASSWORD = "kc-admin-password";

    private Process keycloak;
    private Path home;
    private String url;

    @Override
    public Map<String, String> start() {
        try {
            home = distribution();
            // A fresh database each time: the realm file is the single truth.
            deleteTree(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            Files.copy(Path.of("deploy/keycloak/fleet-realm.json"), home.resolve("data/import/fleet-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            url = "http://127.0.0.1:" + port;
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--cache=local")
                    .redirectErrorStream(true).redirectOutput(Path.of("target/keycloak.log").toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_APPEND", "-Xmx512m");
            keycloak = builder.start();
            awaitRealm(Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.oidc.auth-server-url", url + "/realms/fleet");
        config.put("quarkus.oidc.token.issuer", url + "/realms/fleet");
        config.put("fleet.security.role-mapping.\"platform-viewers\"", "fleet-viewer");
        config.put("fleet.security.role-mapping.\"platform-operators\"", "fleet-operator");
        config.put("fleet.security.role-mapping.\"platform-admins\"", "fleet-admin");
        config.put("keycloak.test.url", url);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Keycloak(url), new TestInjector.AnnotatedAndMatchesType(InjectKeycloak.class, Keycloak.class));
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
        }
    }

    private void awaitRealm(Duration budget) {
        HttpClient http = HttpClient.newHttpClient();
        URI discovery = URI.create(url + "/realms/fleet/.well-known/openid-configuration");
        org.awaitility.Awaitility.await("Keycloak serving the realm (see target/keycloak.log)").atMost(budget)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!keycloak.isAlive()) {
                        throw new IllegalStateException("Keycloak stopped; see target/keycloak.log");
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private static Path distribution() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("target/keycloak"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/keycloak holds no distribution; run ./mvnw verify"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
