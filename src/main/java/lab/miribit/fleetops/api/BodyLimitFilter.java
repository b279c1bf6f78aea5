package lab.miribit.fleetops.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared body over 1 MiB before anything reads it (Argo CD's CVE-2024-40634 was an unbounded
 * webhook body). Bodies sent without a length are cut at the same size by {@code quarkus.http.limits.max-body-size}.
 */
class BodyLimitFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    Response rejectOversized(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemMapper.respond(400, "Invalid input", "Content-Length is not a number", null, null).build();
        }
        if (declared > MAX_BODY_BYTES) {
            return ProblemMapper.respond(413, "Payload too large", "the request body is larger than 1 MiB", null, null)
                    .build();
        }
        return null;
    }
}
