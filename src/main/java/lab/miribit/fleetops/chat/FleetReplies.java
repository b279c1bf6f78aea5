package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.checks.Checks;
import lab.miribit.fleetops.diagnostics.DiagnosticReport;
import lab.miribit.fleetops.diagnostics.Diagnostics;
import lab.miribit.fleetops.diagnostics.Finding;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.status.AppFilter;
import lab.miribit.fleetops.status.AppView;
import lab.miribit.fleetops.status.ClusterView;
import lab.miribit.fleetops.status.FleetStatus;

/** The read commands' answers: status, apps, history and op, short enough for a chat message, in the asker's language. */
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

    /**
     * The latest certificate check, most urgent first. A chat read never runs a check: running one probes the fleet and
     * is an operator's action at the door ({@code POST /api/v1/checks/certificates/run}).
     */
    ChatReply certificates(String cluster, ChatText t) {
        if (cluster != null) {
            status.cluster(cluster);
        }
        Optional<CheckResult> latest = checks.latest("certificates");
        if (latest.isEmpty()) {
            return pending("certificates", t);
        }
        CheckResult result = latest.get();
        List<CheckResult.Item> items = result.items().stream()
                .filter(item -> cluster == null || item.target().equals("cluster/" + cluster))
                .sorted(java.util.Comparator.comparing((CheckResult.Item item) -> item.details().get("secondsLeft") instanceof Long s
                        ? s : Long.MIN_VALUE))
                .toList();
        List<String> lines = new ArrayList<>();
        for (CheckResult.Item item : items) {
            Object subject = item.details().get("subject");
            lines.add(mark(item.status()) + " " + item.target() + " — " + NoteWording.of(item.note(), item.summary(), null, t)
                    + (subject == null ? "" : " (" + subject + ")"));
        }
        if (lines.isEmpty()) {
            lines.add(t.get("certs.none"));
        }
        Object checkedAt = result.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return ChatReply.info(cluster == null ? t.get("certs.title", checkStatus(result.status(), t), checkedAt)
                : t.get("certs.title.cluster", cluster, checkStatus(result.status(), t), checkedAt), lines);
    }

    /** The latest S3 check. */
    ChatReply s3(ChatText t) {
        Optional<CheckResult> latest = checks.latest("s3");
        if (latest.isEmpty()) {
            return pending("s3", t);
        }
        CheckResult result = latest.get();
        List<String> lines = result.items().stream().map(item -> mark(item.status()) + " " + item.target() + " — "
                + NoteWording.of(item.note(), item.summary(), null, t)).toList();
        return ChatReply.info(t.get("s3.title", checkStatus(result.status(), t),
                result.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), lines);
    }

    /** A check that has not run since the start: when it will, and who can run it sooner. */
    private ChatReply pending(String check, ChatText t) {
        return ChatReply.info(t.get("check.pending", check), List.of(
                t.get("check.next-run", checks.nextRun(check).map(at -> at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        .map(Object::toString).orElse("?")),
                t.get("check.run-now", check)));
    }

    private static String checkStatus(CheckResult.Status status, ChatText t) {
        return t.get("check." + status.label());
    }

    private static String mark(CheckResult.Status status) {
        return switch (status) {
            case OK -> "✔";
            case WARNING -> "⚠";
            case CRITICAL -> "✖";
            case ERROR -> "?";
        };
    }

    ChatReply diagnose(String target, ChatText t) {
        boolean cluster = target != null && status.hasCluster(target);
        DiagnosticReport report = diagnostics.run(cluster ? target : null, cluster ? null : target);
        List<String> lines = new ArrayList<>();
        for (Finding finding : report.findings()) {
            lines.add(mark(finding.severity()) + " " + t.get("finding." + finding.severity().label()) + " · " + finding.rule() + " · " + finding.target()
                    + ": " + NoteWording.of(finding.said(), finding.summary(), null, t));
            finding.evidence().stream().limit(6).forEach(fact -> lines.add("    · " + fact));
            lines.add("    → " + NoteWording.of(finding.advice(), finding.remedy(), null, t));
        }
        if (lines.isEmpty()) {
            lines.add(t.get(report.complete() ? "diagnose.nothing" : "diagnose.nothing.partial"));
        }
        // What could not be read comes first: the findings below stand only for the rest.
        lines.addAll(0, report.gaps().stream().map(gap -> t.get("diagnose.not-seen", gap.source(), gap.reason())).toList());
        if (lines.size() > MAX_LINES * 2) {
            int more = lines.size() - MAX_LINES * 2;
            lines.subList(MAX_LINES * 2, lines.size()).clear();
            lines.add(t.get("diagnose.more", more));
        }
        long critical = report.findings().stream().filter(f -> f.severity() == Finding.Severity.CRITICAL).count();
        String findings = t.count("diagnose.findings", report.findings().size());
        if (critical > 0) {
            findings = t.get("diagnose.critical", findings, critical);
        }
        return ChatReply.info(t.get(report.complete() ? "diagnose.title" : "diagnose.title.partial", report.scope(), findings),
                lines);
    }

    private static String mark(Finding.Severity severity) {
        return switch (severity) {
            case CRITICAL -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        };
    }

    ChatReply status(String target, ChatText t) {
        if (target == null) {
            List<String> lines = new ArrayList<>();
            for (ClusterView cluster : status.clusters()) {
                lines.add(clusterLine(cluster, t));
            }
            return ChatReply.info(t.get("status.fleet"), lines);
        }
        if (status.hasCluster(target)) {
            ClusterView.Detail cluster = status.cluster(target);
            List<String> lines = new ArrayList<>();
            lines.add(clusterLine(new ClusterView(cluster.name(), cluster.server(), cluster.role(), cluster.connection(),
                    cluster.apps()), t));
            cluster.applications().stream().filter(app -> !healthy(app)).limit(MAX_LINES).map(app -> appLine(app, t))
                    .forEach(lines::add);
            if (lines.size() == 1) {
                lines.add(t.get("status.all-good"));
            }
            return ChatReply.info(t.get("status.cluster", cluster.name()), lines);
        }
        AppView.Detail app = status.app(target);
        List<String> lines = new ArrayList<>();
        lines.add(t.get("status.app.where", app.cluster(), app.namespace(), app.syncWave()));
        lines.add(app.health().message() == null
                ? t.get("status.app.sync", app.sync().status(), shortSha(app.sync().revision()), app.health().status())
                : t.get("status.app.sync.message", app.sync().status(), shortSha(app.sync().revision()), app.health().status(),
                        app.health().message()));
        lines.add(t.get(app.autoSync().enabled() ? "status.app.source.auto" : "status.app.source.manual", app.path(),
                app.targetRevision()));
        if (app.operation() != null) {
            lines.add(app.operation().message() == null ? t.get("status.app.operation", app.operation().phase())
                    : t.get("status.app.operation.message", app.operation().phase(), app.operation().message()));
        }
        app.conditions().forEach(c -> lines.add(t.get("status.app.condition", c.type(), c.message())));
        return ChatReply.info(t.get("status.app", app.name()), lines);
    }

    ChatReply apps(String cluster, boolean outOfSync, boolean unhealthy, ChatText t) {
        List<AppView> apps = status.apps(new AppFilter(cluster, null, outOfSync ? "OutOfSync" : null, null)).stream()
                .filter(app -> !unhealthy || !"Healthy".equals(app.health().status())).toList();
        List<String> lines = new ArrayList<>();
        apps.stream().limit(MAX_LINES).map(app -> appLine(app, t)).forEach(lines::add);
        if (apps.size() > MAX_LINES) {
            lines.add(t.get("apps.more", apps.size() - MAX_LINES));
        }
        if (apps.isEmpty()) {
            lines.add(t.get("apps.none"));
        }
        return ChatReply.info(cluster == null ? t.count("apps.title", apps.size()) : t.count("apps.title.cluster", apps.size(), cluster),
                lines);
    }

    ChatReply history(String app, ChatText t) {
        List<AppView.HistoryEntry> history = status.history(app);
        List<String> lines = new ArrayList<>();
        for (AppView.HistoryEntry entry : history) {
            lines.add(entry.initiatedBy() == null ? t.get("history.line", entry.id(), shortSha(entry.revision()), entry.deployedAt())
                    : t.get("history.line.by", entry.id(), shortSha(entry.revision()), entry.deployedAt(), entry.initiatedBy()));
        }
        if (lines.isEmpty()) {
            lines.add(t.get("history.none"));
        }
        return ChatReply.info(t.get("history.title", app), lines);
    }

    ChatReply operation(String id, String slashCommand, ChatText t) {
        if (id == null) {
            List<String> lines = operations.newest(10).stream()
                    .map(op -> t.get("operation.line", op.id(), op.kind(), op.target(), OperationReplies.state(op.state(), t),
                            op.requestedByName(), op.via().label()))
                    .toList();
            return ChatReply.info(t.get("operation.latest"), lines.isEmpty() ? List.of(t.get("operation.none")) : lines);
        }
        Operation.Snapshot op = operations.find(id)
                .orElseThrow(() -> new ChatRefusal(t.get("operation.not-found", id)));
        return OperationReplies.progress(op, slashCommand, t);
    }

    private static String clusterLine(ClusterView cluster, ChatText t) {
        return t.get("status.cluster-line", cluster.name(), cluster.role(), cluster.connection().state(), cluster.apps().total(),
                counts(cluster.apps().sync(), t), counts(cluster.apps().health(), t));
    }

    private static String counts(Map<String, Integer> byStatus, ChatText t) {
        List<String> parts = new ArrayList<>();
        byStatus.forEach((state, count) -> parts.add(t.get("status.count", count, state)));
        return parts.isEmpty() ? t.get("status.count.none") : String.join(", ", parts);
    }

    private static String appLine(AppView app, ChatText t) {
        return t.get("apps.line", app.name(), app.sync().status(), app.health().status(), app.syncWave());
    }

    private static boolean healthy(AppView app) {
        return "Synced".equals(app.sync().status()) && "Healthy".equals(app.health().status());
    }

    private static String shortSha(String revision) {
        return revision == null ? "?" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
