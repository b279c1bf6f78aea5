package lab.miribit.fleetops.fleet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Why a call to a Kubernetes API server failed, told from the exception's type and status code only: the
 * transport's own messages quote URLs and headers, so they never reach a user.
 *
 * @param code the HTTP status the API server answered, or 0 when it gave no answer
 */
public record ApiServerFailure(Kind kind, int code) {

    public enum Kind {
        /** Connected (or trying to) and no answer came within the client's timeout: a frozen API server or network. */
        TIMED_OUT,
        TLS,
        CONNECTION_REFUSED,
        UNKNOWN_HOST,
        /** Some other transport failure before an answer. */
        UNREACHABLE,
        /** The API server answered with an error status. */
        ANSWERED
    }

    public static ApiServerFailure of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        // Timeouts first: the HTTP clients wrap them in a KubernetesClientException with a made-up code (-1).
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return new ApiServerFailure(Kind.TIMED_OUT, 0);
            }
        }
        if (cause instanceof KubernetesClientException answered && answered.getCode() > 0) {
            return new ApiServerFailure(Kind.ANSWERED, answered.getCode());
        }
        // The most specific cause wins wherever it is in the chain: Vert.x wraps a failed handshake in an
        // IOException("Failed to create SSL connection") above the SSLHandshakeException that says why.
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ApiServerFailure(Kind.TLS, 0);
            }
        }
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new ApiServerFailure(Kind.CONNECTION_REFUSED, 0);
            }
            if (t instanceof UnknownHostException) {
                return new ApiServerFailure(Kind.UNKNOWN_HOST, 0);
            }
            if (t instanceof IOException) {
                return new ApiServerFailure(Kind.UNREACHABLE, 0);
            }
        }
        return new ApiServerFailure(Kind.UNREACHABLE, 0);
    }

    /**
     * Whether a request may have reached the API server although no answer came: it timed out after the connection was
     * made. A timeout while connecting or in the TLS handshake (Netty's {@code ConnectTimeoutException}, the JDK's
     * {@code HttpConnectTimeoutException}, {@code SslHandshakeTimeoutException}) sent nothing; a refusal or an answer is
     * known.
     */
    public static boolean mayHaveArrived(Throwable failure) {
        if (of(failure).kind() != Kind.TIMED_OUT) {
            return false;
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String type = t.getClass().getSimpleName();
            if (type.contains("Connect") || type.contains("Handshake")) {
                return false;
            }
        }
        return true;
    }

    /** What the API server did, to follow its name: "did not answer in time", "answered HTTP 500". */
    public String summary() {
        return switch (kind) {
            case TIMED_OUT -> "did not answer in time";
            case TLS -> "failed the TLS handshake";
            case CONNECTION_REFUSED -> "refused the connection";
            case UNKNOWN_HOST -> "has a host name that does not resolve";
            case UNREACHABLE -> "is not reachable";
            case ANSWERED -> "answered HTTP " + code;
        };
    }
}
