package lab.miribit.fleetops.diagnostics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import lab.miribit.fleetops.operations.Note;

/**
 * One thing the runbook found.
 *
 * @param rule     the runbook section that found it, e.g. {@code application-stuck-progressing}
 * @param target   what it is about: {@code app/x}, {@code cluster/y}
 * @param evidence the facts read to reach it (conditions, messages, resource and pod states, events)
 * @param summary  what is wrong, in English (the REST API's words)
 * @param remedy   the exact {@code /fleet …} command or REST call to run, or the manual step, in English
 * @param said     {@code summary} as a {@link Note}, for chat readers in other languages
 * @param advice   {@code remedy} as a {@link Note}
 */
@JsonPropertyOrder({ "rule", "severity", "target", "summary", "evidence", "remedy" })
public record Finding(String rule, Severity severity, String target, String summary, List<String> evidence, String remedy,
        @JsonIgnore Note said, @JsonIgnore Note advice) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    /** The evidence stays as it was read (names, states, Argo CD's and Kubernetes' messages), the same in every language. */
    public Finding(String rule, Severity severity, String target, Note said, List<String> evidence, Note advice) {
        this(rule, severity, target, said.english(), evidence, advice.english(), said, advice);
    }

    public enum Severity {
        CRITICAL, WARNING, INFO;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
