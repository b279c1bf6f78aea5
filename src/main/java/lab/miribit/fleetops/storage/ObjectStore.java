package lab.miribit.fleetops.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Bucket;
import okhttp3.OkHttpClient;

/**
 * The gateway to the fleet's S3: the only code that speaks minio-java. Its failures leave as
 * {@link StorageFailure}s that say what went wrong without the SDK's wording (which may quote credentials or URLs).
 */
@ApplicationScoped
public class ObjectStore {

    /** What went wrong talking to S3, in terms a person can act on. */
    public static final class StorageFailure extends Exception {
        public enum Kind {
            UNREACHABLE, CREDENTIALS, NOT_FOUND, OTHER
        }

        private final Kind kind;

        StorageFailure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final StorageConfig config;
    private OkHttpClient http;
    private MinioClient client;

    public ObjectStore(StorageConfig config) {
        this.config = config;
    }

    /**
     * The same S3 reached with other keys (e.g. the ones GitLab was given), to learn whether those work; the
     * caller closes it.
     */
    public ObjectStore withCredentials(String endpoint, String accessKey, String secretKey) {
        StorageConfig base = config;
        return new ObjectStore(new StorageConfig() {
            @Override
            public java.util.Optional<String> endpoint() {
                return java.util.Optional.of(endpoint);
            }

            @Override
            public java.util.Optional<String> accessKey() {
                return java.util.Optional.of(accessKey);
            }

            @Override
            public java.util.Optional<String> secretKey() {
                return java.util.Optional.of(secretKey);
            }

            @Override
            public String region() {
                return base.region();
            }

            @Override
            public List<String> buckets() {
                return base.buckets();
            }

            @Override
            public String probeBucket() {
                return base.probeBucket();
            }

            @Override
            public java.time.Duration interval() {
                return base.interval();
            }

            @Override
            public java.time.Duration timeout() {
                return base.timeout();
            }
        });
    }

    public boolean configured() {
        return config.endpoint().isPresent() && config.accessKey().isPresent() && config.secretKey().isPresent();
    }

    public List<String> bucketNames() throws StorageFailure {
        return call(() -> client().listBuckets().stream().map(Bucket::name).toList());
    }

    public boolean bucketExists(String bucket) throws StorageFailure {
        return call(() -> client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    public void createBucket(String bucket) throws StorageFailure {
        call(() -> {
            client().makeBucket(io.minio.MakeBucketArgs.builder().bucket(bucket).build());
            return null;
        });
    }

    public void put(String bucket, String object, byte[] content) throws StorageFailure {
        call(() -> client().putObject(PutObjectArgs.builder().bucket(bucket).object(object)
                .stream(new ByteArrayInputStream(content), content.length, -1).contentType("application/octet-stream").build()));
    }

    public byte[] get(String bucket, String object) throws StorageFailure {
        return call(() -> {
            try (InputStream in = client().getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
                return in.readAllBytes();
            }
        });
    }

    public void delete(String bucket, String object) throws StorageFailure {
        call(() -> {
            client().removeObject(RemoveObjectArgs.builder().bucket(bucket).object(object).build());
            return null;
        });
    }

    private interface Request<T> {
        T run() throws Exception;
    }

    private <T> T call(Request<T> request) throws StorageFailure {
        if (!configured()) {
            throw new StorageFailure(StorageFailure.Kind.OTHER, "S3 is not configured (fleet.s3.endpoint, access-key, secret-key)");
        }
        try {
            return request.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse() == null ? "" : e.errorResponse().code();
            switch (code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken" ->
                    throw new StorageFailure(StorageFailure.Kind.CREDENTIALS, "S3 refused the credentials (" + code + ")");
                case "NoSuchBucket", "NoSuchKey" -> throw new StorageFailure(StorageFailure.Kind.NOT_FOUND, code);
                default -> throw new StorageFailure(StorageFailure.Kind.OTHER, "S3 answered " + code);
            }
        } catch (java.io.IOException e) {
            throw new StorageFailure(StorageFailure.Kind.UNREACHABLE, "S3 endpoint not reachable (" + transport(e) + ")");
        } catch (Exception e) {
            throw new StorageFailure(StorageFailure.Kind.OTHER, "S3 request failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The kind of transport failure; okhttp wraps the socket's own exception, so the chain is walked. */
    private String transport(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.io.InterruptedIOException) {
                return "no answer within " + config.timeout().toSeconds() + " s";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "host name does not resolve";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed";
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("Failed to connect")) {
            return "connection refused";
        }
        return message.contains("unexpected end of stream") ? "the server closed the connection" : failure.getClass().getSimpleName();
    }

    /** Built on first use, never at class-load time, with the short timeouts every probe of fleet-ops has. */
    private synchronized MinioClient client() {
        if (client == null) {
            long millis = config.timeout().toMillis();
            http = new OkHttpClient.Builder().connectTimeout(millis, TimeUnit.MILLISECONDS).readTimeout(millis, TimeUnit.MILLISECONDS)
                    // A pooled connection the server dropped (a restart) is retried once on a new one; requests are idempotent.
                    .writeTimeout(millis, TimeUnit.MILLISECONDS).retryOnConnectionFailure(true).build();
            client = MinioClient.builder().endpoint(config.endpoint().orElseThrow())
                    .credentials(config.accessKey().orElseThrow(), config.secretKey().orElseThrow())
                    .region(config.region()).httpClient(http).build();
        }
        return client;
    }

    @PreDestroy
    public synchronized void close() {
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
