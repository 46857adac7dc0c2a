import type { JobRow } from './ingest.repository.ts';
import { maskConnectionString, maskUrl, type SourceSpec } from './sources.ts';
import { sqlTypeFor } from '../../kernel/data-tables.ts';

// OpenLineage RunEvent of an ingest job, per the OpenLineage spec 2-0-2
// (https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent) with the standard facets
// SchemaDatasetFacet 1-1-1, OutputStatisticsOutputDatasetFacet 1-0-2, ErrorMessageRunFacet 1-0-1, JobTypeJobFacet 2-0-3.
// Naming follows OpenLineage's dataset naming: PostgreSQL `postgres://{host}:{port}` / `{database}.{schema}.{table}`,
// HTTP `{scheme}://{host}:{port}` / `{path}`, files `file` / the file name.

export const OPENLINEAGE_SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const PRODUCER = 'https://github.com/shuzheng/shuzheng/tree/main/apps/server/src/modules/ingest';
const FACETS = {
  schema: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  outputStatistics: 'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet',
  errorMessage: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
};

const EVENT_TYPE: Record<JobRow['status'], 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT'> = { queued: 'START', running: 'RUNNING', succeeded: 'COMPLETE', failed: 'FAIL', cancelled: 'ABORT' };

function inputDataset(spec: SourceSpec, description: string) {
  if (spec.kind === 'postgres') {
    try {
      const u = new URL(maskConnectionString(spec.connectionString));
      return { namespace: `postgres://${u.hostname}:${u.port || '5432'}`, name: `${u.pathname.replace(/^\//, '') || 'postgres'}.query`, facets: {} };
    } catch {
      return { namespace: 'postgres://unknown', name: 'query', facets: {} };
    }
  }
  if (spec.kind === 'http') {
    try {
      const u = new URL(maskUrl(spec.url));
      return { namespace: `${u.protocol.replace(':', '')}://${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`, name: u.pathname, facets: {} };
    } catch {
      return { namespace: 'http://unknown', name: '/', facets: {} };
    }
  }
  return { namespace: 'file', name: description.replace(/^文件 /, '').replace(/（.*$/, ''), facets: {} };
}

export function openLineageEvent(j: JobRow, ctx: { jobName: string; columns: { column: string; itemName: string; dataType: string | null }[]; namespace: string; database: string }) {
  const eventType = EVENT_TYPE[j.status];
  const eventTime = (j.finished_at ?? j.started_at ?? j.created_at).toISOString();
  const runFacets: Record<string, unknown> = {};
  if (j.status === 'failed' || j.status === 'cancelled') {
    runFacets.errorMessage = { _producer: PRODUCER, _schemaURL: FACETS.errorMessage, message: j.error ?? j.status, programmingLanguage: 'TypeScript' };
  }
  const output = {
    namespace: ctx.namespace,
    name: `${ctx.database}.${j.schema_name}.${j.table_name}`,
    facets: {
      schema: {
        _producer: PRODUCER, _schemaURL: FACETS.schema,
        fields: ctx.columns.map((c) => ({ name: c.column, type: sqlTypeFor(c.dataType), description: c.itemName })),
      },
    },
    ...(j.status === 'succeeded' && {
      outputFacets: { outputStatistics: { _producer: PRODUCER, _schemaURL: FACETS.outputStatistics, rowCount: Number(j.rows_inserted) + Number(j.rows_updated) } },
    }),
  };
  return {
    eventType,
    eventTime,
    producer: PRODUCER,
    schemaURL: OPENLINEAGE_SPEC,
    run: { runId: j.id, facets: runFacets },
    job: {
      namespace: 'shuzheng',
      name: ctx.jobName,
      facets: { jobType: { _producer: PRODUCER, _schemaURL: FACETS.jobType, processingType: 'BATCH', integration: 'SHUZHENG', jobType: 'INGEST' } },
    },
    inputs: [inputDataset(j.source as SourceSpec, j.source_description)],
    outputs: [output],
  };
}
