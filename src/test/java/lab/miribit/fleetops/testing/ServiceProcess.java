package lab.miribit.fleetops.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service (target/quarkus-app) run as a process of its own, as a replica in a pod: configured by
 * system properties, its output in target/, stopped the hard way ({@link #kill}, SIGKILL: no shutdown hook,
 * no last write) or the polite way.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path output;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path output) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.output = output;
    }

    /** Starts replica {@code name} with {@code config} and a 256 MiB heap, and waits until its HTTP server answers. */
    public static ServiceProcess start(String name, Map<String, String> config) {
        return start(name, config, List.of("-Xmx256m"), Duration.ofSeconds(60));
    }

    /**
     * Starts replica {@code name} with {@code config} and the JVM options {@code jvm} (heap, collector), and waits up to
     * {@code startTimeout} until its HTTP server answers.
     */
    public static ServiceProcess start(String name, Map<String, String> config, List<String> jvm, Duration startTimeout) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run through 'mvnw verify', which packages the service first");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvm);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dfleet.leader-election.identity=" + name);
        command.add("-jar");
        command.add(JAR.toString());
        Path output = Path.of("target", "replica-" + name + "-" + System.currentTimeMillis() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            ServiceProcess replica = new ServiceProcess(name, port, managementPort, process, output);
            await().atMost(startTimeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("replica " + name + " exited with " + process.exitValue() + "; see " + output);
                }
                return replica.answers("/q/health/live");
            });
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** Where its HTTP API listens, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** The process id, for the JDK's tools and /proc. */
    public long pid() {
        return process.pid();
    }

    /** Whether the readiness check answers 200: the informers filled, the central API reached. */
    public boolean ready() {
        return answers("/q/health/ready");
    }

    public RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    /** A request with no credentials at all. */
    public RequestSpecification anonymous() {
        return RestAssured.given().baseUri("http://127.0.0.1:" + port).contentType(io.restassured.http.ContentType.JSON);
    }

    /** The replica's management interface: health, metrics, the OpenAPI document. */
    public RequestSpecification management() {
        return RestAssured.given().baseUri("http://127.0.0.1:" + managementPort);
    }

    /** SIGKILL: the JVM ends at once, as under the OOM killer or a node failure; nothing of it runs any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private boolean answers(String health) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + managementPort + health).toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
