package uk.challengeportal.searchnode;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Elasticsearch 8 node in this JVM for tests:
 *
 * <pre>java -jar search-node.jar --port 9250 --data DIR [-Ekey=value ...]
 * java -jar search-node.jar --port 9251 --data DIR --name node-1 --transport-port 9351 \
 *     --seed-hosts 127.0.0.1:9350,127.0.0.1:9352 [--initial-master-nodes node-0,node-1,node-2]</pre>
 *
 * HTTP on 127.0.0.1:PORT, cluster "portal-test", no security (x-pack isn't on Maven Central).
 * Without --seed-hosts: single-node discovery, transport on an ephemeral loopback port. With it:
 * one node of a cluster, transport on 127.0.0.1:--transport-port, finding the others at the seed
 * hosts; --initial-master-nodes bootstraps a new cluster (first start only). Runs until the process
 * is terminated; SIGTERM/SIGINT close the node cleanly via a shutdown hook.
 */
public final class SearchNode {

    private static final String USAGE = "usage: SearchNode --port PORT --data DIR [--name NAME] [--transport-port PORT "
        + "--seed-hosts HOST:PORT,... [--initial-master-nodes NAME,...]] [-Ekey=value ...]";

    public static void main(String[] args) throws Exception {
        Integer port = null;
        Path data = null;
        String name = null;
        int transportPort = 0; // ephemeral: nothing joins a single node over transport
        String seedHosts = null;
        String initialMasterNodes = null;
        Settings.Builder extra = Settings.builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]).toAbsolutePath();
                case "--name" -> name = args[++i];
                case "--transport-port" -> transportPort = Integer.parseInt(args[++i]);
                case "--seed-hosts" -> seedHosts = args[++i];
                case "--initial-master-nodes" -> initialMasterNodes = args[++i];
                default -> {
                    if (args[i].startsWith("-E") && args[i].contains("=")) {
                        String kv = args[i].substring(2);
                        extra.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    } else {
                        System.err.println(USAGE);
                        System.exit(2);
                    }
                }
            }
        }
        if (port == null || data == null) {
            System.err.println(USAGE);
            System.exit(2);
        }

        // ES logs through its own logging facade; point it at Log4j (configured by log4j2.properties
        // on our classpath, which writes to stdout; the launcher redirects that to DIR/node.log).
        LogConfigurator.configureESLogging();
        Logger logger = LogManager.getLogger(SearchNode.class);

        Files.createDirectories(data.resolve("config"));
        Settings.Builder discovery = Settings.builder();
        if (seedHosts == null) {
            discovery.put("discovery.type", "single-node");
        } else {
            discovery.putList("discovery.seed_hosts", List.of(seedHosts.split(",")));
            if (initialMasterNodes != null) {
                discovery.putList("cluster.initial_master_nodes", List.of(initialMasterNodes.split(",")));
            }
        }
        Settings settings = Settings.builder()
            .put("cluster.name", "portal-test")
            .put("node.name", name != null ? name : "portal-test-" + port)
            .put("path.home", data.toString())
            .put("path.data", data.resolve("data").toString())
            .put("path.logs", data.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", transportPort)
            .put(discovery.build())
            // Test conveniences: don't go read-only on a nearly full CI disk; allow DELETE /index-*
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.destructive_requires_name", false)
            .put(extra.build())
            .build();

        var environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "portal-test-node");
        final Node node;
        try {
            node = new ClasspathPluginsNode(environment, List.of(
                Netty4Plugin.class,          // HTTP + transport (ES has no other HTTP server implementation)
                EnglishAnalysisPlugin.class, // stands in for the analysis-common module, which isn't on Central
                RootEndpointPlugin.class,    // GET / and HEAD / (the rest-root module isn't on Central either)
                SingleNodeDefaultsPlugin.class // indices that don't say otherwise: 1 shard, 0 replicas
            ));
        } catch (Throwable t) { // e.g. data dir locked by another node; exit rather than hang on pool threads
            logger.error("failed to create the node", t);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                logger.info("stopping");
                node.prepareForClose();
                node.close();
                if (node.awaitClose(10, TimeUnit.SECONDS) == false) {
                    logger.warn("node did not stop within 10s");
                }
            } catch (Exception e) {
                logger.error("error while stopping", e);
            } finally {
                stopped.countDown();
                Configurator.shutdown((LoggerContext) LogManager.getContext(false)); // flush; Log4j's own hook is disabled
            }
        }, "search-node-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            logger.error("failed to start", t);
            System.exit(1);
        }
        stopped.await(); // non-daemon main thread keeps the JVM alive until the shutdown hook has run
    }
}
