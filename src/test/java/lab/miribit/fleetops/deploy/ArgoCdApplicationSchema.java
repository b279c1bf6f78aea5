package lab.miribit.fleetops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.StructuralSchema;

/** An Argo CD Application read as Argo CD v3.1.8's API server would: no field its CRD lacks, the right types. */
final class ArgoCdApplicationSchema {

    private ArgoCdApplicationSchema() {
    }

    static void requireValid(JsonNode application) {
        StructuralSchema schema = StructuralSchema.of(DemoFleetSeed.applicationCrd(DemoFleetSeed.ArgoCdVersion.V3_1));
        ObjectNode copy = application.deepCopy();
        assertThat(schema.prune(copy)).as("fields Argo CD's CRD does not have").isEmpty();
        assertThat(schema.violations(copy)).as("what the API server would refuse").isEmpty();
    }
}
