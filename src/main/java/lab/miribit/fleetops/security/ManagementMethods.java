package lab.miribit.fleetops.security;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The management interface serves documents to read — health, metrics, the OpenAPI document — and nothing there
 * changes state, yet its handlers answer whatever method they are sent. Every other method gets 405 with the
 * methods the interface does serve, so a probe learns nothing from a POST or a TRACE it could not from a GET.
 */
@ApplicationScoped
public class ManagementMethods {

    private static final String ALLOWED = "GET, HEAD, OPTIONS";

    void onlyReads(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(request -> {
            HttpMethod method = request.request().method();
            if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
                request.next();
            } else if (HttpMethod.OPTIONS.equals(method)) {
                request.response().setStatusCode(204).putHeader("Allow", ALLOWED).end();
            } else {
                request.response().setStatusCode(405).putHeader("Allow", ALLOWED).end();
            }
        });
    }
}
