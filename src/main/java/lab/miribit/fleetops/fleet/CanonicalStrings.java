package lab.miribit.fleetops.fleet;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;

/**
 * Has the Kubernetes client read short strings as canonical instances. Fifty thousand Applications repeat the same
 * repository URLs, revisions, namespaces, project names, statuses, kinds and timestamps, and every object the informers
 * read otherwise keeps a copy of each: strings were most of the heap at that size. The JVM's string table drops an entry
 * nobody refers to any more, so nothing is kept longer than the objects that hold it.
 */
@Singleton
class CanonicalStrings implements KubernetesClientObjectMapperCustomizer {

    /** Longer values (messages, certificates, manifests) are rarely repeated; interning them would only cost time. */
    static final int LONGEST = 200;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("fleet-ops-canonical-strings").addDeserializer(String.class, new Reader()));
    }

    static final class Reader extends StdScalarDeserializer<String> {

        Reader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            return value != null && value.length() <= LONGEST ? value.intern() : value;
        }
    }
}
