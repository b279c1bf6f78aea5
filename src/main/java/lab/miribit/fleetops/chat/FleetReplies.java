package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.diagnostics.DiagnosticReport;
import lab.miribit.fleetops.diagnostics.Diagnostics;
import lab.miribit.fleetops.diagnostics.Finding;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.status.AppFilter;
import lab.miribit.fleetops.status.AppView;
import lab.miribit.fleetops.status.ClusterView;
import lab.miribit.fleetops.status.FleetStatus;

/** The read commands' answers: status, apps, history and op, short enough for a chat message. */
@ApplicationScoped
class FleetReplies {

    /** More lines than this make a chat message unreadable; the reply says how to narrow it down. */
    static final int MAX_LINES = 40;

    private final FleetStatus status;
    private final OperationService operations;
    private final Diagnostics diagnostics;
    private final Checks checks;

    FleetReplies(FleetStatus status, OperationService operations, Diagnostics diagnostics, Checks checks) {
        this.status = status;
        this.operations = operations;
        this.diagnostics = diagnostics;
        this.checks = checks;
    }

    /** The latest certificate check (run now when there is none yet), most urgent first. */
    ChatReply certificates(String cluster) {
        if (cluster != null) {
            status.cluster(cluster);
        }
        CheckResult result = checks.latest("certificates").orElseGet(() -> checks.run("certificates"));
        List<CheckResult.Item> items = result.items().stream()
                .filter(item -> cluster == null || item.target().equals("cluster/" + cluster))
                .sorted(java.util.Comparator.comparing((CheckResult.Item item) -> item.details().get("secondsLeft") instanceof Long s
                        ? s : Long.MIN_VALUE))
                .toList();
        List<String> lines = new ArrayList<>();
        for (CheckResult.Item item : items) {
            Object subject = item.details().get("subject");
            lines.add(mark(item.status()) + " " + item.target() + " — " + item.summary() + (subject == null ? "" : " (" + subject + ")"));
        }
        if (lines.isEmpty()) {
            lines.add("no certificate found");
        }
        return ChatReply.info("Certificates" + (cluster == null ? "" : " of " + cluster) + ": " + result.status().label()
                + " (checked " + result.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")", lines);
    }

    /** The S3 check, run now: it is quick and people ask when something looks wrong. */
    ChatReply s3() {
        CheckResult result = checks.run("s3");
        List<String> lines = result.items().stream().map(item -> mark(item.status()) + " " + item.target() + " — " + item.summary())
                .toList();
        return ChatReply.info("S3: " + result.status().label(), lines);
    }

    private static String mark(CheckResult.Status status) {
        return switch (status) {
            case OK -> "✔";
            case WARNING -> "⚠";
            case CRITICAL -> "✖";
            case ERROR -> "?";
        };
    }

    ChatReply diagnose(String target) {
        boolean cluster = target != null && status.hasCluster(target);
        DiagnosticReport report = diagnostics.run(cluster ? target : null, cluster ? null : target);
        List<String> lines = new ArrayList<>();
        for (Finding finding : report.findings()) {
            lines.add(mark(finding.severity()) + " " + finding.severity().label() + " · " + finding.rule() + " · " + finding.target()
                    + ": " + finding.summary());
            finding.evidence().stream().limit(6).forEach(fact -> lines.add("    · " + fact));
            lines.add("    → " + finding.remedy());
        }
        if (lines.isEmpty()) {
            lines.add(report.complete() ? "nothing wrong found" : "nothing wrong found in what could be read");
        }
        // What could not be read comes first: the findings below stand only for the rest.
        lines.addAll(0, report.gaps().stream().map(gap -> "⚠ not seen · " + gap.source() + ": " + gap.reason()).toList());
        if (lines.size() > MAX_LINES * 2) {
            int more = lines.size() - MAX_LINES * 2;
            lines.subList(MAX_LINES * 2, lines.size()).clear();
            lines.add("… " + more + " more lines; diagnose a cluster or an application, or GET /api/v1/diagnostics");
        }
        long critical = report.findings().stream().filter(f -> f.severity() == Finding.Severity.CRITICAL).count();
        return ChatReply.info("Diagnosis of " + report.scope() + (report.complete() ? "" : " (partial)") + ": "
                + report.findings().size() + " finding"
                + (report.findings().size() == 1 ? "" : "s") + (critical > 0 ? ", " + critical + " critical" : ""), lines);
    }

    private static String mark(Finding.Severity severity) {
        return switch (severity) {
            case CRITICAL -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        };
    }

