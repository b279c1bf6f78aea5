package lab.miribit.fleetops.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over 1 MiB (Argo CD's CVE-2024-40634 was an unbounded webhook body): a declared one before anything
 * reads it, one sent without a length (chunked) as soon as its 1 MiB + 1st byte is read — both as a problem+json 413
 * and one log line. Vert.x's own cap ({@code quarkus.http.limits.max-body-size}) is set above this one as a backstop:
 * it answers a plain 413 and leaves a stack trace, so it is not the limit callers meet.
 */
class BodyLimitFilter {

    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class);
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
            return tooLarge(request.getUriInfo().getPath());
        }
        return null;
    }

    /**
     * A body without a declared length is counted as the resource reads it. (After matching: the request pipeline sets
     * its own body stream before that, which would replace one set earlier.)
     */
    @ServerRequestFilter
    void countUndeclared(ContainerRequestContext request) {
        if (request.getHeaderString("Content-Length") == null && request.hasEntity()) {
            request.setEntityStream(new LimitedBody(request.getEntityStream()));
        }
    }

    @ServerExceptionMapper
    Response cutOff(BodyTooLarge e, ContainerRequestContext request) {
        return tooLarge(request.getUriInfo().getPath());
    }

    static Response tooLarge(String path) {
        LOG.infof("refused a request body over 1 MiB on %s", path);
        return ProblemMapper.respond(413, "Payload too large", "the request body is larger than 1 MiB", null, null).build();
    }

    /** Thrown by a body read past the limit; mapped to 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body over " + MAX_BODY_BYTES + " bytes", null);
        }
    }

    private static final class LimitedBody extends FilterInputStream {
        private long read;

        LimitedBody(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
        }
    }
}
