package lab.miribit.fleetops.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for the demo and the tests: issues certificates with any validity and host
 * names (a kubeadm-like client certificate about to expire, an expired server certificate, a wrong host).
 */
public final class CertificateAuthority {

    /** A certificate with its key, in the forms kubeconfigs and cluster Secrets use. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public String certificatePem() {
            return pem(certificate);
        }

        public String keyPem() {
            return pem(keys.getPrivate());
        }

        /** Base64 of the PEM, as in a kubeconfig's {@code client-certificate-data} or a Secret's {@code certData}. */
        public String certificateData() {
            return Base64.getEncoder().encodeToString(certificatePem().getBytes(StandardCharsets.US_ASCII));
        }

        public String keyData() {
            return Base64.getEncoder().encodeToString(keyPem().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final Issued root;

    private CertificateAuthority(Issued root) {
        this.root = root;
    }

    public static CertificateAuthority create(String name) {
        KeyPair keys = newKeys();
        Instant now = Instant.now();
        return new CertificateAuthority(new Issued(sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys,
                now.minusSeconds(3600), now.plusSeconds(3650L * 86400), true, List.of()), keys));
    }

    public Issued root() {
        return root;
    }

    /** A TLS server context presenting {@code certificate} with this authority's root as its chain. */
    public javax.net.ssl.SSLContext serverContext(Issued certificate) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", certificate.keys().getPrivate(), new char[0],
                    new java.security.cert.Certificate[] { certificate.certificate(), root.certificate() });
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
                    .getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context for " + certificate.certificate().getSubjectX500Principal(), e);
        }
    }

    /**
     * @param hosts DNS names or IP addresses for the subject alternative names (server certificates); empty for a client
     */
    public Issued issue(String subject, Instant notBefore, Instant notAfter, List<String> hosts) {
        KeyPair keys = newKeys();
        X500Name issuer = new X500Name(root.certificate().getSubjectX500Principal().getName());
        return new Issued(sign(new X500Name(subject), keys, issuer, root.keys(), notBefore, notAfter, false, hosts), keys);
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Instant from,
            Instant to, boolean ca, List<String> hosts) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!hosts.isEmpty()) {
                GeneralName[] names = hosts.stream().map(host -> new GeneralName(host.matches("[0-9.]+") ? GeneralName.iPAddress
                        : GeneralName.dNSName, host)).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC keys are always available", e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
