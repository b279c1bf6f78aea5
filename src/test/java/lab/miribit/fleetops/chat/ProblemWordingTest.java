package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.problem.FleetProblem;

class ProblemWordingTest {

    private static final ChatText KO = new ChatLocales("ko").service();
    private static final ChatText EN = new ChatLocales("en").service();

    @Test
    void aReasonIsWordedInTheReadersLanguageWithItsValuesAndTheSlashCommand() {
        FleetProblem busy = new FleetProblem.Conflict("app/grafana-cluster-01: another operation is already in progress (op-1234567890)",
                FleetProblem.Reason.of("target-busy", "app/grafana-cluster-01", "op-1234567890"));
        assertThat(ProblemWording.of(busy, "/fleet", KO))
                .isEqualTo("app/grafana-cluster-01에서 작업 op-1234567890이(가) 진행 중입니다. /fleet op op-1234567890로 진행 상황을 확인하세요");
        assertThat(ProblemWording.of(busy, "/ops", EN))
                .isEqualTo("app/grafana-cluster-01 is busy: operation op-1234567890 runs on it; follow it with /ops op op-1234567890");
    }

    @Test
    void withoutAReasonTheDetailStaysInsideASentenceOfTheReadersLanguage() {
        FleetProblem plain = new FleetProblem.Conflict("GitLab cannot revert 4f2a9c1 automatically");
        assertThat(ProblemWording.of(plain, "/fleet", KO)).isEqualTo("요청을 처리할 수 없습니다: GitLab cannot revert 4f2a9c1 automatically");
        FleetProblem unworded = new FleetProblem.Conflict("something new", FleetProblem.Reason.of("not-in-the-bundles", "x"));
        assertThat(ProblemWording.of(unworded, "/fleet", KO)).isEqualTo("요청을 처리할 수 없습니다: something new");
    }
}
