import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { approvalRoutes } from './approvals.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { cycleRoutes } from './cycles.routes';
import { funnelRoutes } from './funnel.routes';
import { importRoutes } from './imports.routes';
import { meRoutes } from './me.routes';
import { orgRoutes } from './org.routes';
import { payoutRoutes } from './payouts.routes';
import { payoutRunRoutes } from './payoutRuns.routes';
import { planningRoutes } from './planning.routes';
import { planRoutes } from './plans.routes';
import { positionRoutes } from './positions.routes';
import { ruleSetRoutes } from './ruleSets.routes';
import { systemRoutes } from './system.routes';
import { inquiryRoutes } from './inquiries.routes';

/** Every route module, registered in this order after the auth plugin. */
export const ROUTE_MODULES: readonly FastifyPluginCallbackZod[] = [
  systemRoutes,
  authRoutes,
  orgRoutes,
  auditRoutes,
  importRoutes,
  ruleSetRoutes,
  approvalRoutes,
  payoutRoutes,
  cycleRoutes,
  planningRoutes,
  funnelRoutes,
  planRoutes,
  meRoutes,
  payoutRunRoutes,
  inquiryRoutes,
  positionRoutes,
];
