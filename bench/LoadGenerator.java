// A small HTTP load generator for bench/startup.sh, run as a single-file program (java bench/LoadGenerator.java).
//   keygen DIR                         writes an RSA key pair to DIR, prints the public key (base64 X.509) for
//                                      quarkus.oidc.public-key
//   run DIR URL SECONDS CONCURRENCY PATH... signs a fleet-viewer JWT with DIR's key and GETs the paths in turn
//                                      from CONCURRENCY threads; prints requests/s, p50/p99 and the status counts
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

public class LoadGenerator {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("keygen")) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.write(dir.resolve("private.der"), keys.getPrivate().getEncoded());
            System.out.println(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            return;
        }
        String base = args[2];
        long seconds = Long.parseLong(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        List<String> paths = List.of(args).subList(5, args.length);
        String token = jwt(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("private.der")))));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies.add(System.nanoTime() - start);
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d requests in %d s (%.0f/s), p50 %.1f ms, p99 %.1f ms, statuses %s%n", sorted.size(), seconds,
                sorted.size() / (double) seconds, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                statuses);
    }

    private static String jwt(PrivateKey key) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"fleet-ops-bench\",\"aud\":\"fleet-ops\",\"sub\":\"bench\",\"preferred_username\":\"bench\","
                + "\"groups\":[\"fleet-viewer\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
