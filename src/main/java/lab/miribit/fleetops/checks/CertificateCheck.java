package lab.miribit.fleetops.checks;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.ClusterClients;
import lab.miribit.fleetops.fleet.ClusterTls;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.certs.CertificateConfig;
import lab.miribit.fleetops.certs.CertificateInspector;

/**
 * What {@code kubeadm certs check-expiration} would say, for the whole fleet and without a shell on a control
 * plane: every cluster's API server certificate from a real handshake (trusting the CA of its Secret), every
 * client certificate Argo CD holds, and extra endpoints from config. All side by side, each within its timeout.
 */
@ApplicationScoped
class CertificateCheck implements Check {

    static final String NAME = "certificates";

    private final Fleet fleet;
    private final ClusterClients clients;
    private final CertificateInspector inspector;
    private final CertificateConfig config;
    private final MultiGauge expiresIn;
    private final MultiGauge notAfter;
    private final MultiGauge errors;
    /**
     * Handshakes at once: enough that a fleet's worth of live API servers is read in one go, few enough that a thousand
     * clusters do not mean a thousand threads (each dead one holds a thread for its timeout).
     */
    static final int HANDSHAKES_AT_ONCE = 64;
    private final ExecutorService handshakes = idleThreadsEnd(new java.util.concurrent.ThreadPoolExecutor(HANDSHAKES_AT_ONCE,
            HANDSHAKES_AT_ONCE, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "certificate-check");
                thread.setDaemon(true);
                return thread;
            }));

    /** The check runs every few hours: its 64 threads end 30 s after a run instead of waiting for the next one. */
    private static ExecutorService idleThreadsEnd(java.util.concurrent.ThreadPoolExecutor pool) {
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    CertificateCheck(Fleet fleet, ClusterClients clients, CertificateInspector inspector, CertificateConfig config,
            MeterRegistry registry) {
        this.fleet = fleet;
        this.clients = clients;
        this.inspector = inspector;
        this.config = config;
        this.expiresIn = MultiGauge.builder("fleet.certificate.expires.in.seconds")
                .description("Seconds until the certificate expires (negative once expired)").register(registry);
        this.notAfter = MultiGauge.builder("fleet.certificate.not.after.seconds")
                .description("The certificate's notAfter, as a Unix timestamp").register(registry);
        this.errors = MultiGauge.builder("fleet.certificate.error")
                .description("1 when the certificate could not be read or is not trusted").register(registry);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return config.interval();
    }

    @Override
    public CheckResult run() {
        List<CompletableFuture<CheckResult.Item>> running = new ArrayList<>();
        List<Cluster> clusters = fleet.clusters();
        // The safety net over each handshake (its sockets have their own timeouts) counts from submission: with more
        // handshakes than threads, a probe waits its turn behind as many rounds of timeouts as there are waves.
        int waves = 1 + (clusters.size() + config.endpoints().map(List::size).orElse(0)) / HANDSHAKES_AT_ONCE;
        Duration budget = config.timeout().multipliedBy(2L * waves);
        for (Cluster cluster : clusters) {
            ClusterTls tls = clients.tlsOf(cluster);
            running.add(bounded(() -> serverItem("cluster/" + cluster.name(), "api-server", tls.server(), tls.caData()),
                    "cluster/" + cluster.name(), "api-server", budget));
            if (tls.clientCertData() != null && !tls.clientCertData().isBlank()) {
                running.add(CompletableFuture.completedFuture(clientItem(cluster, tls.clientCertData())));
            }
        }
        for (String endpoint : config.endpoints().orElse(List.of())) {
            running.add(bounded(() -> serverItem("endpoint/" + endpoint, "endpoint", "https://" + endpoint, null),
                    "endpoint/" + endpoint, "endpoint", budget));
        }
        List<CheckResult.Item> items = new ArrayList<>();
        running.forEach(item -> items.add(item.join()));
        publish(items);
        return CheckResult.of(NAME, items);
    }

    private interface Probe {
        CheckResult.Item run() throws Exception;
    }

    private CompletableFuture<CheckResult.Item> bounded(Probe probe, String target, String source, Duration budget) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return probe.run();
            } catch (Exception e) {
                return error(target, source, describe(e));
            }
        }, handshakes).orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(late -> error(target, source, Note.of("no-handshake", config.timeout().toSeconds())));
    }

    private CheckResult.Item serverItem(String target, String source, String url, String caData) throws Exception {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : 443;
        CertificateInspector.Handshake handshake = inspector.inspect(uri.getHost(), port, caData, config.timeout());
        if (handshake.chain().isEmpty()) {
            return error(target, source, Note.of("no-certificate"));
        }
        CheckResult.Item item = expiry(target, source, handshake.chain().get(0));
        if (handshake.trustProblem() != null && item.status() == CheckResult.Status.OK) {
            return new CheckResult.Item(target, CheckResult.Status.ERROR, trust(handshake.trustProblem()),
                    withTrust(item, handshake));
        }
        return new CheckResult.Item(target, item.status(), handshake.trustProblem() == null ? item.note()
                : Note.of("then", item.note(), trust(handshake.trustProblem())), withTrust(item, handshake));
    }

    private static Map<String, Object> withTrust(CheckResult.Item item, CertificateInspector.Handshake handshake) {
        Map<String, Object> details = new LinkedHashMap<>(item.details());
        details.put("trusted", handshake.trustProblem() == null);
        details.put("chainLength", handshake.chain().size());
        return details;
    }

    private CheckResult.Item clientItem(Cluster cluster, String certData) {
        String target = "cluster/" + cluster.name();
        try {
            return expiry(target, "client-certificate", CertificateInspector.parse(certData));
        } catch (Exception e) {
            return error(target, "client-certificate", Note.of("client-certificate-unreadable", cluster.secretName()));
        }
    }

    private CheckResult.Item expiry(String target, String source, X509Certificate certificate) {
        Instant expires = certificate.getNotAfter().toInstant();
        Duration left = Duration.between(Instant.now(), expires);
        long days = left.toDays();
        CheckResult.Status status;
        Note summary;
        Note what = switch (source) {
            case "api-server" -> Note.of("api-server-certificate");
            case "client-certificate" -> Note.of("client-certificate");
            default -> Note.of("certificate");
        };
        if (left.isNegative()) {
            status = CheckResult.Status.CRITICAL;
            summary = Note.of("certificate-expired", what, -days);
        } else {
            status = days <= config.criticalDays() ? CheckResult.Status.CRITICAL
                    : days <= config.warningDays() ? CheckResult.Status.WARNING : CheckResult.Status.OK;
            summary = Note.of("certificate-expires", what, days);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source);
        details.put("subject", certificate.getSubjectX500Principal().getName());
        details.put("issuer", certificate.getIssuerX500Principal().getName());
        details.put("notAfter", expires.toString());
        details.put("secondsLeft", left.toSeconds());
        return new CheckResult.Item(target, status, summary, details);
    }

    private static CheckResult.Item error(String target, String source, Note why) {
        return new CheckResult.Item(target, CheckResult.Status.ERROR, why, Map.of("source", source));
    }

    private static Note describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return Note.of("connection-refused");
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return Note.of("handshake-timeout");
        }
        if (e instanceof java.net.UnknownHostException) {
            return Note.of("host-unresolved");
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return Note.of("handshake-failed");
        }
        return Note.of("certificate-unreadable", e.getClass().getSimpleName());
    }

    private static Note trust(CertificateInspector.TrustProblem problem) {
        return Note.of("trust." + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private void publish(List<CheckResult.Item> items) {
        List<MultiGauge.Row<?>> left = new ArrayList<>();
        List<MultiGauge.Row<?>> after = new ArrayList<>();
        List<MultiGauge.Row<?>> failed = new ArrayList<>();
        for (CheckResult.Item item : items) {
            String source = String.valueOf(item.details().get("source"));
            Object subject = item.details().get("subject");
            Tags tags = Tags.of("target", item.target(), "source", source, "subject", subject == null ? "" : subject.toString());
            if (item.details().get("secondsLeft") instanceof Long seconds) {
                left.add(MultiGauge.Row.of(tags, seconds));
                after.add(MultiGauge.Row.of(tags, Instant.parse((String) item.details().get("notAfter")).getEpochSecond()));
            }
            failed.add(MultiGauge.Row.of(Tags.of("target", item.target(), "source", source),
                    item.status() == CheckResult.Status.ERROR ? 1 : 0));
        }
        expiresIn.register(left, true);
        notAfter.register(after, true);
        errors.register(failed, true);
    }

    @PreDestroy
    void stop() {
        handshakes.shutdownNow();
    }
}
