package lab.miribit.fleetops.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real S3 server on loopback: s3rver from the npm registry (installed under {@code target/s3rver} by the
 * build), which checks SigV4 signatures and knows one key pair, {@code S3RVER}/{@code S3RVER}. It can be stopped
 * and started again on the same port, as an S3 outage would.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    private static final Path CLI = Path.of("target", "s3rver", "node_modules", "@20minutes", "s3rver", "lib", "cli.js");

    private final int port;
    private final Path data;
    private final List<String> buckets;
    private Process process;

    public S3Server(List<String> buckets) throws IOException {
        if (!Files.exists(CLI)) {
            throw new IllegalStateException(CLI + " is missing: the build installs it with npm (generate-test-resources)");
        }
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
        this.data = Files.createTempDirectory("s3rver");
        this.buckets = List.copyOf(buckets);
        start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        // The package ships its command line as a module without a launcher script: run it through node -e.
        List<String> command = new ArrayList<>(List.of("node", "-e",
                "require(process.argv[1]).parseAsync(['node', 's3rver', ...process.argv.slice(2)])", CLI.toAbsolutePath().toString(),
                "-d", data.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port), "--silent", "--no-vhost-buckets"));
        for (String bucket : buckets) {
            command.add("--configure-bucket");
            command.add(bucket);
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(data.toFile(), "s3rver.log"))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3rver (is node on the PATH?)", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3rver exited; see " + data.resolve("s3rver.log"));
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("s3rver did not listen within 20 s");
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
