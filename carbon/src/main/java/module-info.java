/**
 * Carbon intensity: the built-in zone table, trace files, live providers with cache and archive, the
 * forecaster and its backtest, and placements (on-premises, cloud, edge) of a measured workload.
 */
module dev.greenloop.carbon {
    requires transitive dev.greenloop.core;
    requires com.fasterxml.jackson.core;
    requires java.net.http;

    exports dev.greenloop.carbon;
    exports dev.greenloop.carbon.forecast;
    exports dev.greenloop.carbon.live;
}
