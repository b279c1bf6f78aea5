package lab.miribit.fleetops.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Sent as a Response entity, which the REST layer cannot see at build time: kept for Jackson in the native image.
@io.quarkus.runtime.annotations.RegisterForReflection
public record Problem(String type, String title, int status, String detail, String instance, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
