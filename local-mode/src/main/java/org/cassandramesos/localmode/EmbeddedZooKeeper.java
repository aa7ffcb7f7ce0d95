package org.cassandramesos.localmode;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * ZooKeeper's own embedded server, its data kept under local mode's data directory. It can be stopped and started
 * again on the same port and data (a ZooKeeper outage, as the fault suite makes one).
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private final Path dataDir;
    private final Properties config;
    private final String connectString;
    private ZooKeeperServerEmbedded server;

    private EmbeddedZooKeeper(Path dataDir, Properties config, String connectString) {
        this.dataDir = dataDir;
        this.config = config;
        this.connectString = connectString;
    }

    public static EmbeddedZooKeeper start(Path dataDir) throws Exception {
        int port = FreePorts.on("127.0.0.1");
        Properties config = new Properties();
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("tickTime", "2000");
        config.setProperty("initLimit", "10");
        config.setProperty("syncLimit", "5");
        // no Jetty admin server: nothing else should listen
        config.setProperty("admin.enableServer", "false");
        EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper(dataDir, config, "127.0.0.1:" + port);
        zookeeper.resume();
        return zookeeper;
    }

    public String connectString() {
        return connectString;
    }

    /** Stops serving; clients see a connection loss (their sessions live on until they expire). */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Serves again on the same port and data. */
    public synchronized void resume() throws Exception {
        if (server != null) {
            return;
        }
        ZooKeeperServerEmbedded started = ZooKeeperServerEmbedded.builder()
                .baseDir(dataDir)
                .configuration(config)
                .exitHandler(ExitHandler.LOG_ONLY)
                .build();
        started.start(30_000);
        server = started;
    }

    @Override
    public void close() {
        stop();
    }
}
