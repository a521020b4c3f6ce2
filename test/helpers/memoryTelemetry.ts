/** A Telemetry that keeps its spans and metrics in memory, for tests to read back. */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import type { Attributes } from '@opentelemetry/api';
import { Telemetry } from '../../src/telemetry/telemetry';

class CollectingReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

export interface MetricPoint {
  name: string;
  attributes: Attributes;
  /** A counter's sum, or a histogram's count. */
  value: number;
}

export interface MemoryTelemetry {
  telemetry: Telemetry;
  spans(): ReadableSpan[];
  metrics(): Promise<MetricPoint[]>;
}

export function memoryTelemetry(): MemoryTelemetry {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    telemetry: new Telemetry({ tracerProvider, meterProvider }),
    spans: () => exporter.getFinishedSpans(),
    metrics: async () => {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap((s) =>
        s.metrics.flatMap((m) =>
          (m.dataPoints as Array<DataPoint<number | Histogram>>).map((p) => ({
            name: m.descriptor.name,
            attributes: p.attributes,
            value: typeof p.value === 'number' ? p.value : p.value.count,
          })),
        ),
      );
    },
  };
}

/** Every attribute value of every span and metric point, for "no personal data" checks. */
export function allAttributeValues(spans: ReadableSpan[], points: MetricPoint[]): string[] {
  return [...spans.flatMap((s) => [s.name, ...Object.values(s.attributes)]), ...points.flatMap((p) => Object.values(p.attributes))].map((v) => String(v));
}
