package lab.miribit.fleetops.diagnostics;

import java.util.List;

/** One section of the guide's troubleshooting chapter, as code that gathers its own evidence. */
public interface DiagnosticRule {

    /** Stable name, used as a finding's {@code rule}. */
    String name();

    /**
     * The findings for the scope; none when all is well. Throwing means the evidence could not be gathered:
     * the report then says so for this rule and goes on with the others.
     */
    List<Finding> check(DiagnosticScope scope) throws Exception;
}
