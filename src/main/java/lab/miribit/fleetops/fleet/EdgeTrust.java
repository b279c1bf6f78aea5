package lab.miribit.fleetops.fleet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for an edge API server whose cluster Secret names its CA: that CA alone, as Argo CD's client (client-go) does
 * with {@code caData} — not the JDK's public roots beside it, which fabric8 adds (and loads anew, about 145 certificates,
 * for every client: megabytes over a thousand clusters).
 */
final class EdgeTrust {

    private EdgeTrust() {
    }

    /**
     * @param caData base64 of one or more PEM certificates, as in the Secret's {@code tlsClientConfig.caData}
     * @throws IllegalArgumentException when it holds no certificate
     */
    static X509TrustManager onlyTheClustersCa(String caData) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Base64.getMimeDecoder().decode(caData.trim())));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("caData holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
