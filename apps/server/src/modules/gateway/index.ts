import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createGatewayService, type GatewayService } from './gateway.service.ts';
export { gatewayRoutes } from './gateway.routes.ts';
export { gatewayDataRoutes } from './gateway-data.routes.ts';
export { DEFAULT_GATEWAY_OPTIONS, type ActiveGrant, type GrantLookup, type GatewayOperation, type GatewayOptions } from './gateway-core.ts';
export { signRequest, stringToSign, canonicalQuery } from './gateway-signature.ts';
export { verifyCallLogChain, type ChainReport } from './call-log.ts';

export const gatewayModule: ModuleManifest = {
  name: 'gateway',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'gateway.credential.manage', name: '管理本部门信息系统的网关调用凭据', defaultRoles: ['data_steward', 'chief_data_officer'] },
    { code: 'gateway.upstream.manage', name: '设置本部门挂接接口的上游凭据（网关转发时出示）', defaultRoles: ['data_steward', 'chief_data_officer'] },
    { code: 'gateway.stats.read', name: '查看共享调用统计', defaultRoles: ['bureau_reviewer', 'leader', 'chief_data_officer', 'data_steward'] },
    { code: 'gateway.log.verify', name: '校验网关调用日志', defaultRoles: ['auditor'] },
  ],
};
