package lab.miribit.fleetops.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The fleet's S3 (MinIO) that GitLab, Thanos and OpenSearch store into. Keys come from a Secret. */
@ConfigMapping(prefix = "fleet.s3")
public interface StorageConfig {

    /** e.g. {@code http://s3.minio.miribit.lab:9000}; the S3 check reports "not configured" without it. */
    Optional<String> endpoint();

    /** The guide's {@code S3_ACCESS_KEY}. */
    Optional<String> accessKey();

    /** The guide's {@code S3_SECRET_KEY}. */
    Optional<String> secretKey();

    @WithDefault("us-east-1")
    String region();

    /** Buckets that must exist: GitLab's six, and the Thanos and OpenSearch ones. */
    @WithDefault("gitlab-lfs,gitlab-artifacts,gitlab-uploads,gitlab-packages,gitlab-backups,gitlab-tmp,thanos,opensearch-snapshots")
    List<String> buckets();

    /** Bucket of the round-trip probe object (written, read back, deleted). */
    @WithDefault("gitlab-tmp")
    String probeBucket();

    /** How often the S3 check runs. */
    @WithDefault("5m")
    Duration interval();

    /** Connect and read timeout of every S3 request. */
    @WithDefault("3s")
    Duration timeout();
}
