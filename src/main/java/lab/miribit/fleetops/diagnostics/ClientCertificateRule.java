package lab.miribit.fleetops.diagnostics;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.certs.CertificateConfig;
import lab.miribit.fleetops.certs.CertificateInspector;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.ClusterClients;
import lab.miribit.fleetops.fleet.ClusterTls;

/**
 * Runbook: "kubeconfig / client certificate expired" — kubeadm's client certificates last one year, and the
 * guide copies one into each cluster Secret; when it lapses Argo CD loses the cluster.
 */
@ApplicationScoped
class ClientCertificateRule implements DiagnosticRule {

    private final ClusterClients clients;
    private final CertificateConfig thresholds;

    ClientCertificateRule(ClusterClients clients, CertificateConfig thresholds) {
        this.clients = clients;
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return "client-certificate-expiry";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (Cluster cluster : scope.clusters()) {
            ClusterTls tls = clients.tlsOf(cluster);
            if (tls.clientCertData() == null || tls.clientCertData().isBlank()) {
                continue;
            }
            X509Certificate certificate = CertificateInspector.parse(tls.clientCertData());
            Instant notAfter = certificate.getNotAfter().toInstant();
            long days = Duration.between(Instant.now(), notAfter).toDays();
            if (days > thresholds.warningDays()) {
                continue;
            }
            boolean expired = notAfter.isBefore(Instant.now());
            findings.add(new Finding(name(), expired || days <= thresholds.criticalDays() ? Finding.Severity.CRITICAL
                    : Finding.Severity.WARNING, "cluster/" + cluster.name(),
                    expired ? Note.of("diag.client-certificate-expired", cluster.name())
                            : Note.of("diag.client-certificate-expires", cluster.name(), days),
                    List.of("Secret " + cluster.secretName() + ": " + certificate.getSubjectX500Principal().getName()
                            + ", issued by " + certificate.getIssuerX500Principal().getName() + ", notAfter " + notAfter),
                    Note.of("diag.client-certificate.remedy")));
        }
        return findings;
    }
}
