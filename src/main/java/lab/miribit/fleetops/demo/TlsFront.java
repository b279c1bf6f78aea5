package lab.miribit.fleetops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLServerSocket;

/**
 * TLS in front of an embedded API server, with a certificate real clients accept: issued by the server's own CA
 * for {@code localhost} and {@code 127.0.0.1} as subject alternative names. (fabric8's mock server presents a
 * self-signed certificate that names its host only in the legacy Common Name, which Go clients — kubectl, Argo CD —
 * refuse.) Bytes are passed through unchanged, watches and streams included.
 */
final class TlsFront implements AutoCloseable {

    private final SSLServerSocket socket;
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "embedded-api-tls");
        thread.setDaemon(true);
        return thread;
    });

    TlsFront(CertificateAuthority ca, CertificateAuthority.Issued certificate, int backendPort) {
        try {
            socket = (SSLServerSocket) ca.serverContext(certificate).getServerSocketFactory()
                    .createServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start TLS for the embedded API server", e);
        }
        pumps.execute(() -> accept(backendPort));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept(int backendPort) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                pumps.execute(() -> connect(client, backendPort));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client, int backendPort) {
        try {
            Socket backend = new Socket();
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort));
            pumps.execute(() -> pump(client, backend));
            pump(backend, client);
        } catch (IOException e) {
            close(client);
        }
    }

    /** Copies one direction until it ends, then closes both sides so the other direction ends too. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // a side closed: the connection is over
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pumps.shutdownNow();
        }
    }
}
