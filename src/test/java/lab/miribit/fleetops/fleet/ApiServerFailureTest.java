package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What went wrong is told from types and codes, whatever the client wrapped it in. */
class ApiServerFailureTest {

    @Test
    void aTimeoutIsATimeoutEvenWhenTheClientGaveItAMadeUpCode() {
        // fabric8 over Vert.x: code -1, the cause a Vert.x "NoStackTraceTimeoutException" (no java.* timeout type)
        class NoStackTraceTimeoutException extends RuntimeException {
        }
        KubernetesClientException wrapped = new KubernetesClientException("The timeout period of 2000ms has been exceeded",
                new NoStackTraceTimeoutException());
        assertThat(wrapped.getCode()).isNegative();
        assertThat(ApiServerFailure.of(wrapped)).isEqualTo(new ApiServerFailure(ApiServerFailure.Kind.TIMED_OUT, 0));
        assertThat(ApiServerFailure.of(new CompletionException(new TimeoutException())).summary()).isEqualTo("did not answer in time");
        assertThat(ApiServerFailure.of(new KubernetesClientException("x", new SocketTimeoutException())).kind())
                .isEqualTo(ApiServerFailure.Kind.TIMED_OUT);
    }

    @Test
    void onlyATimeoutAfterConnectingMayHaveDeliveredTheRequest() {
        class NoStackTraceTimeoutException extends RuntimeException {
        }
        assertThat(ApiServerFailure.mayHaveArrived(new KubernetesClientException("The timeout period of 2000ms has been exceeded",
                new NoStackTraceTimeoutException()))).isTrue();
        assertThat(ApiServerFailure.mayHaveArrived(new KubernetesClientException("x",
                new io.netty.channel.ConnectTimeoutException("connection timed out")))).isFalse();
        assertThat(ApiServerFailure.mayHaveArrived(new KubernetesClientException("x",
                new java.net.http.HttpConnectTimeoutException("connect timed out")))).isFalse();
        assertThat(ApiServerFailure.mayHaveArrived(new KubernetesClientException("x", new ConnectException()))).isFalse();
        assertThat(ApiServerFailure.mayHaveArrived(new KubernetesClientException("boom", 500, null))).isFalse();
    }

    @Test
    void anAnswerKeepsItsStatusAndTransportFailuresTheirKind() {
        assertThat(ApiServerFailure.of(new KubernetesClientException("boom", 500, null)).summary()).isEqualTo("answered HTTP 500");
        assertThat(ApiServerFailure.of(new KubernetesClientException("x", new ConnectException())).kind())
                .isEqualTo(ApiServerFailure.Kind.CONNECTION_REFUSED);
        assertThat(ApiServerFailure.of(new KubernetesClientException("x", new SSLHandshakeException("no"))).kind())
                .isEqualTo(ApiServerFailure.Kind.TLS);
        assertThat(ApiServerFailure.of(new KubernetesClientException("x", new UnknownHostException())).kind())
                .isEqualTo(ApiServerFailure.Kind.UNKNOWN_HOST);
        assertThat(ApiServerFailure.of(new KubernetesClientException("x", new java.io.EOFException())).summary())
                .isEqualTo("is not reachable");
    }

    @Test
    void theTransportsOwnMessageNeverShows() {
        KubernetesClientException e = new KubernetesClientException("GET https://10.0.0.1:6443/api?token=s3cr3t failed", -1,
                null);
        assertThat(ApiServerFailure.of(e).summary()).doesNotContain("10.0.0.1").doesNotContain("s3cr3t");
    }
}
