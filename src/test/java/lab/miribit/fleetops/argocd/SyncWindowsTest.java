package lab.miribit.fleetops.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Sync windows as Argo CD v3.1.8 decides them (pkg/apis/application/v1alpha1/types.go: SyncWindow.active,
 * SyncWindows.Matches and CanSync; robfig/cron v3's standard parser; Go's time.ParseDuration), on fixed instants.
 */
class SyncWindowsTest {

    private static final Instant TUESDAY_1030 = Instant.parse("2026-12-01T10:30:00Z");

    @Test
    void aWindowIsOpenStrictlyAfterItsScheduleFiresAndStrictlyBeforeItsDurationEnds() {
        SyncWindow daily = window("deny", "30 10 * * *", "1h");
        assertThat(daily.activeAt(TUESDAY_1030)).as("at the very minute it fires").isFalse();
        assertThat(daily.activeAt(TUESDAY_1030.plusSeconds(30))).isTrue();
        assertThat(daily.activeAt(TUESDAY_1030.plus(Duration.ofMinutes(59)).plusSeconds(59))).isTrue();
        assertThat(daily.activeAt(TUESDAY_1030.plus(Duration.ofHours(1)))).isFalse();
        assertThat(window("deny", "0 0 1 1 *", "1h").activeAt(TUESDAY_1030)).isFalse();
        assertThat(window("deny", "* * * * *", "1h").activeAt(TUESDAY_1030)).isTrue();
    }

    @Test
    void theScheduleIsReadInTheWindowsTimeZoneAtItsCurrentOffset() {
        SyncWindow seoulMorning = new SyncWindow("deny", "0 9 * * *", "1h", List.of("*"), null, null, null, "Asia/Seoul", null, null);
        assertThat(seoulMorning.activeAt(Instant.parse("2026-12-01T00:30:00Z"))).as("09:30 in Seoul").isTrue();
        assertThat(seoulMorning.activeAt(Instant.parse("2026-12-01T09:30:00Z"))).as("18:30 in Seoul").isFalse();
        SyncWindow unknownZone = new SyncWindow("deny", "0 9 * * *", "1h", List.of("*"), null, null, null, "Mars/Olympus", null, null);
        assertThat(unknownZone.activeAt(Instant.parse("2026-12-01T09:30:00Z"))).as("an unknown zone counts as UTC").isTrue();
    }

