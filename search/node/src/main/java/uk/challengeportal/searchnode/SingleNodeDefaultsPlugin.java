package uk.challengeportal.searchnode;

import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettingProvider;
import org.elasticsearch.plugins.Plugin;

import java.util.List;

/**
 * ES 8 rejects index.* settings at node level, so "1 shard, 0 replicas by default" needs
 * either an index template or this hook. An IndexSettingProvider's values are the lowest
 * precedence defaults (templates and the create-index request still override them) and,
 * unlike a catch-all template, it can't clash with templates the application installs.
 * On a test cluster too, an index that asks for no replicas gets none (the portal's own index
 * asks for its replicas explicitly: SEARCH_INDEX_REPLICAS).
 */
public class SingleNodeDefaultsPlugin extends Plugin {

    @Override
    public List<IndexSettingProvider> getAdditionalIndexSettingProviders(IndexSettingProvider.Parameters parameters) {
        Settings defaults = Settings.builder()
            .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1)
            .put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0)
            .build();
        return List.of((indexName, dataStreamName, timeSeries, metadata, resolvedAt, allSettings, mappings) -> defaults);
    }
}
