package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PluginsService whose plugins are classes already on the classpath, instead of
 * bundles unpacked under modules/ and plugins/ (which only the ES distribution, not
 * Maven Central, provides). A trimmed-down copy of the test framework's
 * MockPluginsService; it lives in this package because LoadedPlugin and the
 * PluginsLoader constructor are package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    /** A loader with no module or plugin bundles (no module layers, nothing read from disk). */
    public static PluginsLoader noBundles() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configDir(), noBundles());
        this.classpathPlugins = pluginClasses.stream().map(pluginClass -> {
            var descriptor = new PluginDescriptor(
                pluginClass.getName(), "classpath plugin", "NA", Build.current().version(),
                Integer.toString(Runtime.version().feature()), pluginClass.getName(),
                null, List.of(), false, false, false, false
            );
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configDir());
            return new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader());
        }).toList();
        loadExtensions(classpathPlugins);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(classpathPlugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }

    /**
     * Every plugin shares the application class loader, so the default implementation
     * would find each META-INF/services entry (e.g. the server's FeatureSpecifications)
     * once per plugin. Keep one instance per provider class.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<?>, T> unique = new LinkedHashMap<>();
        for (T provider : super.loadServiceProviders(service)) {
            unique.putIfAbsent(provider.getClass(), provider);
        }
        return List.copyOf(unique.values());
    }
}
