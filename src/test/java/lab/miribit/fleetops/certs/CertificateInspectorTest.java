package lab.miribit.fleetops.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.demo.CertificateAuthority;
import lab.miribit.fleetops.testing.HangingServer;
import lab.miribit.fleetops.testing.TlsServer;

/** Real TLS handshakes against servers whose certificates the test makes. */
class CertificateInspectorTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("fleet test CA");
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.create("someone else's CA");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final CertificateInspector inspector = new CertificateInspector();
    private final Instant now = Instant.now();

    private CertificateInspector.Handshake handshake(CertificateAuthority.Issued certificate, CertificateAuthority trusted)
            throws Exception {
        try (TlsServer server = new TlsServer(certificate, CA)) {
            return inspector.inspect("localhost", server.port(), trusted.root().certificateData(), TIMEOUT);
        }
    }

    @Test
    void aTrustedCertificateExpiringInFiveDaysIsReadWithItsDates() throws Exception {
        Instant notAfter = now.plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CertificateInspector.Handshake handshake = handshake(CA.issue("CN=api.cluster-02", now.minus(360, ChronoUnit.DAYS),
                notAfter, List.of("localhost")), CA);
        assertThat(handshake.trustProblem()).isNull();
        assertThat(handshake.chain().get(0).getNotAfter().toInstant()).isEqualTo(notAfter);
        assertThat(handshake.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=api.cluster-02");
    }

    @Test
    void anExpiredCertificateIsStillReadAndSaidToBeExpired() throws Exception {
        CertificateInspector.Handshake handshake = handshake(CA.issue("CN=old", now.minus(400, ChronoUnit.DAYS),
                now.minus(3, ChronoUnit.DAYS), List.of("localhost")), CA);
        assertThat(handshake.chain()).isNotEmpty();
        assertThat(handshake.trustProblem()).isEqualTo(CertificateInspector.TrustProblem.EXPIRED);
    }

    @Test
    void aCertificateForAnotherHostIsNotTrustedForThisOne() throws Exception {
        CertificateInspector.Handshake handshake = handshake(CA.issue("CN=gitlab", now.minus(1, ChronoUnit.DAYS),
                now.plus(90, ChronoUnit.DAYS), List.of("gitlab.k8s-cluster-01.miribit.lab")), CA);
        assertThat(handshake.trustProblem()).isEqualTo(CertificateInspector.TrustProblem.WRONG_HOST);
    }

    @Test
    void aCertificateFromAnUnknownCaIsReported() throws Exception {
        CertificateInspector.Handshake handshake = handshake(CA.issue("CN=api", now.minus(1, ChronoUnit.DAYS),
                now.plus(90, ChronoUnit.DAYS), List.of("localhost")), OTHER_CA);
        assertThat(handshake.trustProblem()).isEqualTo(CertificateInspector.TrustProblem.UNKNOWN_CA);
    }

    @Test
    void anEndpointThatNeverAnswersCostsItsTimeoutAndNoMore() throws Exception {
        try (HangingServer hanging = new HangingServer()) {
            assertThatThrownBy(() -> inspector.inspect("localhost", hanging.port(), CA.root().certificateData(),
                    Duration.ofMillis(300))).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void aClientCertificateIsParsedFromItsSecretForm() throws Exception {
        CertificateAuthority.Issued admin = CA.issue("O=system:masters,CN=kubernetes-admin", now, now.plus(10, ChronoUnit.DAYS),
                List.of());
        assertThat(CertificateInspector.parse(admin.certificateData()).getSubjectX500Principal().getName())
                .isEqualTo("CN=kubernetes-admin,O=system:masters");
    }
}
