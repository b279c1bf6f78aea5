package lab.miribit.fleetops.fleet;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts an API server's certificate as Argo CD does when a cluster Secret sets {@code tlsClientConfig.serverName}
 * (types.go RawRestConfig, {@code rest.TLSClientConfig.ServerName}): the chain must be trusted as usual, and the
 * certificate must name {@code serverName} instead of the host in the server URL (Go's VerifyHostname: subject
 * alternative names only, a wildcard for the left-most label, IP addresses against IP entries).
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager chain;
    private final String serverName;

    ServerNameTrustManager(X509TrustManager chain, String serverName) {
        this.chain = chain;
        this.serverName = serverName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        chain.checkServerTrusted(certificates, authType);
        if (certificates.length == 0 || !names(certificates[0], serverName)) {
            throw new CertificateException("the API server's certificate is not valid for " + serverName);
        }
    }

    // Extended, so that the JDK does not wrap this manager and check the URL's host after it (the engine's endpoint
    // identification); the chain is checked without it and the name here, against serverName.
    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
        chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
        chain.checkClientTrusted(certificates, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }

    static boolean names(X509Certificate certificate, String name) throws CertificateParsingException {
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives == null) {
            return false;
        }
        boolean ip = name.matches("[0-9.]+") || name.contains(":");
        for (List<?> alternative : alternatives) {
            int type = (Integer) alternative.get(0);
            String value = String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT);
            if (ip && type == 7 && sameAddress(value, name)) {
                return true;
            }
            if (!ip && type == 2 && dnsMatches(value, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are IP literals (no name lookup happens for a literal).
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
