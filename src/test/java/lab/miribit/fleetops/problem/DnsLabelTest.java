package lab.miribit.fleetops.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnsLabelTest {

    @Test
    void rfc1123LabelsPass() {
        assertThat(DnsLabel.require("app", "prometheus-agent-cluster-03")).isEqualTo("prometheus-agent-cluster-03");
        assertThat(DnsLabel.require("cluster", "a")).isEqualTo("a");
        assertThat(DnsLabel.require("cluster", "x".repeat(63))).hasSize(63);
    }

    @Test
    void everythingElseIsRefusedWithoutEchoingControlCharacters() {
        for (String bad : new String[] { "Cluster", "a_b", "-a", "a-", "a.b", "../x", "a,b=c", "x".repeat(64), "a\u0000b", "" }) {
            assertThatThrownBy(() -> DnsLabel.require("app", bad)).as(bad).isInstanceOf(FleetProblem.InvalidInput.class);
        }
        assertThatThrownBy(() -> DnsLabel.require("app", "a\nb\u001b[31m")).hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> DnsLabel.require("app", "y".repeat(500))).message().hasSizeLessThan(300);
    }
}
