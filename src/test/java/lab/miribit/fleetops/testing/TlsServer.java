package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import lab.miribit.fleetops.demo.CertificateAuthority;

/** A TLS server on loopback presenting a certificate made by the test; it completes handshakes and says nothing. */
public final class TlsServer implements AutoCloseable {

    private final SSLServerSocket socket;

    public TlsServer(CertificateAuthority.Issued certificate, CertificateAuthority issuer) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", certificate.keys().getPrivate(), new char[0],
                    new Certificate[] { certificate.certificate(), issuer.root().certificate() });
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start the TLS server", e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(2000);
                    client.startHandshake();
                    client.getInputStream().read();
                } catch (IOException ignored) {
                    // a client that leaves after the handshake is what this server expects
                }
            }
        }, "test-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
