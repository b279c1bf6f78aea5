package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;

class ChatUsersTest {

    private static ChatConfig config(String unknownUsers) {
        return new ChatConfig() {
            @Override
            public Map<String, List<String>> roles() {
                return Map.of("fleet-operator", List.of("U1", "SONCALL"), "fleet-admin", List.of("U9"));
            }

            @Override
            public String unknownUsers() {
                return unknownUsers;
            }

            @Override
            public String locale() {
                return "en";
            }

            @Override
            public int rateLimitPerMinute() {
                return 10;
            }

            @Override
            public Duration confirmationTimeout() {
                return Duration.ofMinutes(5);
            }
        };
    }

    @Test
    void usersAndTheirGroupsGetTheConfiguredRolesAlongTheHierarchy() {
        ChatUsers users = new ChatUsers(config("fleet-viewer"));
        Caller operator = users.callerFor(Via.SLACK, "T1", "U1", "olivia", List.of());
        assertThat(operator.roles()).containsExactlyInAnyOrder(FleetRole.VIEWER, FleetRole.OPERATOR);
        assertThat(operator.id()).isEqualTo("slack:T1:U1");
        assertThat(operator.name()).isEqualTo("olivia");
        assertThat(operator.initiatedBy()).isEqualTo("slack:T1:U1 \"olivia\" via slack (fleet-ops)");
        assertThat(users.callerFor(Via.DISCORD, "G1", "U5", null, List.of("SONCALL")).roles()).contains(FleetRole.OPERATOR);
        assertThat(users.callerFor(Via.SLACK, "T1", "U9", "ada", List.of()).roles())
                .containsExactlyInAnyOrder(FleetRole.VIEWER, FleetRole.OPERATOR, FleetRole.ADMIN);
    }

    @Test
    void unknownUsersAreViewersAtMostOrNothing() {
        assertThat(new ChatUsers(config("fleet-viewer")).callerFor(Via.SLACK, "T1", "U7", "x", List.of()).roles())
                .containsExactly(FleetRole.VIEWER);
        assertThat(new ChatUsers(config("none")).callerFor(Via.SLACK, "T1", "U7", "x", List.of()).roles()).isEmpty();
        assertThatThrownBy(() -> new ChatUsers(config("fleet-admin"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet-viewer or none");
    }

    /** The identity is the platform's user id; a name the user chose is a label and cannot impersonate anyone. */
    @Test
    void aDisplayNameIsOnlyALabelAndCannotForgeAnAuditLine() {
        ChatUsers users = new ChatUsers(config("fleet-viewer"));
        Caller impostor = users.callerFor(Via.SLACK, "T1", "U7", "ada", List.of());
        Caller ada = users.callerFor(Via.SLACK, "T1", "U9", "ada", List.of());
        assertThat(impostor.id()).isNotEqualTo(ada.id());
        assertThat(impostor.roles()).containsExactly(FleetRole.VIEWER);
        // A line break, a carriage return, a bidirectional override, NUL and a tab: nothing of it survives.
        Caller forger = users.callerFor(Via.DISCORD, "G1", "U8", "mallory\n{\"caller\":\"ada\"}\r\u202Eevil\u0000\tx\u2028y", List.of());
        assertThat(forger.name()).isEqualTo("mallory {\"caller\":\"ada\"} evil x y");
        assertThat(forger.initiatedBy()).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
        assertThat(users.callerFor(Via.SLACK, "T1", "U8", "x".repeat(10_000), List.of()).name()).hasSizeLessThanOrEqualTo(120);
        assertThat(users.callerFor(Via.SLACK, "T1", "U8", "\u0000\n", List.of()).name()).isEqualTo("unknown");
        // The platform's ids are escaped the same way: they come from the request too.
        assertThat(users.callerFor(Via.SLACK, "T1\n", "U8\r\n", "x", List.of()).id()).isEqualTo("slack:T1 :U8");
    }
}
