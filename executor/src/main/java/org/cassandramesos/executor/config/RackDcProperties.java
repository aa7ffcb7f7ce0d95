package org.cassandramesos.executor.config;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.cassandramesos.protocol.CassandraNodeSpec;

/** {@code cassandra-rackdc.properties}: where GossipingPropertyFileSnitch reads this node's dc and rack. */
public final class RackDcProperties {
    private RackDcProperties() {}

    public static String render(CassandraNodeSpec spec) {
        Properties properties = new Properties();
        properties.setProperty("dc", spec.datacenter());
        properties.setProperty("rack", spec.rack());
        properties.setProperty("prefer_local", "true");
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "written by the cassandra-mesos executor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(CassandraNodeSpec spec, Path file) throws IOException {
        Files.writeString(file, render(spec));
    }
}
