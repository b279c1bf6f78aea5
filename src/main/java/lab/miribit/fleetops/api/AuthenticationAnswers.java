package lab.miribit.fleetops.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * How fleet-ops answers a request it cannot authenticate. A 401 says how to authenticate ({@code WWW-Authenticate},
 * RFC 6750). When the identity provider cannot be reached, a token that is not even a JWT is still a plain 401 —
 * nothing needed the provider to see that — while a well-formed token that needs the provider's keys gets 503 with
 * {@code Retry-After}: the caller did nothing wrong. Such an outage is logged as one WARN line a minute at most,
 * since anyone can send tokens and must not be able to flood the log.
 */
class AuthenticationAnswers {

    private static final Logger LOG = Logger.getLogger(AuthenticationAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    static final int RETRY_AFTER_SECONDS = 30;

    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.EPOCH);
    private final AtomicLong sinceLastWarning = new AtomicLong();

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return challenge(uri, headers);
    }

    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return challenge(uri, headers);
    }

    @ServerExceptionMapper
    Response identityProviderUnavailable(OIDCException e, UriInfo uri, HttpHeaders headers) {
        if (!presentsAJwt(headers.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return challenge(uri, headers);
        }
        warnAtMostOnceAMinute(e);
        return ProblemMapper.respond(503, "Service Unavailable",
                "the identity provider cannot be reached to verify the token; try again shortly", uri, null)
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response challenge(UriInfo uri, HttpHeaders headers) {
        boolean tokenSent = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        Response.ResponseBuilder answer = ProblemMapper.respond(401, "Unauthorized", "a valid bearer token is required", uri, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fleet-ops\"" + (tokenSent ? ", error=\"invalid_token\"" : ""));
        // HTTP Basic is built into the demo only; where it exists, it is offered too.
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.http.auth.basic", Boolean.class).orElse(false)) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"fleet-ops\"");
        }
        return answer.build();
    }

    /** Three base64url parts whose first is a JSON header naming an algorithm: something only the provider can judge. */
    static boolean presentsAJwt(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 4096) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            return header != null && header.isObject() && header.path("alg").isTextual();
        } catch (IllegalArgumentException | java.io.IOException notAJwt) {
            return false;
        }
    }

    private void warnAtMostOnceAMinute(OIDCException e) {
        long requests = sinceLastWarning.incrementAndGet();
        Instant last = lastWarning.get();
        Instant now = Instant.now();
        if (now.isAfter(last.plus(WARN_EVERY)) && lastWarning.compareAndSet(last, now)) {
            sinceLastWarning.set(0);
            String provider = ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse("(not set)");
            LOG.warnf("identity provider %s cannot be reached (%s); %d request(s) with a token answered 503 since the last warning",
                    provider, rootCause(e), requests);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
