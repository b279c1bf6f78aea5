package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.net.InetAddress;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import lab.miribit.fleetops.demo.CertificateAuthority;

/**
 * A TLS server on loopback presenting a certificate made by the test; it completes handshakes and says nothing, or,
 * given an answer, answers every HTTP request with it (200, JSON), as an API server answers {@code /version}.
 */
public final class TlsServer implements AutoCloseable {

    private final SSLServerSocket socket;

    public TlsServer(CertificateAuthority.Issued certificate, CertificateAuthority issuer) throws IOException {
        this(certificate, issuer, null);
    }

    public TlsServer(CertificateAuthority.Issued certificate, CertificateAuthority issuer, String jsonAnswer) throws IOException {
        socket = (SSLServerSocket) issuer.serverContext(certificate).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(2000);
                    client.startHandshake();
                    if (jsonAnswer == null) {
                        client.getInputStream().read();
                    } else {
                        answer(client, jsonAnswer);
                    }
                } catch (IOException ignored) {
                    // a client that leaves after the handshake is what this server expects
                }
            }
        }, "test-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void answer(SSLSocket client, String json) throws IOException {
        java.io.InputStream in = client.getInputStream();
        int last = 0;
        int matched = 0;
        while (matched < 4 && (last = in.read()) >= 0) {
            matched = (matched % 2 == 0 && last == '\r') || (matched % 2 == 1 && last == '\n') ? matched + 1 : last == '\r' ? 1 : 0;
        }
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        client.getOutputStream().write(body);
        client.getOutputStream().flush();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
