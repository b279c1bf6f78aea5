package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.demo.CertificateAuthority;

/** fleet-ops must tell fabric8 a client key's algorithm, which Argo CD's cluster Secret does not say. */
class ClientKeyAlgorithmTest {

    @Test
    void pkcs8KeysAreRecognisedByTheirContent() throws Exception {
        CertificateAuthority.Issued ecdsa = CertificateAuthority.create("ca").issue("CN=a", Instant.now(), Instant.now().plusSeconds(60),
                List.of());
        assertThat(ClusterClients.keyAlgorithm(ecdsa.keyData())).isEqualTo("EC");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(ClusterClients.keyAlgorithm(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("RSA");
    }

    @Test
    void traditionalHeadersAndNoKeyAtAll() {
        String ec = Base64.getEncoder().encodeToString("-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(ClusterClients.keyAlgorithm(ec)).isEqualTo("EC");
        assertThat(ClusterClients.keyAlgorithm(null)).isEqualTo("RSA");
        assertThat(ClusterClients.keyAlgorithm("not base64 !")).isEqualTo("RSA");
    }
}
