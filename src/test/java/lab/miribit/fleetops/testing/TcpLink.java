package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP link on loopback in front of a server (a Kubernetes API server, S3), passing bytes through untouched
 * (TLS included) until told otherwise. Hanging, nothing crosses it in either direction, on open connections and
 * new ones alike, as when a server or the network to it freezes. Losing answers, requests still reach the server
 * but its answers are held, as when the connection breaks after the server acted. Told to flow again, it delivers
 * what it held and carries on. It can also be slow: every piece of an answer then waits a while before it is
 * passed on, as from a far or busy server.
 */
public final class TcpLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean hanging;
    private boolean holdingAnswers;
    private volatile long answerDelayNanos;
    private final AtomicInteger delayedAnswers = new AtomicInteger();

    public TcpLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("api-link-accept", this::accept).start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes: requests in flight and new ones wait without an answer. */
    public void hang() {
        synchronized (gate) {
            hanging = true;
        }
    }

    /** From now on requests still reach the server, but no answer comes back. */
    public void loseAnswers() {
        synchronized (gate) {
            holdingAnswers = true;
        }
    }

    /** Lets everything held pass and the link carry on as before. */
    public void flow() {
        synchronized (gate) {
            hanging = false;
            holdingAnswers = false;
            gate.notifyAll();
        }
    }

    /** Holds every piece of every answer back for {@code delay} before passing it on. */
    public void slowDown(Duration delay) {
        answerDelayNanos = delay.toNanos();
    }

    /** How many pieces of answers were held back by {@link #slowDown}. */
    public int delayedAnswers() {
        return delayedAnswers.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                daemon("api-link-connect", () -> connect(client)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitFlowing(false);
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(server);
            daemon("api-link-up", () -> pump(client, server, false)).start();
            daemon("api-link-down", () -> pump(server, client, true)).start();
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                if (answers && answerDelayNanos > 0) {
                    holdBack(answerDelayNanos);
                    delayedAnswers.incrementAndGet();
                }
                awaitFlowing(answers);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed: close the other so that its peer sees the end too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void holdBack(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        synchronized (gate) {
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                gate.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void awaitFlowing(boolean answers) throws InterruptedException {
        synchronized (gate) {
            while (hanging || answers && holdingAnswers) {
                gate.wait();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(TcpLink::closeQuietly);
        flow();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already closed by the other side
        }
    }
}
