package lab.miribit.fleetops.diagnostics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One thing the runbook found.
 *
 * @param rule     the runbook section that found it, e.g. {@code application-stuck-progressing}
 * @param target   what it is about: {@code app/x}, {@code cluster/y}
 * @param evidence the facts read to reach it (conditions, messages, resource and pod states, events)
 * @param remedy   the exact {@code /fleet …} command or REST call to run, or the manual step
 */
public record Finding(String rule, Severity severity, String target, String summary, List<String> evidence, String remedy) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    public enum Severity {
        CRITICAL, WARNING, INFO;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
