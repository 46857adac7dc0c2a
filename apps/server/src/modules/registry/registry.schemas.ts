import { Type } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';

export const RegistryParam = Type.Union([Type.Literal('person'), Type.Literal('entity')], { description: 'person 人口库 · entity 法人库' });
export const RegistryParams = Type.Object({ registry: RegistryParam });
export const BuildParams = Type.Object({ id: Uuid });
export const PersonParams = Type.Object({ idNumber: Type.String({ minLength: 1, maxLength: 64, description: '公民身份号码' }) });
export const EntityParams = Type.Object({ creditCode: Type.String({ minLength: 1, maxLength: 64, description: '统一社会信用代码' }) });
export const PurposeQuery = Type.Object({ purpose: Type.String({ minLength: 2, maxLength: 200, description: '查询用途（必填，记入审计）' }) });

const BuildSource = Type.Object({ entryId: Uuid, entryName: Type.String(), departmentId: Uuid, departmentName: Type.String(), table: Type.String(), subjects: Type.Integer() });
export const Build = Type.Object({
  id: Uuid, registry: RegistryParam,
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule'), Type.Literal('seed')]),
  step: Type.Integer(), totalSteps: Type.Integer(), stepLabel: Nullable(Type.String()), percent: Type.Integer(),
  sources: Type.Array(BuildSource), subjects: Nullable(Type.Integer()), conflicts: Nullable(Type.Integer()), error: Nullable(Type.String()),
  requestedByName: Nullable(Type.String()), createdAt: Type.String(), startedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
});
export const BuildList = Type.Object({ items: Type.Array(Build) });

export const Overview = Type.Object({
  registry: RegistryParam, name: Type.String(), keyItem: Type.String(), keyName: Type.String(), records: Type.Integer(),
  sources: Type.Array(Type.Object({
    entryId: Uuid, entryName: Type.String(), departmentId: Uuid, departmentName: Type.String(), table: Type.String(), datasource: Type.String(),
    subjects: Nullable(Type.Integer()), items: Type.Array(Type.Object({ item: Type.String(), itemName: Type.String(), authoritative: Type.Boolean() })),
  })),
  precedence: Type.Array(Type.Object({ departmentId: Uuid, departmentName: Type.String() })),
  lastBuild: Nullable(Build), activeBuild: Nullable(Build),
});
export const OverviewList = Type.Object({ items: Type.Array(Overview) });
export const SettingsBody = Type.Object({ precedence: Type.Array(Uuid, { maxItems: 100, description: '无权威来源的数据项按此部门顺序取值（靠前优先）' }) }, { additionalProperties: false });

const Shown = { value: Nullable(Type.String()), masked: Type.Boolean() };
const Basis = Type.Union([Type.Literal('authoritative'), Type.Literal('precedence'), Type.Literal('latest')], { description: 'authoritative 权威来源 · precedence 优先级 · latest 最近更新' });
export const Profile = Type.Object({
  registry: RegistryParam, subjectKey: Type.String(), purpose: Type.String(), builtAt: Nullable(Type.String()),
  golden: Type.Array(Type.Object({
    item: Type.String(), itemName: Type.String(), ...Shown, basis: Basis, updatedAt: Type.String(), authoritative: Type.Boolean(),
    sourceEntryId: Uuid, sourceEntryName: Type.String(), sourceDepartmentId: Uuid, sourceDepartmentName: Type.String(),
    alternatives: Type.Array(Type.Object({ entryId: Uuid, entryName: Type.String(), departmentName: Type.String(), ...Shown })),
  })),
  sources: Type.Array(Type.Object({
    entryId: Uuid, entryName: Type.String(), departmentId: Uuid, departmentName: Type.String(), datasource: Type.String(), grade: Nullable(Type.String()),
    rows: Type.Array(Type.Object({
      updatedAt: Type.String(),
      values: Type.Array(Type.Object({ item: Type.String(), itemName: Type.String(), sensitivity: Type.String(), authoritative: Type.Boolean(), disputed: Type.Boolean({ description: '存疑：该值有已受理、尚在核实的异议' }), ...Shown })),
    })),
  })),
  hiddenSources: Type.Integer({ description: '因权限范围未显示的数据源数' }),
  masked: Type.Boolean({ description: '是否按权限脱敏（无 registry.profile.read_sensitive）' }),
});

export const Comparison = Type.Object({
  registry: RegistryParam, buildId: Nullable(Uuid), builtAt: Nullable(Type.String()),
  pairs: Type.Array(Type.Object({
    item: Type.String(), itemName: Type.String(),
    entryA: Uuid, entryAName: Type.String(), departmentA: Uuid, departmentAName: Type.String(),
    entryB: Uuid, entryBName: Type.String(), departmentB: Uuid, departmentBName: Type.String(),
    authoritative: Nullable(Type.Union([Type.Literal('a'), Type.Literal('b')])), compared: Type.Integer(), disagreed: Type.Integer(),
  })),
  departmentPairs: Type.Array(Type.Object({ departmentA: Uuid, departmentAName: Type.String(), departmentB: Uuid, departmentBName: Type.String(), compared: Type.Integer(), disagreed: Type.Integer() })),
});
const PairQuery = { item: Type.String({ minLength: 1, maxLength: 63 }), entryA: Uuid, entryB: Uuid };
export const SamplesQuery = Type.Object({ ...PairQuery, ...PageQuery });
export const ExportQuery = Type.Object({ ...PairQuery, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }) });
export const Samples = Paged(Type.Object({ key: Type.String(), valueA: Nullable(Type.String()), valueB: Nullable(Type.String()), updatedAtA: Type.String(), updatedAtB: Type.String() }));
