package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.demo.CertificateAuthority;

/** An edge cluster's CA is all that is trusted for it: not the JDK's public roots, not another cluster's CA. */
class EdgeTrustTest {

    @Test
    void onlyTheCaTheSecretNamesIsTrusted() throws Exception {
        CertificateAuthority edge = CertificateAuthority.create("edge-ca");
        CertificateAuthority other = CertificateAuthority.create("other-ca");
        Instant now = Instant.now();
        X509Certificate server = edge.issue("CN=kube-apiserver", now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS),
                List.of("127.0.0.1")).certificate();
        X509Certificate impostor = other.issue("CN=kube-apiserver", now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS),
                List.of("127.0.0.1")).certificate();

        X509TrustManager trust = EdgeTrust.onlyTheClustersCa(edge.root().certificateData());
        trust.checkServerTrusted(new X509Certificate[] { server }, "ECDHE_RSA");
        assertThat(trust.getAcceptedIssuers()).hasSize(1);
        assertThat(trust.getAcceptedIssuers()[0].getSubjectX500Principal()).isEqualTo(edge.root().certificate().getSubjectX500Principal());
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] { impostor }, "ECDHE_RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void caDataWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> EdgeTrust.onlyTheClustersCa("bm90IGEgY2VydGlmaWNhdGU=")).isInstanceOfAny(IllegalArgumentException.class,
                CertificateException.class);
        assertThatThrownBy(() -> EdgeTrust.onlyTheClustersCa("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
