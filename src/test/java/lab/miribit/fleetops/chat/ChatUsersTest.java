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
        Caller operator = users.callerFor(Via.SLACK, "U1", "olivia", List.of());
        assertThat(operator.roles()).containsExactlyInAnyOrder(FleetRole.VIEWER, FleetRole.OPERATOR);
        assertThat(operator.name()).isEqualTo("olivia");
        assertThat(operator.initiatedBy()).isEqualTo("olivia via slack (fleet-ops)");
        assertThat(users.callerFor(Via.DISCORD, "U5", null, List.of("SONCALL")).roles()).contains(FleetRole.OPERATOR);
        assertThat(users.callerFor(Via.SLACK, "U9", "ada", List.of()).roles())
                .containsExactlyInAnyOrder(FleetRole.VIEWER, FleetRole.OPERATOR, FleetRole.ADMIN);
    }

    @Test
    void unknownUsersAreViewersAtMostOrNothing() {
        assertThat(new ChatUsers(config("fleet-viewer")).callerFor(Via.SLACK, "U7", "x", List.of()).roles())
                .containsExactly(FleetRole.VIEWER);
        assertThat(new ChatUsers(config("none")).callerFor(Via.SLACK, "U7", "x", List.of()).roles()).isEmpty();
        assertThatThrownBy(() -> new ChatUsers(config("fleet-admin"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet-viewer or none");
    }
}
