package lab.miribit.fleetops.chat;

import java.util.List;

import lab.miribit.fleetops.operations.SyncOptions;

/** What a chat line asks for, once parsed and checked; names in it are valid RFC 1123 labels. */
public sealed interface ChatCommand {

    /** The command's name in the grammar, e.g. {@code sync}. */
    String name();

    record Help(String command) implements ChatCommand {
        @Override
        public String name() {
            return "help";
        }
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Status(String target) implements ChatCommand {
        @Override
        public String name() {
            return "status";
        }
    }

    record Apps(String cluster, boolean outOfSync, boolean unhealthy) implements ChatCommand {
        @Override
        public String name() {
            return "apps";
        }
    }

    /** Each target is a cluster (all its applications) or an application. */
    record Sync(List<String> targets, SyncOptions options) implements ChatCommand {
        public Sync {
            targets = List.copyOf(targets);
        }

        @Override
        public String name() {
            return "sync";
        }
    }

    record Refresh(String app, boolean hard) implements ChatCommand {
        @Override
        public String name() {
            return "refresh";
        }
    }

    record History(String app) implements ChatCommand {
        @Override
        public String name() {
            return "history";
        }
    }

    /** {@code id} of one operation, or null for the latest ones. */
    record Op(String id) implements ChatCommand {
        @Override
        public String name() {
            return "op";
        }
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Diagnose(String target) implements ChatCommand {
        @Override
        public String name() {
            return "diagnose";
        }
    }

    /** {@code cluster} to narrow the certificate report to, or null for all. */
    record Certs(String cluster) implements ChatCommand {
        @Override
        public String name() {
            return "certs";
        }
    }

    /** {@code id} of the history entry, or null for the previous deployment. */
    record Rollback(String app, Long id, boolean disableAutoSync) implements ChatCommand {
        @Override
        public String name() {
            return "rollback";
        }
    }

    record S3() implements ChatCommand {
        @Override
        public String name() {
            return "s3";
        }
    }

    /** A command of the grammar whose capability this version of fleet-ops does not have yet. */
    record NotYetAvailable(String name) implements ChatCommand {
    }
}
