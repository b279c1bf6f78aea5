package lab.miribit.fleetops.chat;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;

/** Maps a chat platform's user (and the groups it belongs to) to a {@link Caller} with roles from configuration. */
@ApplicationScoped
public class ChatUsers {

    private final Map<String, List<String>> roles;
    private final Set<FleetRole> unknownUserRoles;

    ChatUsers(ChatConfig config) {
        this.roles = config.roles();
        this.unknownUserRoles = "none".equals(config.unknownUsers()) ? Set.of()
                : FleetRole.fromName(config.unknownUsers()).filter(role -> role == FleetRole.VIEWER)
                        .map(FleetRole::withIncluded)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "fleet.chat.unknown-users must be fleet-viewer or none"));
    }

    /**
     * The user as the audit and Argo CD name them, e.g. {@code slack:T024BE7LH:U0G9QF9C6}: platform, workspace (Slack
     * team, Discord guild) and the platform's user ID, which no user can choose or change. Rate limits and
     * confirmations are kept per key too.
     */
    public static String key(Via platform, String workspaceId, String userId) {
        return platform.label() + ":" + workspaceId + ":" + userId;
    }

    /**
     * @param workspaceId the Slack team or Discord guild the user acts in
     * @param userId      the platform's stable user ID: what roles are granted to, and the caller's identity
     * @param name        a display name, kept as a label (never used for authorization or as the identity)
     * @param groupIds    user groups the platform reports for the user (Slack user groups, Discord roles)
     */
    public Caller callerFor(Via platform, String workspaceId, String userId, String name, Collection<String> groupIds) {
        Set<FleetRole> granted = EnumSet.noneOf(FleetRole.class);
        roles.forEach((roleName, members) -> {
            boolean member = members.contains(userId) || groupIds.stream().anyMatch(members::contains);
            if (member) {
                FleetRole.fromName(roleName).ifPresent(role -> granted.addAll(role.withIncluded()));
            }
        });
        if (granted.isEmpty()) {
            granted.addAll(unknownUserRoles);
        }
        return new Caller(key(platform, workspaceId, userId), name, granted, platform);
    }
}
