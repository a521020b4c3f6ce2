/**
 * Turns configuration into a Telemetry. With no Application Insights connection string the
 * OpenTelemetry SDK and the Azure Monitor exporter are never loaded (they cost start-up
 * time and memory a local run does not need); with one, traces and metrics are batched and
 * exported to Azure Monitor.
 */
import type { Logger } from '../logging';
import { Telemetry } from './telemetry';

export interface TelemetryConfig {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING; absent: nothing is exported. */
  connectionString?: string;
  serviceName: string;
  serviceVersion: string;
  /** How often metrics are exported (Azure Monitor's own default is one minute). */
  metricIntervalMs: number;
}

export async function createTelemetry(config: TelemetryConfig, logger: Logger): Promise<Telemetry> {
  if (!config.connectionString) return new Telemetry();
  const connectionString = config.connectionString;
  const [exporters, tracing, metricsSdk, resources] = await Promise.all([
    import('@azure/monitor-opentelemetry-exporter'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/resources'),
  ]);
  const resource = resources.resourceFromAttributes({ 'service.name': config.serviceName, 'service.version': config.serviceVersion });
  const tracerProvider = new tracing.BasicTracerProvider({
    resource,
    spanProcessors: [new tracing.BatchSpanProcessor(new exporters.AzureMonitorTraceExporter({ connectionString }))],
  });
  const meterProvider = new metricsSdk.MeterProvider({
    resource,
    readers: [
      new metricsSdk.PeriodicExportingMetricReader({
        exporter: new exporters.AzureMonitorMetricExporter({ connectionString }),
        exportIntervalMillis: config.metricIntervalMs,
      }),
    ],
  });
  logger.info({ serviceName: config.serviceName }, 'Telemetry: traces and metrics go to Azure Monitor');
  return new Telemetry({
    tracerProvider,
    meterProvider,
    shutdown: async () => {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  });
}