    ChatReply status(String target) {
        if (target == null) {
            List<String> lines = new ArrayList<>();
            for (ClusterView cluster : status.clusters()) {
                lines.add(clusterLine(cluster));
            }
            return ChatReply.info("Fleet status", lines);
        }
        if (status.hasCluster(target)) {
            ClusterView.Detail cluster = status.cluster(target);
            List<String> lines = new ArrayList<>();
            lines.add(clusterLine(new ClusterView(cluster.name(), cluster.server(), cluster.role(), cluster.connection(),
                    cluster.apps())));
            cluster.applications().stream().filter(app -> !healthy(app)).limit(MAX_LINES).map(FleetReplies::appLine)
                    .forEach(lines::add);
            if (lines.size() == 1) {
                lines.add("every application is Synced and Healthy");
            }
            return ChatReply.info("Cluster " + cluster.name(), lines);
        }
        AppView.Detail app = status.app(target);
        List<String> lines = new ArrayList<>();
        lines.add("cluster " + app.cluster() + ", namespace " + app.namespace() + ", wave " + app.syncWave());
        lines.add("sync " + app.sync().status() + " at " + shortSha(app.sync().revision()) + ", health " + app.health().status()
                + (app.health().message() == null ? "" : " — " + app.health().message()));
        lines.add("source " + app.path() + " @ " + app.targetRevision() + (app.autoSync().enabled() ? ", auto-sync on" : ", manual sync"));
        if (app.operation() != null) {
            lines.add("last operation " + app.operation().phase()
                    + (app.operation().message() == null ? "" : ": " + app.operation().message()));
        }
        app.conditions().forEach(c -> lines.add("condition " + c.type() + ": " + c.message()));
        return ChatReply.info("Application " + app.name(), lines);
    }

    ChatReply apps(String cluster, boolean outOfSync, boolean unhealthy) {
        List<AppView> apps = status.apps(new AppFilter(cluster, null, outOfSync ? "OutOfSync" : null, null)).stream()
                .filter(app -> !unhealthy || !"Healthy".equals(app.health().status())).toList();
        List<String> lines = new ArrayList<>();
        apps.stream().limit(MAX_LINES).map(FleetReplies::appLine).forEach(lines::add);
        if (apps.size() > MAX_LINES) {
            lines.add("… and " + (apps.size() - MAX_LINES) + " more; narrow it down with a cluster or --out-of-sync/--unhealthy");
        }
        if (apps.isEmpty()) {
            lines.add("no application matches");
        }
        return ChatReply.info(apps.size() + " application" + (apps.size() == 1 ? "" : "s")
                + (cluster == null ? "" : " on " + cluster), lines);
    }

    ChatReply history(String app) {
        List<AppView.HistoryEntry> history = status.history(app);
        List<String> lines = new ArrayList<>();
        for (AppView.HistoryEntry entry : history) {
            lines.add("#" + entry.id() + " " + shortSha(entry.revision()) + " deployed " + entry.deployedAt()
                    + (entry.initiatedBy() == null ? "" : " by " + entry.initiatedBy()));
        }
        if (lines.isEmpty()) {
            lines.add("no deployment yet");
        }
        return ChatReply.info("History of " + app, lines);
    }

    ChatReply operation(String id) {
        if (id == null) {
            List<String> lines = operations.newest(10).stream()
                    .map(op -> op.id() + " " + op.kind() + " " + op.target() + " — " + op.state().label() + " (" + op.requestedByName()
                            + " via " + op.via().label() + ")")
                    .toList();
            return ChatReply.info("Latest operations", lines.isEmpty() ? List.of("none yet") : lines);
        }
        Operation.Snapshot op = operations.find(id)
                .orElseThrow(() -> new FleetProblem.NotFound("operation '" + id + "' not found"));
        return OperationReplies.progress(op);
    }

    private static String clusterLine(ClusterView cluster) {
        return cluster.name() + " (" + cluster.role() + ") " + cluster.connection().state() + " — " + cluster.apps().total()
                + " apps: " + counts(cluster.apps().sync()) + "; " + counts(cluster.apps().health());
    }

    private static String counts(Map<String, Integer> byStatus) {
        List<String> parts = new ArrayList<>();
        byStatus.forEach((state, count) -> parts.add(count + " " + state));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String appLine(AppView app) {
        return app.name() + " — " + app.sync().status() + ", " + app.health().status() + " (wave " + app.syncWave() + ")";
    }

    private static boolean healthy(AppView app) {
        return "Synced".equals(app.sync().status()) && "Healthy".equals(app.health().status());
    }

    private static String shortSha(String revision) {
        return revision == null ? "?" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
