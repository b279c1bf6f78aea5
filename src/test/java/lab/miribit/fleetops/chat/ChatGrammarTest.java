package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.Query;
import lab.miribit.fleetops.operations.Request;
import lab.miribit.fleetops.operations.ResourceRef;

class ChatGrammarTest {

    private static final ChatText EN = new ChatLocales("en").service();

    private final ChatGrammar grammar = new ChatGrammar(CommandCatalog.load(new ObjectMapper()));

    private Request parse(String text) {
        return ((ChatGrammar.Ask) grammar.parse(text, EN)).request();
    }

    private String helpTopic(String text) {
        return ((ChatGrammar.Help) grammar.parse(text, EN)).topic();
    }

    private boolean needsConfirmation(String text) {
        return ((ChatGrammar.Ask) grammar.parse(text, EN)).needsConfirmation();
    }

    @Test
    void readCommandsParseToTheirTypes() {
        assertThat(helpTopic("")).isNull();
        assertThat(helpTopic("/fleet")).isNull();
        assertThat(helpTopic("help sync")).isEqualTo("sync");
        assertThat(parse("status")).isEqualTo(new Query.Status(null));
        assertThat(parse("/fleet   status\tcluster-03 ")).isEqualTo(new Query.Status("cluster-03"));
        assertThat(parse("apps cluster-01 --out-of-sync")).isEqualTo(new Query.Apps("cluster-01", true, false));
        assertThat(parse("apps --unhealthy")).isEqualTo(new Query.Apps(null, false, true));
        assertThat(parse("history prometheus-agent-cluster-03")).isEqualTo(new Query.History("prometheus-agent-cluster-03"));
        assertThat(parse("op op-7f3k2m9q4x")).isEqualTo(new Query.Op("op-7f3k2m9q4x"));
        assertThat(parse("refresh grafana-cluster-01 --hard")).isEqualTo(new Command.Refresh("grafana-cluster-01", true));
    }

    @Test
    void syncTakesTargetsAndItsFlags() {
        Command.SyncTargets sync = (Command.SyncTargets) parse("sync grafana-cluster-01 --dry-run --revision=release-1.2 "
                + "--resource /ConfigMap/monitoring/grafana-dashboards --resource apps/Deployment/monitoring/grafana");
        assertThat(sync.targets()).containsExactly("grafana-cluster-01");
        assertThat(sync.options().dryRun()).isTrue();
        assertThat(sync.options().prune()).isFalse();
        assertThat(sync.options().revision()).isEqualTo("release-1.2");
        assertThat(sync.options().resources()).containsExactly(ResourceRef.parse("/ConfigMap/monitoring/grafana-dashboards"),
                ResourceRef.parse("apps/Deployment/monitoring/grafana"));
        assertThat(((Command.SyncTargets) parse("sync cluster-02 cluster-03")).targets()).containsExactly("cluster-02", "cluster-03");
    }

    @Test
    void pruneAndDestructiveCommandsAskForConfirmation() {
        assertThat(needsConfirmation("sync cluster-04 --prune")).isTrue();
        assertThat(needsConfirmation("sync cluster-04")).isFalse();
        assertThat(grammar.parse("/fleet  sync  cluster-04   --prune", EN).canonical()).isEqualTo("sync cluster-04 --prune");
        assertThat(needsConfirmation("rollback grafana-cluster-01")).isTrue();
        assertThat(needsConfirmation("bootstrap")).isTrue();
    }

    @Test
    void everyCommandParsesIntoItsTypedCommand() {
        assertThat(parse("rollback grafana-cluster-01 3")).isEqualTo(new Command.Rollback("grafana-cluster-01", 3L, false));
        assertThat(parse("rollback grafana-cluster-01 --disable-auto-sync"))
                .isEqualTo(new Command.Rollback("grafana-cluster-01", null, true));
        assertThat(parse("revert 4f2a9c1 --mr")).isEqualTo(new Command.Revert("4f2a9c1", true));
        assertThat(parse("revert 4f2a9c1e0b7d")).isEqualTo(new Command.Revert("4f2a9c1e0b7d", false));
        assertThat(parse("bootstrap --dry-run")).isEqualTo(new Command.Bootstrap(true, List.of()));
        assertThat(parse("diagnose")).isEqualTo(new Query.Diagnose(null));
        assertThat(parse("diagnose cluster-03")).isEqualTo(new Query.Diagnose("cluster-03"));
        assertThat(parse("certs cluster-02")).isEqualTo(new Query.Certs("cluster-02"));
        assertThat(parse("s3")).isEqualTo(new Query.S3());
        // Their arguments are still checked.
        assertRefused("revert not-a-sha", "7 to 40 lowercase hex");
        assertRefused("rollback grafana-cluster-01 two", "history id is a number");
    }

