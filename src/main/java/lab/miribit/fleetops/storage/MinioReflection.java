package lab.miribit.fleetops.storage;

import io.minio.messages.CreateBucketConfiguration;
import io.minio.messages.ErrorResponse;
import io.minio.messages.ListAllMyBucketsResult;
import io.minio.messages.LocationConstraint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * minio-java reads and writes S3's XML with Simple XML, which finds fields by reflection: the native image keeps
 * the messages of the calls {@link ObjectStore} makes (list buckets, the region lookup, make bucket, errors),
 * with the types of their fields.
 */
@RegisterForReflection(targets = { ListAllMyBucketsResult.class, ErrorResponse.class, LocationConstraint.class,
        CreateBucketConfiguration.class }, registerFullHierarchy = true)
final class MinioReflection {

    private MinioReflection() {
    }
}
