package lab.miribit.fleetops.chat;

import java.util.List;

import lab.miribit.fleetops.operations.SyncOptions;

/** What a chat line asks for, once parsed and checked; names in it are valid RFC 1123 labels. */
public sealed interface ChatCommand {

    record Help(String command) implements ChatCommand {
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Status(String target) implements ChatCommand {
    }

    record Apps(String cluster, boolean outOfSync, boolean unhealthy) implements ChatCommand {
    }

    /** Each target is a cluster (all its applications) or an application. */
    record Sync(List<String> targets, SyncOptions options) implements ChatCommand {
        public Sync {
            targets = List.copyOf(targets);
        }
    }

    record Refresh(String app, boolean hard) implements ChatCommand {
    }

    record History(String app) implements ChatCommand {
    }

    /** {@code id} of one operation, or null for the latest ones. */
    record Op(String id) implements ChatCommand {
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Diagnose(String target) implements ChatCommand {
    }

    /** {@code cluster} to narrow the certificate report to, or null for all. */
    record Certs(String cluster) implements ChatCommand {
    }

    /** {@code id} of the history entry, or null for the previous deployment. */
    record Rollback(String app, Long id, boolean disableAutoSync) implements ChatCommand {
    }

    record AutoSync(String app, boolean enabled) implements ChatCommand {
    }

    /** {@code mergeRequest}: revert on a branch and open a merge request instead of committing to the default branch. */
    record Revert(String sha, boolean mergeRequest) implements ChatCommand {
    }

    record S3() implements ChatCommand {
    }

    record Bootstrap(boolean dryRun) implements ChatCommand {
    }
}