    @Test
    void mistakesSayWhatWasWrongAndWhatToTypeInstead() {
        assertRefused("snyc cluster-03", "Did you mean 'sync'?");
        assertRefused("sync", "sync needs CLUSTER|APP; usage: /fleet sync CLUSTER|APP... [--prune]");
        assertRefused("refresh", "refresh needs APP");
        assertRefused("history a b", "history does not take 'b'");
        assertRefused("sync cluster-03 --force", "'--force' is not a flag of sync; usage: /fleet sync");
        assertRefused("sync cluster-03 --revision", "--revision needs a value");
        assertRefused("sync cluster-03 --prune --prune", "--prune is given twice");
        assertRefused("sync cluster-03 --prune=yes", "--prune takes no value");
        assertRefused("help nothing", "'nothing' is not a command");
        assertRefused("op 123", "an operation id looks like op-");
        assertRefused("sync x --resource Deployment:grafana", "group/Kind/namespace/name");
    }

    @Test
    void hostileInputIsRefusedBeforeAnythingElse() {
        assertRefused("status " + "a".repeat(10_000), "longer than 1000 characters");
        assertRefused("status cluster-03; rm -rf /", "invalid cluster or app name 'cluster-03;'");
        assertRefused("sync ../../etc", "invalid cluster or app name");
        assertRefused("sync Cluster-03", "invalid cluster or app name");
        assertRefused("sync " + "x".repeat(64), "invalid cluster or app name");
        assertRefused("status clüster-03", "invalid cluster or app name");
        assertRefused("status \u0000cluster", "control or invisible characters");
        assertRefused("status cluster-03\u001b[2J", "control or invisible characters");
        assertRefused("sync cluster-03\u202E --dry-run", "control or invisible characters");
        assertRefused("sync \ud800cluster-03", "control or invisible characters");
        assertRefused("sync a,b=c", "invalid cluster or app name");
        assertRefused("sync cluster-03 --revision 'main;reboot'", "invalid revision");
        assertRefused("ｓｙｎｃ cluster-03", "is not a command");
    }

    @Test
    void anEchoedWordNeverCarriesMarkupOrGrowsTheReply() {
        assertThatThrownBy(() -> grammar.parse("<@U123>*bold*`code` x", EN))
                .isInstanceOf(ChatRefusal.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("<@").doesNotContain("`").doesNotContain("*"));
        assertThatThrownBy(() -> grammar.parse("z".repeat(900), EN)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void usageIsGeneratedFromTheDefinitions() {
        CommandCatalog.Definition sync = grammar.catalog().find("sync").orElseThrow();
        assertThat(sync.usage("/fleet")).isEqualTo(
                "/fleet sync CLUSTER|APP... [--prune] [--dry-run] [--revision REV] [--resource group/Kind/namespace/name]...");
        assertThat(grammar.catalog().commands()).extracting(CommandCatalog.Definition::name).containsExactly(
                "help", "status", "apps", "sync", "refresh", "history", "rollback", "autosync", "revert", "diagnose", "certs", "s3",
                "bootstrap", "op");
        assertThat(parse("autosync thanos-query-cluster-01 on"))
                .isEqualTo(new Command.AutoSync("thanos-query-cluster-01", true));
        assertRefused("autosync thanos-query-cluster-01 maybe", "say on or off");
        assertThat(List.of("rollback", "autosync", "revert", "bootstrap")).allSatisfy(name ->
                assertThat(grammar.catalog().find(name).orElseThrow().confirm()).isEqualTo("always"));
    }

    private void assertRefused(String text, String expectedPart) {
        assertThatThrownBy(() -> grammar.parse(text, EN)).as(text).isInstanceOf(ChatRefusal.class)
                .hasMessageContaining(expectedPart);
    }
}
