package lab.miribit.fleetops.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads certificates the way a client meets them: a real TLS handshake to the endpoint, verified against the
 * CA it should be trusted by (and the host name), but completed even when that fails, so that the expiry of a
 * certificate nobody trusts any more can still be reported. Nothing but the handshake is sent.
 */
@ApplicationScoped
public class CertificateInspector {

    /** Why a chain is not trusted for the host it was presented by. */
    public enum TrustProblem {
        WRONG_HOST("the certificate is not issued for this host name"),
        EXPIRED("the certificate has expired"),
        UNKNOWN_CA("the certificate is not signed by the expected CA"),
        UNTRUSTED("the certificate is not trusted");

        private final String english;

        TrustProblem(String english) {
            this.english = english;
        }

        public String english() {
            return english;
        }
    }

    /** @param trustProblem why the chain is not trusted for that host, or null when it is */
    public record Handshake(List<X509Certificate> chain, TrustProblem trustProblem) {
    }

    /**
     * @param caData base64 PEM of the CA(s) to trust, as in a kubeconfig or cluster Secret; null for the JDK's CAs
     */
    public Handshake inspect(String host, int port, String caData, Duration timeout) throws IOException {
        Recorder recorder = new Recorder(trustManager(caData));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { recorder }, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!host.matches("[0-9.:]+")) {
                        parameters.setServerNames(List.of(new SNIHostName(host)));
                    }
                    tls.setSSLParameters(parameters);
                    tls.startHandshake();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is always available", e);
        }
        return new Handshake(recorder.chain, recorder.problem);
    }

    /** A certificate from base64 PEM (a Secret's {@code certData}). */
    public static X509Certificate parse(String base64Pem) throws CertificateException {
        byte[] pem = Base64.getDecoder().decode(base64Pem.trim());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static X509ExtendedTrustManager trustManager(String caData) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caData == null || caData.isBlank()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int n = 0;
                byte[] pem = Base64.getDecoder().decode(caData.trim());
                for (var certificate : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(pem))) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
                factory.init(store);
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X509 trust manager");
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the CA data is not a PEM certificate", e);
        }
    }

    /** Keeps the chain and the verdict of the real trust manager, and never fails the handshake itself. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager verifier;
        private List<X509Certificate> chain = List.of();
        private TrustProblem problem;

        Recorder(X509ExtendedTrustManager verifier) {
            this.verifier = verifier;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) {
            chain = new ArrayList<>(List.of(certificates));
            try {
                verifier.checkServerTrusted(certificates, authType, socket);
            } catch (CertificateException e) {
                problem = describe(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
            chain = new ArrayList<>(List.of(certificates));
            try {
                verifier.checkServerTrusted(certificates, authType, engine);
            } catch (CertificateException e) {
                problem = describe(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) {
            chain = new ArrayList<>(List.of(certificates));
            try {
                verifier.checkServerTrusted(certificates, authType);
            } catch (CertificateException e) {
                problem = describe(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return verifier.getAcceptedIssuers();
        }

        private static TrustProblem describe(CertificateException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return TrustProblem.WRONG_HOST;
            }
            if (message.contains("expired") || message.contains("notafter") || message.contains("validity check failed")) {
                return TrustProblem.EXPIRED;
            }
            if (message.contains("path") || message.contains("unable to find valid certification")) {
                return TrustProblem.UNKNOWN_CA;
            }
            return TrustProblem.UNTRUSTED;
        }
    }

}
