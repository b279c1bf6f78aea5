package lab.miribit.fleetops.api;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The REST API takes JSON only. A write with a body of another type — a form, which a browser posts cross-site with
 * whatever credentials it holds — is refused with 415 before anything runs, even on routes that read no body.
 * Slack's form posts and GitLab's webhook are outside {@code /api/} and keep their own formats.
 */
class JsonRequestsOnly {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ServerRequestFilter(preMatching = true)
    Response refuseOtherTypes(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String declared = request.getHeaderString("Content-Type");
        if (declared == null) {
            return request.hasEntity() ? unsupported() : null;
        }
        try {
            MediaType type = MediaType.valueOf(declared);
            boolean json = type.getType().equalsIgnoreCase("application")
                    && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
            String charset = type.getParameters().get("charset");
            return json && (charset == null || charset.equalsIgnoreCase("utf-8")) ? null : unsupported();
        } catch (IllegalArgumentException malformed) {
            return unsupported();
        }
    }

    private static Response unsupported() {
        return ProblemMapper.respond(415, "Unsupported Media Type", "send the body as application/json", null, null).build();
    }
}
