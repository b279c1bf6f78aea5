package lab.miribit.fleetops.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * A request line longer than any fleet-ops URL (the longest is a name-filtered list, well under 1 KiB) is refused
 * with 414 as problem+json. Vert.x would refuse one over {@code quarkus.http.limits.max-initial-line-length} with a
 * bare 414 of its own; that limit is set above this one so callers meet this answer.
 */
@ApplicationScoped
class UriLengthLimit {

    static final int MAX_URI_LENGTH = 8192;

    void limit(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            if (request.request().uri().length() > MAX_URI_LENGTH) {
                request.response().setStatusCode(414).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end("{\"type\":\"about:blank\",\"title\":\"URI Too Long\",\"status\":414,"
                                + "\"detail\":\"the request URI is longer than " + MAX_URI_LENGTH + " characters\"}");
            } else {
                request.next();
            }
        });
    }
}