    @Test
    void cronIsRobfigsStandardParser() {
        CronSchedule everyFifteen = CronSchedule.parse("*/15 8-18 * * MON-FRI");
        assertThat(everyFifteen.firesAt(LocalDateTime.parse("2026-12-01T08:45:00"))).isTrue();
        assertThat(everyFifteen.firesAt(LocalDateTime.parse("2026-12-01T08:50:00"))).isFalse();
        assertThat(everyFifteen.firesAt(LocalDateTime.parse("2026-12-05T08:45:00"))).as("a Saturday").isFalse();
        // Both day fields restricted: either one matching is enough.
        CronSchedule thirteenthOrFriday = CronSchedule.parse("0 0 13 * 5");
        assertThat(thirteenthOrFriday.firesAt(LocalDateTime.parse("2026-12-04T00:00:00"))).as("Friday the 4th").isTrue();
        assertThat(thirteenthOrFriday.firesAt(LocalDateTime.parse("2026-12-13T00:00:00"))).as("Sunday the 13th").isTrue();
        assertThat(thirteenthOrFriday.firesAt(LocalDateTime.parse("2026-12-14T00:00:00"))).isFalse();
        assertThat(CronSchedule.parse("0 22 * jan,dec sun").firesAt(LocalDateTime.parse("2026-12-06T22:00:00"))).isTrue();
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("expected exactly 5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("above maximum");
        assertThatThrownBy(() -> CronSchedule.parse("@hourly")).hasMessageContaining("expected exactly 5 fields");
    }

    @Test
    void durationsAreGoDurations() {
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessage("time: invalid duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessage("time: invalid duration \"10\"");
        assertThatThrownBy(() -> window("deny", "* * * * *", "forever").activeAt(TUESDAY_1030))
                .hasMessageStartingWith("cannot parse duration 'forever'");
    }

    @Test
    void canSyncFollowsArgoCdsOrderOfRules() {
        SyncWindow denyNow = window("deny", "* * * * *", "1h");
        SyncWindow denyNowManualOk = new SyncWindow("deny", "* * * * *", "1h", List.of("*"), null, null, true, null, null, null);
        SyncWindow allowNow = window("allow", "* * * * *", "1h");
        SyncWindow allowLater = window("allow", "0 0 1 1 *", "1h");
        SyncWindow allowLaterManualOk = new SyncWindow("allow", "0 0 1 1 *", "1h", List.of("*"), null, null, true, null, null, null);
        SyncWindow denyLater = window("deny", "0 0 1 1 *", "1h");

        assertThat(can(List.of(), false)).as("no window applies").isTrue();
        assertThat(can(List.of(denyNow), true)).isFalse();
        assertThat(can(List.of(denyNowManualOk), true)).isTrue();
        assertThat(can(List.of(denyNowManualOk), false)).as("automated syncs never pass a deny window").isFalse();
        assertThat(can(List.of(denyNow, allowNow), true)).as("an open deny window wins over an open allow").isFalse();
        assertThat(can(List.of(allowNow, allowLater), false)).isTrue();
        assertThat(can(List.of(allowLater), true)).isFalse();
        assertThat(can(List.of(allowLaterManualOk), true)).isTrue();
        assertThat(can(List.of(allowLaterManualOk), false)).isFalse();
        assertThat(can(List.of(denyLater), false)).as("only closed deny windows").isTrue();
    }

    @Test
    void aWindowAppliesByApplicationNamespaceOrClusterGlobs() {
        SyncWindow byApp = new SyncWindow("deny", "* * * * *", "1h", List.of("thanos-*"), null, null, null, null, null, null);
        assertThat(byApp.appliesTo("thanos-store-cluster-01", "monitoring", null, "https://kubernetes.default.svc")).isTrue();
        assertThat(byApp.appliesTo("grafana-cluster-01", "monitoring", null, null)).isFalse();
        SyncWindow byCluster = new SyncWindow("deny", "* * * * *", "1h", null, null, List.of("cluster-0[23]"), null, null, null, null);
        assertThat(byCluster.appliesTo("x", "y", "cluster-03", null)).isTrue();
        assertThat(byCluster.appliesTo("x", "y", "cluster-04", null)).isFalse();
        SyncWindow byServer = new SyncWindow("deny", "* * * * *", "1h", null, null, List.of("https://kubernetes.default.svc"), null,
                null, null, null);
        assertThat(byServer.appliesTo("x", "y", null, "https://kubernetes.default.svc")).isTrue();
        SyncWindow both = new SyncWindow("deny", "* * * * *", "1h", List.of("thanos-*"), List.of("logging"), null, null, null, true,
                null);
        assertThat(both.appliesTo("thanos-store-cluster-01", "monitoring", null, null)).as("and: the namespace differs").isFalse();
        assertThat(both.appliesTo("thanos-store-cluster-01", "logging", null, null)).isTrue();
        SyncWindow nothing = new SyncWindow("deny", "* * * * *", "1h", null, null, null, null, null, true, null);
        assertThat(nothing.appliesTo("a", "b", "c", "d")).as("a window naming nothing applies to nothing").isFalse();
        assertThat(SyncWindow.glob("team-{a,b}?").matcher("team-ax").matches()).isTrue();
        assertThat(SyncWindow.glob("*").matcher("with/slash").matches()).as("no separators in Argo CD's globs").isTrue();
    }

    private static SyncWindow window(String kind, String schedule, String duration) {
        return new SyncWindow(kind, schedule, duration, List.of("*"), null, null, null, null, null, null);
    }

    private static boolean can(List<SyncWindow> windows, boolean manual) {
        AppProject project = new AppProject();
        project.setSpec(new AppProject.Spec(windows));
        return SyncWindows.matching(project, "any-app", "monitoring", "cluster-02", "https://10.0.0.2:6443")
                .canSync(manual, TUESDAY_1030.plusSeconds(30));
    }
}
